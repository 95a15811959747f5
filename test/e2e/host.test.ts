/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * The n8n host's own checks (host/ensure.js): a host whose sqlite3 cannot load is never used,
 * and the nested install does not inherit the project's npm settings.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as host from '../../host';

let modules: string;

beforeAll(async () => {
	// Plain lines on stderr: the host install reports progress, and jest would frame console.error.
	await host.ensureHost({ log: (line) => process.stderr.write(`${line}\n`) });
	modules = realpathSync(join(host.HOST_DIR, 'node_modules'));
});

it('passes the installed host: sqlite3 opens a database and n8n --version is the pinned one', () => {
	expect(host.checkHost(modules)).toEqual([]);
});

it('fails a host whose sqlite3 native binding is missing, naming sqlite3', () => {
	// A temporary host: every package linked to the real one, except sqlite3, which is a copy
	// without its compiled binding (build/), as an install with scripts skipped leaves it.
	const copy = join(mkdtempSync(join(tmpdir(), 'host-without-sqlite-')), 'node_modules');
	mkdirSync(copy);
	try {
		for (const entry of readdirSync(modules)) {
			if (entry !== 'sqlite3') symlinkSync(join(modules, entry), join(copy, entry));
		}
		cpSync(join(modules, 'sqlite3'), join(copy, 'sqlite3'), {
			recursive: true,
			filter: (source) => !source.startsWith(join(modules, 'sqlite3', 'build')),
		});
		const problems = host.checkHost(copy);
		expect(problems.map((problem) => problem.what)).toEqual(['sqlite3']);
		expect(problems[0].detail).toMatch(/bindings|node_sqlite3/i);
	} finally {
		rmSync(join(copy, '..'), { recursive: true, force: true });
	}
});

it('drops the npm_config_* settings npm run hands down, but keeps machine-level ones', () => {
	const env = host.installEnv({
		PATH: '/usr/bin',
		npm_config_ignore_scripts: 'true',
		npm_config_yes: 'true',
		npm_config_local_prefix: '/repo',
		npm_lifecycle_event: 'start',
		npm_package_name: 'n8n-nodes-audit-logs',
		npm_config_cache: '/tmp/empty-cache',
		npm_config_registry: 'https://registry.example/',
		npm_config_nodedir: '/usr',
	});
	expect(env).toEqual({
		PATH: '/usr/bin',
		npm_config_cache: '/tmp/empty-cache',
		npm_config_registry: 'https://registry.example/',
		npm_config_nodedir: '/usr',
	});
});
