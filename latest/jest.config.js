/**
 * `npm run test:latest` (latest/run.js): the unit suite on Node 24 with the n8n-core/n8n-workflow
 * pair of latest/package.json, for the tests and the node sources alike (resolver.js).
 * Left out: test/sandbox/ (the emulators' own tests, which load no n8n code),
 * test/contracts/ (schema validators of our output, which load no n8n code either), and the short
 * soak, test/soak/soak.test.ts: on 2.41 each poll pays for its isolated-vm isolates (about 0.2 s
 * against 0.02 s on 2.8), so its 2,500 polls would take about 10 minutes; the engine it drives is
 * the same on both lines, `npm test` runs it on 2.8, and the 2.41-specific parts (a budget on every
 * poll, the new contexts) are covered here by test/shared/n8nApis, backlog and the trigger tests.
 */
const path = require('node:path');
const base = require('../jest.config.js');

if (!process.env.AUDIT_LOGS_LATEST_MODULES) {
	throw new Error('Run this leg with `npm run test:latest`: latest/run.js installs it and sets AUDIT_LOGS_LATEST_MODULES.');
}

module.exports = {
	...base,
	rootDir: path.resolve(__dirname, '..'),
	testPathIgnorePatterns: [...base.testPathIgnorePatterns, '/test/sandbox/', '/test/contracts/', '/test/soak/soak\\.test\\.ts$'],
	resolver: '<rootDir>/latest/resolver.js',
	testEnvironment: '<rootDir>/latest/environment.js',
};
