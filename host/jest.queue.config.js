/**
 * `npm run test:queue`: the package in n8n's queue mode (host/, n8n 2.8.4): a main instance and
 * workers sharing real Redis and PostgreSQL servers, against the sandbox.
 */
const path = require('path');

module.exports = {
	rootDir: path.resolve(__dirname, '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// One installation at a time: its steps follow each other (restarts, a crash) and wait for
	// minute-long poll ticks.
	maxWorkers: 1,
	testTimeout: 15 * 60 * 1000,
};
