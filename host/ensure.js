#!/usr/bin/env node
// Installs the pinned n8n host (host/package.json) on first use, checks it, and caches it.
//
// The install is slow (about 9 minutes on a fresh machine, 2.3 GB: sqlite3 is compiled from
// source). It happens once per lockfile into a machine-wide cache
// (~/.cache/n8n-nodes-audit-logs/host-<hash>, or $AUDIT_LOGS_HOST_CACHE), and host/node_modules
// links there, so fresh clones on the same machine reuse it.
//
// A host is stamped only after it passed the checks below, and it is checked again every time
// it is reused: a half-built or broken cache is repaired or reinstalled, never used.
'use strict';

const { createHash } = require('node:crypto');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const HOST_DIR = __dirname;
const N8N_BIN = path.join(HOST_DIR, 'node_modules', '.bin', 'n8n');
const N8N_VERSION = require('./package.json').dependencies.n8n;
const MANIFESTS = ['package.json', 'package-lock.json', '.npmrc'];
const STAMP_NAME = '.host-install-stamp';
/** Measured on a fresh machine (empty npm cache, empty host cache); see host/README.md. */
const FRESH_INSTALL_MINUTES = 9;
const FIX_COMMAND = 'npm run host:install';

const cacheRoot = () => process.env.AUDIT_LOGS_HOST_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-audit-logs');

function lockHash() {
	const hash = createHash('sha256');
	for (const file of MANIFESTS) {
		const full = path.join(HOST_DIR, file);
		if (fs.existsSync(full)) hash.update(`${file}\0`).update(fs.readFileSync(full));
	}
	return hash.digest('hex');
}

/**
 * The environment for the nested `npm install`. Under `npm run` / `npm start` / `npm exec`, npm
 * hands the project's settings (the root .npmrc's ignore-scripts=true among them) to children
 * as npm_config_* variables, and those outrank host/.npmrc. So every npm_* variable is dropped,
 * except the few machine-level settings a user may have set on purpose (cache, registry,
 * proxies, certificates, node headers). The install then reads host/.npmrc and the user's and
 * the global npmrc, exactly as `npm install` from a plain shell in that folder would.
 */
const KEPT_NPM_SETTINGS = new Set([
	'cache',
	'registry',
	'userconfig',
	'globalconfig',
	'nodedir',
	'cafile',
	'ca',
	'strict_ssl',
	'proxy',
	'https_proxy',
	'noproxy',
	'prefer_offline',
	'prefer_online',
	'offline',
]);

function installEnv(env = process.env) {
	const clean = {};
	for (const [key, value] of Object.entries(env)) {
		const setting = /^npm_config_(.+)$/i.exec(key)?.[1]?.toLowerCase();
		if (setting !== undefined ? KEPT_NPM_SETTINGS.has(setting) : !/^npm_/i.test(key)) clean[key] = value;
	}
	return clean;
}

/**
 * Checks a host's node_modules. Returns the problems found (empty when usable):
 * sqlite3 must load its native binding from this node_modules and open a database, and
 * `n8n --version` must print the pinned version.
 */
