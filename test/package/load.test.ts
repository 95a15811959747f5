/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test code that installs the package and starts Node */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import packageJson from '../../package.json';

const root = resolve(__dirname, '../..');

interface Loaded {
	nodes: Record<string, { polling: boolean; firstProperty: string; usableAsTool: boolean; iconUrl: unknown; credentials: string[] }>;
	credentials: Record<string, { iconUrl: unknown; properties: string[] }>;
}

/**
 * Lays the built package out as n8n's installer does (package.json + files, no
 * dependencies), then loads it in a separate Node process where only n8n-workflow
 * resolves, as inside n8n.
 */
function loadLikeN8n(): Loaded {
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-audit-logs-install-'));
	const packageDir = join(userFolder, '.n8n/nodes/node_modules', packageJson.name);
	mkdirSync(packageDir, { recursive: true });
	writeFileSync(join(packageDir, 'package.json'), JSON.stringify(packageJson));
	for (const entry of packageJson.files) cpSync(join(root, entry), join(packageDir, entry), { recursive: true });

	const runtimeModules = join(userFolder, 'runtime/node_modules');
	mkdirSync(runtimeModules, { recursive: true });
	symlinkSync(dirname(require.resolve('n8n-workflow/package.json')), join(runtimeModules, 'n8n-workflow'));
	const output = execFileSync(process.execPath, [join(__dirname, 'loadInstalled.js'), packageDir, require.resolve('n8n-core')], {
		cwd: userFolder,
		env: { PATH: process.env.PATH, NODE_PATH: runtimeModules, N8N_USER_FOLDER: userFolder },
		encoding: 'utf8',
	});
	return JSON.parse(output) as Loaded;
}

describe('the built package, loaded the way n8n loads an installed community package', () => {
	let loaded: Loaded;
	beforeAll(() => {
		loaded = loadLikeN8n();
	});

	it('loads every node and credential of the n8n block, needing nothing but n8n-workflow', () => {
		expect(Object.keys(loaded.nodes).sort()).toEqual([
			'makeAuditLog',
			'makeAuditLogTrigger',
			'simAuditLog',
			'simAuditLogTrigger',
			'webflowAuditLog',
			'webflowAuditLogTrigger',
			'workivaActivity',
			'workivaActivityTrigger',
		]);
		expect(Object.keys(loaded.credentials).sort()).toEqual(['makeAuditLogApi', 'simAuditLogApi', 'webflowAuditLogApi', 'workivaOAuth2Api']);
		expect(packageJson.n8n.nodes).toHaveLength(Object.keys(loaded.nodes).length);
		expect(packageJson.n8n.credentials).toHaveLength(Object.keys(loaded.credentials).length);
	});

	it('makes the trigger a poller with n8n\'s interval setting, and the regular node usable as a tool', () => {
		expect(loaded.nodes.simAuditLogTrigger).toMatchObject({ polling: true, firstProperty: 'pollTimes', usableAsTool: false });
		expect(loaded.nodes.simAuditLog).toMatchObject({ polling: false, usableAsTool: true, credentials: ['simAuditLogApi'] });
		expect(loaded.nodes.webflowAuditLogTrigger).toMatchObject({ polling: true, firstProperty: 'pollTimes', usableAsTool: false });
		expect(loaded.nodes.webflowAuditLog).toMatchObject({ polling: false, usableAsTool: true, credentials: ['webflowAuditLogApi'] });
		expect(loaded.nodes.makeAuditLogTrigger).toMatchObject({ polling: true, firstProperty: 'pollTimes', usableAsTool: false });
		expect(loaded.nodes.makeAuditLog).toMatchObject({ polling: false, usableAsTool: true, credentials: ['makeAuditLogApi'] });
		expect(loaded.nodes.workivaActivityTrigger).toMatchObject({ polling: true, firstProperty: 'pollTimes', usableAsTool: false });
		expect(loaded.nodes.workivaActivity).toMatchObject({ polling: false, usableAsTool: true, credentials: ['workivaOAuth2Api'] });
	});

	it('resolves the icons inside the package', () => {
		expect(loaded.nodes.simAuditLog.iconUrl).toEqual({
			light: 'icons/n8n-nodes-audit-logs/dist/icons/sim.svg',
			dark: 'icons/n8n-nodes-audit-logs/dist/icons/sim.dark.svg',
		});
		expect(loaded.credentials.simAuditLogApi.iconUrl).toBeDefined();
	});
});
