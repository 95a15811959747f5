/** Unit, engine and real-n8n-core tests. The e2e and queue-mode suites have their own configs (host/). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/queue/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/harness/globalSetup.js',
	setupFiles: ['<rootDir>/test/harness/env.js'],
	setupFilesAfterEnv: ['<rootDir>/test/harness/expressionEngine.js'],
	testTimeout: 60000,
};