function checkHost(modulesDir) {
	const problems = [];
	const n8nBin = path.join(modulesDir, '.bin', 'n8n');
	if (!fs.existsSync(n8nBin)) return [{ what: 'n8n', detail: `${n8nBin} is missing` }];

	const probe = `
		const sqlite3 = require(require.resolve('sqlite3', { paths: [process.argv[1]] }));
		const db = new sqlite3.Database(':memory:');
		db.get('select sqlite_version() as v', (error, row) => {
			if (error) { console.error(error.message); process.exit(1); }
			console.log(row.v);
			db.close();
		});`;
	const sqlite = spawnSync(process.execPath, ['-e', probe, path.dirname(modulesDir)], { encoding: 'utf8', timeout: 60_000 });
	if (sqlite.status !== 0) {
		const reason = (sqlite.stderr || '').split('\n').find((line) => /Error|Cannot find/.test(line)) || `exit ${sqlite.status}`;
		problems.push({ what: 'sqlite3', detail: reason.trim() });
	}

	const version = spawnSync(n8nBin, ['--version'], {
		encoding: 'utf8',
		timeout: 120_000,
		env: { ...installEnv(), N8N_USER_FOLDER: fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-version-')) },
	});
	const printed = (version.stdout || '').trim().split('\n').pop();
	if (version.status !== 0 || printed !== N8N_VERSION) {
		problems.push({ what: 'n8n', detail: `\`n8n --version\` printed "${printed || ''}" (exit ${version.status}), expected ${N8N_VERSION}` });
	}
	return problems;
}

function describeProblems(problems) {
	return problems.map((p) => `${p.what}: ${p.detail}`).join('; ');
}

/** Runs npm in the cache folder with the clean environment, printing a heartbeat meanwhile. */
function runNpm(args, cwd, { log, label, expectedMinutes }) {
	return new Promise((resolve) => {
		const started = Date.now();
		const child = spawn('npm', args, { cwd, env: installEnv(), stdio: ['ignore', 'inherit', 'inherit'] });
		const heartbeat = setInterval(() => {
			const minutes = ((Date.now() - started) / 60_000).toFixed(1);
			log(`${label}: still running, ${minutes} min so far (usually about ${expectedMinutes} min)`);
		}, 60_000);
		child.on('exit', (code) => {
			clearInterval(heartbeat);
			resolve(code);
		});
		child.on('error', () => {
			clearInterval(heartbeat);
			resolve(-1);
		});
	});
}

async function installInto(cached, { log }) {
	log(
		`[host] installing n8n ${N8N_VERSION} into ${cached}. This happens once per machine and takes about ` +
			`${FRESH_INSTALL_MINUTES} minutes on a fresh one (about 2.3 GB; sqlite3 is compiled from source).`,
	);
	const started = Date.now();
	fs.rmSync(cached, { recursive: true, force: true });
	fs.mkdirSync(cached, { recursive: true });
	for (const file of MANIFESTS) fs.copyFileSync(path.join(HOST_DIR, file), path.join(cached, file));
	// `npm install` (not `npm ci`) honours the lockfile and tolerates platform-specific
	// optional packages that are missing from it.
	const code = await runNpm(['install', '--no-audit', '--no-fund'], cached, {
		log,
		label: '[host] npm install',
		expectedMinutes: FRESH_INSTALL_MINUTES,
	});
	if (code !== 0) throw hostError(`npm install in ${cached} failed (exit ${code}); npm's own message is above`);
	log(`[host] npm install finished in ${Math.round((Date.now() - started) / 1000)} s; checking the host…`);
}

function hostError(reason) {
	const build = /sqlite3/.test(reason)
		? 'sqlite3 is compiled from source here, which needs python3, make and g++ (Debian: apt-get install -y python3 make g++).\n'
		: '';
	return new Error(
		`[host] the n8n host is not usable: ${reason}.\n${build}` +
			`Fix it, then run: ${FIX_COMMAND}  (or delete ${cacheRoot()} to start from scratch)`,
	);
}

/**
 * Returns the path of the n8n binary, installing, checking or repairing the host first.
 * A cached host is re-checked every time; a broken one gets `npm rebuild sqlite3`, then a
 * full reinstall, and only then an error that names what is missing and how to fix it.
 */
async function ensureHost({ log = console.error } = {}) {
	const hash = lockHash();
	const cached = path.join(cacheRoot(), `host-${hash.slice(0, 16)}`);
	const modules = path.join(cached, 'node_modules');
	const stamp = path.join(modules, STAMP_NAME);
	const stamped = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === hash;

	let problems = stamped ? checkHost(modules) : [{ what: 'host', detail: 'not installed yet' }];
	if (stamped && problems.length > 0) {
		log(`[host] the cached host at ${cached} is broken (${describeProblems(problems)})`);
		fs.rmSync(stamp, { force: true });
		if (problems.every((p) => p.what === 'sqlite3')) {
			log('[host] rebuilding sqlite3 from source (about 1–2 min)…');
			await runNpm(['rebuild', 'sqlite3'], cached, { log, label: '[host] npm rebuild sqlite3', expectedMinutes: 2 });
			problems = checkHost(modules);
		}
	}
	if (problems.length > 0) {
		await installInto(cached, { log });
		problems = checkHost(modules);
		if (problems.length > 0) throw hostError(describeProblems(problems));
	}
	if (!stamped || !fs.existsSync(stamp)) {
		fs.writeFileSync(stamp, `${hash}\n`);
		log(`[host] n8n ${N8N_VERSION} is installed and checked (sqlite3 loads, n8n --version is ${N8N_VERSION})`);
	}

	const link = path.join(HOST_DIR, 'node_modules');
	const current = fs.lstatSync(link, { throwIfNoEntry: false });
	if (!(current?.isSymbolicLink() && fs.readlinkSync(link) === modules)) {
		fs.rmSync(link, { recursive: true, force: true });
		fs.symlinkSync(modules, link, 'dir');
	}
	return N8N_BIN;
}

module.exports = { ensureHost, checkHost, installEnv, N8N_BIN, N8N_VERSION, HOST_DIR };

if (require.main === module) {
	ensureHost().then(
		(bin) => console.log(bin),
		(error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
