/**
 * `npm run test:latest` (latest/run.js): the unit suite on Node 24 with the n8n-core/n8n-workflow
 * pair of latest/package.json, for the tests and the node sources alike (resolver.js).
 * Left out: test/sandbox/ (the emulators' own tests, which load no n8n code) and
 * test/contracts/ (schema validators of our output, which load no n8n code either).
 */
const path = require('node:path');
const base = require('../jest.config.js');

if (!process.env.AUDIT_LOGS_LATEST_MODULES) {
	throw new Error('Run this leg with `npm run test:latest`: latest/run.js installs it and sets AUDIT_LOGS_LATEST_MODULES.');
}

module.exports = {
	...base,
	rootDir: path.resolve(__dirname, '..'),
	testPathIgnorePatterns: [...base.testPathIgnorePatterns, '/test/sandbox/', '/test/contracts/'],
	resolver: '<rootDir>/latest/resolver.js',
	testEnvironment: '<rootDir>/latest/environment.js',
};
