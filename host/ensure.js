#!/usr/bin/env node
// Installs the pinned n8n host (host/package.json) on first use and caches it.
// The install is slow (~6 min, ~2.3 GB), so it is skipped while node_modules/.bin/n8n
// exists and the lockfile hash matches the stamp written after the last install.
'use strict';

const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const HOST_DIR = __dirname;
const N8N_BIN = path.join(HOST_DIR, 'node_modules', '.bin', 'n8n');
const LOCKFILE = path.join(HOST_DIR, 'package-lock.json');
const STAMP = path.join(HOST_DIR, 'node_modules', '.host-install-stamp');

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
	log('[host] installing n8n into host/node_modules (first run takes ~6 min, ~2.3 GB)…');
	const started = Date.now();
	// `npm install` (not `npm ci`) honours the lockfile and tolerates platform-specific
	// optional packages that are missing from it.
	const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
		cwd: HOST_DIR,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (result.status !== 0 || !fs.existsSync(N8N_BIN)) {
		throw new Error(`[host] npm install in ${HOST_DIR} failed (exit ${result.status})`);
	}
	fs.writeFileSync(STAMP, `${lockHash()}\n`);
	log(`[host] n8n installed in ${Math.round((Date.now() - started) / 1000)} s`);
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
