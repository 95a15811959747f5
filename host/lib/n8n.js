// Runs the pinned n8n (host/node_modules/.bin/n8n) against an isolated user folder:
// `n8n start` as a managed server, and one-shot CLI commands (import, publish, execute).
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { N8N_BIN } = require('../ensure');
const { freePort, spawnGroup } = require('./proc');

/**
 * The environment every n8n process of one user folder shares. Inherited N8N_* and DB_*
 * variables are dropped so a developer's own n8n settings cannot leak into the sandbox.
 */
function n8nEnv(userFolder, { port, brokerPort, logLevel = 'info', extra = {} } = {}) {
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^(N8N_|DB_|EXECUTIONS_|GENERIC_|QUEUE_)/.test(key)),
	);
	return {
		...env,
		// Never inherit jest's NODE_ENV=test: n8n then silences its logger and skips exits.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		...(port ? { N8N_PORT: String(port) } : {}),
		...(brokerPort ? { N8N_RUNNERS_BROKER_PORT: String(brokerPort) } : {}),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_LOG_LEVEL: logLevel,
		// Loopback-only sandbox: no telemetry, update checks, templates or onboarding survey.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// Plain http on localhost needs non-secure cookies to log in.
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// Fixed zone, so "yesterday" in the examples means the same day to tests and n8n.
		GENERIC_TIMEZONE: 'UTC',
		...extra,
	};
}

/** Runs `n8n <args>` to completion; resolves with its output, rejects on a non-zero exit. */
async function runCli(userFolder, args, { timeoutMs = 180_000, env = {} } = {}) {
	// Commands that execute workflows start a task broker, so give them their own free port.
	const brokerPort = await freePort();
	return new Promise((resolve, reject) => {
		const child = spawn(N8N_BIN, args, {
			// Log level info: `execute` prints its JSON through the info logger.
			env: n8nEnv(userFolder, { brokerPort, extra: env }),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, timeoutMs);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			try {
				process.kill(-child.pid, 'SIGKILL'); // task runners started by `execute`
			} catch {}
			if (code === 0) return resolve({ stdout, stderr });
			const error = new Error(`n8n ${args.join(' ')} failed (${code ?? signal}):\n${stdout}\n${stderr}`);
			Object.assign(error, { stdout, stderr, code });
			reject(error);
		});
	});
}

function writeTemp(userFolder, name, data) {
	const file = path.join(userFolder, 'imports', name);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

// `env` below: extra settings, e.g. the database and queue of a queue-mode installation.

/** Imports credentials `[{ id, name, type, data }]`; a plain-object `data` is encrypted. */
async function importCredentials(userFolder, credentials, { env } = {}) {
	const file = writeTemp(userFolder, 'credentials.json', credentials);
	await runCli(userFolder, ['import:credentials', `--input=${file}`], { env });
}

/** Imports workflows (each needs an `id`). n8n always stores them inactive. */
async function importWorkflows(userFolder, workflows, { env } = {}) {
	const file = writeTemp(userFolder, 'workflows.json', workflows);
	await runCli(userFolder, ['import:workflow', `--input=${file}`], { env });
}

/** Marks a workflow active; takes effect on the next `n8n start` (never while running). */
async function publishWorkflow(userFolder, id, { env } = {}) {
	await runCli(userFolder, ['publish:workflow', `--id=${id}`], { env });
}

/**
 * `n8n execute --id --rawOutput` (the workflow must start with a Manual Trigger).
 * Returns the run data: { data: { resultData: { runData, ... } }, status, ... }.
 */
async function executeWorkflow(userFolder, id) {
	const { stdout } = await runCli(userFolder, ['execute', `--id=${id}`, '--rawOutput']);
	// Log lines may precede the JSON document, which starts on a line of its own.
	const start = stdout.search(/^\{$/m);
	const end = stdout.lastIndexOf('\n}') + 2;
	if (start < 0 || end < start) throw new Error(`n8n execute printed no JSON:\n${stdout}`);
	return JSON.parse(stdout.slice(start, end));
}

/** Items each node produced in the run, keyed by node name (first output, last run). */
function nodeOutputs(run) {
	const outputs = {};
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		const task = tasks[tasks.length - 1];
		outputs[name] = (task.data?.main?.[0] ?? []).map((item) => item.json);
	}
	return outputs;
}

/**
 * Starts `n8n start` and resolves once the editor is up and active workflows are
 * activated ("Editor is now accessible" is logged after activation; /healthz answers
 * earlier). Output goes to <userFolder>/n8n.log and to `onLog` if given; `env` adds settings.
 */
async function startN8n(userFolder, { port, brokerPort, onLog, env, timeoutMs = 180_000 } = {}) {
	port ??= await freePort();
	const url = `http://127.0.0.1:${port}`;
	const server = await startProcess(userFolder, 'start', {
		env: n8nEnv(userFolder, { port, brokerPort: brokerPort ?? (await freePort()), extra: env }),
		onLog,
		timeoutMs,
		readyLine: 'Editor is now accessible',
		isUp: () => isHealthy(url),
	});
	return { url, editorUrl: `http://localhost:${port}`, port, ...server };
}

/**
 * Starts `n8n worker` (queue mode: `env` must name the database and Redis of the main instance)
 * and resolves once it is ready to take jobs. Output goes to <userFolder>/n8n.log and `onLog`.
 * `kill()` ends it with SIGKILL, as a crash would.
 */
async function startWorker(userFolder, { brokerPort, onLog, env, timeoutMs = 180_000 } = {}) {
	return startProcess(userFolder, 'worker', {
		env: n8nEnv(userFolder, { brokerPort: brokerPort ?? (await freePort()), extra: env }),
		onLog,
		timeoutMs,
		readyLine: 'n8n worker is now ready',
	});
}

/** Runs `n8n <command>` until it has logged `readyLine` and `isUp()` holds (checked every 250 ms). */
async function startProcess(userFolder, command, { env, onLog, timeoutMs, readyLine, isUp = async () => true }) {
	const logFile = path.join(userFolder, 'n8n.log');
	fs.mkdirSync(userFolder, { recursive: true });
	const log = fs.createWriteStream(logFile, { flags: 'a' });

	let ready = false;
	const child = spawnGroup(N8N_BIN, [command], {
		env,
		onOutput: (line) => {
			log.write(`${line}\n`);
			onLog?.(line);
			if (line.includes(readyLine)) ready = true;
		},
	});
	const stop = async () => {
		await child.stop();
		log.end();
	};
	const kill = async () => {
		child.kill();
		await child.exited;
		log.end();
	};

	const deadline = Date.now() + timeoutMs;
	let exitCode;
	child.exited.then((code) => (exitCode = code));
	while (!(ready && (await isUp()))) {
		if (exitCode !== undefined || Date.now() > deadline) {
			await stop();
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
			throw new Error(`n8n ${command} did not start (exit ${exitCode ?? 'timeout'}); see ${logFile}:\n${tail}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return { logFile, exited: child.exited, stop, kill };
}

async function isHealthy(url) {
	try {
		return (await fetch(`${url}/healthz`)).ok;
	} catch {
		return false;
	}
}

module.exports = {
	n8nEnv,
	runCli,
	importCredentials,
	importWorkflows,
	publishWorkflow,
	executeWorkflow,
	nodeOutputs,
	startN8n,
	startWorker,
};
