#!/usr/bin/env node
// `npm start`: this package inside a real n8n 2.8.4, wired to the sandbox emulators.
// Builds and installs the package into .n8n-user/ (kept between runs), starts the emulators
// (new events every 5 s) and a stand-in SIEM, imports credentials and examples, publishes
// the trigger and MCP server examples, starts n8n and prints how to log in. Ctrl-C stops everything.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ensureHost } = require('./ensure');
const { DEFAULT_OWNER, ownerSession } = require('./lib/api');
const n8n = require('./lib/n8n');
const { freePort } = require('./lib/proc');
const { REPO_ROOT, buildAndPack, installPackage } = require('./lib/package');
const { startSandboxProcess } = require('./lib/sandbox');
const { startSink } = require('./lib/sink');
const wf = require('./lib/workflows');

const USER_FOLDER = path.resolve(process.env.AUDIT_LOGS_N8N_USER_FOLDER || path.join(REPO_ROOT, '.n8n-user'));
// n8n's usual port when it is free, so the editor URL (and its login cookie) stays the same.
const N8N_PORT = Number(process.env.AUDIT_LOGS_N8N_PORT || 5678);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT || 0);
const TRICKLE_MS = Number(process.env.SANDBOX_TRICKLE_MS || 5000);
const SINK_LOG = path.join(USER_FOLDER, 'sink.log');
const SUMMARY_EVERY_MS = 60_000;

const log = (message) => console.log(`[start] ${message}`);
const stoppers = [];

async function main() {
	await ensureHost({ log });

	log('building and packing the package…');
	const tarball = buildAndPack();
	const pkg = installPackage(tarball, USER_FOLDER);
	log(`installed ${pkg.name}@${pkg.version} into ${path.relative(REPO_ROOT, pkg.dir)}`);

	const sandbox = await startSandboxProcess({
		port: SANDBOX_PORT,
		trickleMs: TRICKLE_MS,
		onLog: (line) => console.log(`[sandbox] ${line}`),
	});
	stoppers.push(sandbox.stop);
	// Every delivery goes to a log file; the terminal gets a one-line summary now and then,
	// so the editor URL and login stay on screen.
	const sinkLog = fs.createWriteStream(SINK_LOG, { flags: 'a' });
	const deliveries = new SinkSummary();
	const sink = await startSink({
		onReceive: (entry) => {
			sinkLog.write(`${JSON.stringify({ at: entry.at, path: entry.path, body: entry.body })}\n`);
			deliveries.count(entry);
		},
	});
	stoppers.push(sink.stop, async () => sinkLog.end());
	const summary = setInterval(() => {
		const line = deliveries.flush();
		if (line) log(`${line} (details: ${path.relative(process.cwd(), SINK_LOG)})`);
	}, SUMMARY_EVERY_MS);
	stoppers.push(async () => clearInterval(summary));

	// n8n is not running yet: importing and publishing now avoids duplicate pollers (n8n #35251).
	const ours = wf.packageTypes(pkg.dir);
	const credentials = wf.sandboxCredentials(sandbox.emulators, ours.credentials);
	await n8n.importCredentials(USER_FOLDER, credentials);
	const { prepared, skipped } = wf.localizeExamples(wf.readExamples(), {
		credentials,
		emulators: sandbox.emulators,
		sinkUrl: sink.url,
		knownTypes: wf.exampleTypes(ours.nodes),
	});
	for (const { file, missing } of skipped) log(`skipping examples/${file}: unknown ${missing.join(', ')}`);
	if (prepared.length > 0) {
		await n8n.importWorkflows(USER_FOLDER, prepared.map((e) => e.workflow));
		for (const { file, workflow } of prepared.filter((e) => wf.isTriggerWorkflow(e.workflow) || wf.isMcpWorkflow(e.workflow))) {
			await n8n.publishWorkflow(USER_FOLDER, workflow.id);
			log(`published examples/${file}`);
		}
	}

	log('starting n8n…');
	const server = await n8n.startN8n(USER_FOLDER, { port: await freePort(N8N_PORT) });
	stoppers.unshift(server.stop); // stop n8n first, so its pollers do not hit stopped emulators
	await ownerSession(server.url, DEFAULT_OWNER); // creates the owner on a fresh folder

	console.log('');
	console.log(`  n8n editor:  ${server.editorUrl}`);
	console.log(`  login:       ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}`);
	for (const [provider, emulator] of Object.entries(sandbox.emulators)) {
		console.log(`  ${provider.padEnd(12)} ${emulator.url}`);
	}
	for (const { workflow } of prepared.filter((e) => wf.isMcpWorkflow(e.workflow))) {
		const trigger = workflow.nodes.find((node) => node.type === wf.MCP_TRIGGER);
		console.log(`  MCP server:  ${server.url}/mcp/${trigger.parameters.path}  (${workflow.name})`);
	}
	console.log(`  SIEM/chat sink: ${sink.url}/_sink/received  (each delivery: ${path.relative(process.cwd(), SINK_LOG)})`);
	console.log(`  n8n log:     ${path.relative(process.cwd(), server.logFile)}`);
	console.log('  Ctrl-C stops n8n and the sandbox. A summary of deliveries follows once a minute.');
	console.log('');

	const code = await Promise.race([server.exited, sandbox.exited]);
	if (shuttingDown) return; // Ctrl-C: shutdown() is already stopping the children
	log(`${(await Promise.race([server.exited.then(() => 'n8n'), sandbox.exited.then(() => 'the sandbox')]))} exited (${code}); shutting down`);
	await shutdown(1);
}

/** Counts sink deliveries between summaries: SIEM forwards by provider and format, chat alerts apart. */
class SinkSummary {
	constructor() {
		this.total = 0;
		this.since = new Map();
	}

	count({ body }) {
		this.total += 1;
		const kind = SinkSummary.kindOf(body);
		this.since.set(kind, (this.since.get(kind) ?? 0) + 1);
	}

	/**
	 * Chat alerts carry `text`; OCSF events a numeric `class_uid` and the provider in
	 * `unmapped.provider` ("sim OCSF event"); normalized events `provider` ("sim event").
	 */
	static kindOf(body) {
		if (typeof body?.text === 'string') return 'chat alert';
		if (typeof body?.class_uid === 'number') return `${body.unmapped?.provider ?? 'other'} OCSF event`;
		return `${body?.provider ?? 'other'} event`;
	}

	/** One line for what arrived since the last call, or null if nothing did. */
	flush() {
		if (this.since.size === 0) return null;
		const parts = [...this.since].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`);
		this.since.clear();
		return `sink received ${parts.join(', ')} in the last minute; ${this.total} in all`;
	}
}

let shuttingDown = false;
async function shutdown(exitCode) {
	if (shuttingDown) return;
	shuttingDown = true;
	for (const stop of stoppers) await stop().catch((error) => console.error(error));
	log('stopped');
	process.exit(exitCode);
}

process.on('SIGINT', () => {
	log('stopping…');
	shutdown(0);
});
process.on('SIGTERM', () => shutdown(0));

fs.mkdirSync(USER_FOLDER, { recursive: true });
main().catch(async (error) => {
	console.error(error.stack || error.message);
	await shutdown(1);
});
