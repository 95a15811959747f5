// Builds and packs this repository, then installs the tarball into an n8n user folder
// the way n8n's community-package installer does, so n8n loads exactly what users get.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

function run(cmd, args, cwd) {
	return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/** `npm run build` + `npm pack`; returns the absolute path of the tarball (in a temp dir). */
function buildAndPack({ build = true } = {}) {
	if (build) run('npm', ['run', 'build', '--silent'], REPO_ROOT);
	const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-logs-pack-'));
	const [packed] = JSON.parse(
		run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], REPO_ROOT),
	);
	return path.join(destination, packed.filename);
}

/**
 * Extracts the tarball into <userFolder>/.n8n/nodes/node_modules/<name> and lists it in
 * .n8n/nodes/package.json. Like n8n's installer it drops dev, peer and optional
 * dependencies (n8n provides n8n-workflow itself) and installs only runtime ones.
 */
function installPackage(tarball, userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-logs-unpack-'));
	run('tar', ['-xzf', tarball, '-C', staging], staging);
	const unpacked = path.join(staging, 'package'); // npm tarballs keep everything under package/

	const manifestPath = path.join(unpacked, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

	const target = path.join(nodesDir, 'node_modules', manifest.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.cpSync(unpacked, target, { recursive: true });
	fs.rmSync(staging, { recursive: true, force: true });

	if (Object.keys(manifest.dependencies ?? {}).length > 0) {
		run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], target);
	}

	const listPath = path.join(nodesDir, 'package.json');
	const list = fs.existsSync(listPath)
		? JSON.parse(fs.readFileSync(listPath, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	list.dependencies = { ...list.dependencies, [manifest.name]: manifest.version };
	fs.writeFileSync(listPath, `${JSON.stringify(list, null, 2)}\n`);

	return { name: manifest.name, version: manifest.version, dir: target };
}

module.exports = { REPO_ROOT, buildAndPack, installPackage };
