#!/usr/bin/env node
// Installs the pinned n8n host (host/package.json) on first use and caches it.
// The install is slow (~6 min, ~2.3 GB). It happens once per lockfile in a machine-wide
// cache (~/.cache/n8n-nodes-audit-logs/host-<hash>, or $AUDIT_LOGS_HOST_CACHE), and
// host/node_modules links there, so fresh clones on the same machine (CI) reuse it.
'use strict';

const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const HOST_DIR = __dirname;
const N8N_BIN = path.join(HOST_DIR, 'node_modules', '.bin', 'n8n');
const LOCKFILE = path.join(HOST_DIR, 'package-lock.json');
const STAMP = path.join(HOST_DIR, 'node_modules', '.host-install-stamp');
const CACHE_ROOT = process.env.AUDIT_LOGS_HOST_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-audit-logs');
const MANIFESTS = ['package.json', 'package-lock.json', '.npmrc'];

function lockHash() {
	const hash = createHash('sha256');
	for (const file of [path.join(HOST_DIR, 'package.json'), LOCKFILE]) {
		if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
	}
	return hash.digest('hex');
}

function isInstalled() {
	return (
		fs.existsSync(N8N_BIN) &&
		fs.existsSync(STAMP) &&
		fs.readFileSync(STAMP, 'utf8').trim() === lockHash()
	);
}

/** Returns the path of the n8n binary, installing the host first if needed. */
function ensureHost({ log = console.error } = {}) {
	if (isInstalled()) return N8N_BIN;
	const hash = lockHash();
	const cached = path.join(CACHE_ROOT, `host-${hash.slice(0, 16)}`);
	const cachedModules = path.join(cached, 'node_modules');
	const cachedStamp = path.join(cachedModules, '.host-install-stamp');
	if (!(fs.existsSync(cachedStamp) && fs.readFileSync(cachedStamp, 'utf8').trim() === hash)) {
		log(`[host] installing n8n into ${cached} (first run takes ~6 min, ~2.3 GB)…`);
		const started = Date.now();
		fs.rmSync(cached, { recursive: true, force: true });
		fs.mkdirSync(cached, { recursive: true });
		for (const file of MANIFESTS) fs.copyFileSync(path.join(HOST_DIR, file), path.join(cached, file));
		// `npm install` (not `npm ci`) honours the lockfile and tolerates platform-specific
		// optional packages that are missing from it.
		const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
			cwd: cached,
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		if (result.status !== 0 || !fs.existsSync(path.join(cachedModules, '.bin', 'n8n'))) {
			throw new Error(`[host] npm install in ${cached} failed (exit ${result.status})`);
		}
		fs.writeFileSync(cachedStamp, `${hash}\n`);
		log(`[host] n8n installed in ${Math.round((Date.now() - started) / 1000)} s`);
	}
	fs.rmSync(path.join(HOST_DIR, 'node_modules'), { recursive: true, force: true });
	fs.symlinkSync(cachedModules, path.join(HOST_DIR, 'node_modules'), 'dir');
	return N8N_BIN;
}

module.exports = { ensureHost, isInstalled, N8N_BIN, HOST_DIR };

if (require.main === module) {
	try {
		console.log(ensureHost());
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
