// Child processes in their own process group, so stopping one also stops everything it
// started (n8n's task runners, ts-node's compiler) and nothing is left behind.
'use strict';

const { spawn } = require('node:child_process');
const net = require('node:net');

const running = new Set();

/** `preferred` if it is free on 127.0.0.1, else any port that was free a moment ago. */
function freePort(preferred = 0) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', (error) => (preferred ? freePort(0).then(resolve, reject) : reject(error)));
		server.listen(preferred, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Spawns `command` as the leader of a new process group. Output goes to `onOutput`
 * (line by line); `uid`/`gid` run it as another user (servers that refuse to run as root).
 * Returns { child, exited, stop(), kill() }; `exited` resolves with the exit code or signal,
 * `kill()` sends SIGKILL to the whole group at once (a crash, not a shutdown).
 */
function spawnGroup(command, args, { cwd, env, uid, gid, onOutput = () => {} } = {}) {
	const child = spawn(command, args, { cwd, env, uid, gid, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
	for (const stream of [child.stdout, child.stderr]) {
		let buffered = '';
		stream.setEncoding('utf8');
		stream.on('data', (chunk) => {
			buffered += chunk;
			const lines = buffered.split('\n');
			buffered = lines.pop();
			lines.forEach(onOutput);
		});
		stream.on('end', () => buffered && onOutput(buffered));
	}

	const handle = { child, exited, stop: () => stopGroup(handle), kill: () => signalGroup(child, 'SIGKILL') };
	running.add(handle);
	exited.then(() => running.delete(handle));
	return handle;
}

function signalGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// The group is already gone.
	}
}

/** SIGTERM the whole group, SIGKILL it if it is still there after `graceMs`. */
async function stopGroup(handle, graceMs = 15_000) {
	if (handle.child.exitCode === null && handle.child.signalCode === null) {
		signalGroup(handle.child, 'SIGTERM');
		const timer = setTimeout(() => signalGroup(handle.child, 'SIGKILL'), graceMs);
		await handle.exited;
		clearTimeout(timer);
	}
	// Grandchildren may outlive the leader; make sure the group is empty.
	signalGroup(handle.child, 'SIGKILL');
}

/** Last resort when this process exits: kill every group still running. */
process.on('exit', () => {
	for (const handle of running) signalGroup(handle.child, 'SIGKILL');
});

module.exports = { freePort, spawnGroup, stopGroup };
