// Runs the provider emulators (test/sandbox/cli.ts) as a child process for `npm start`.
// Contract: once every emulator listens, the CLI prints one machine-readable line
//   SANDBOX_READY {"sim":{"url":…,"apiKey":…,"controlUrl":…},"webflow":{…}}
// and runs until SIGTERM/SIGINT. It reads SANDBOX_PORT (first port; 0 = free ports) and
// SANDBOX_TRICKLE_MS (one new event per emulator every N ms).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { REPO_ROOT } = require('./package');
const { spawnGroup } = require('./proc');

const CLI = path.join(REPO_ROOT, 'test', 'sandbox', 'cli.ts');
const TS_NODE = path.join(REPO_ROOT, 'node_modules', '.bin', 'ts-node');
const READY = 'SANDBOX_READY ';

/** Resolves with { emulators, stop() } once the ready line was printed. */
function startSandboxProcess({ port = 0, trickleMs = 0, onLog = () => {}, timeoutMs = 60_000 } = {}) {
	if (!fs.existsSync(CLI)) throw new Error(`${CLI} does not exist yet`);
	return new Promise((resolve, reject) => {
		let settled = false;
		const sandbox = spawnGroup(TS_NODE, ['--transpile-only', '--project', path.join(REPO_ROOT, 'tsconfig.json'), CLI], {
			cwd: REPO_ROOT,
			env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_TRICKLE_MS: String(trickleMs) },
			onOutput: (line) => {
				if (!settled && line.startsWith(READY)) {
					settled = true;
					clearTimeout(timer);
					const emulators = JSON.parse(line.slice(READY.length));
					resolve({ emulators, exited: sandbox.exited, stop: sandbox.stop });
				} else {
					onLog(line);
				}
			},
		});
		const fail = async (reason) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			await sandbox.stop();
			reject(new Error(`sandbox did not start: ${reason}`));
		};
		const timer = setTimeout(() => fail('no ready line within timeout'), timeoutMs);
		sandbox.exited.then((code) => fail(`exited with ${code}`));
	});
}

module.exports = { startSandboxProcess };
