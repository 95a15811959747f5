/** `npm run test:e2e`: the package inside a real n8n 2.8.4 (host/), against the sandbox. */
const path = require('path');

module.exports = {
	rootDir: path.resolve(__dirname, '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// One n8n at a time: the suite shares ports, a user folder and minute-long poll ticks.
	maxWorkers: 1,
	// The first run installs n8n (~6 min); trigger checks wait for minute poll ticks.
	testTimeout: 15 * 60 * 1000,
};
