/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * Each single-provider package (npm run pack:providers) ALONE in a real n8n 2.8.4: its tarball is
 * installed the community way into a fresh n8n user folder of its own, and that provider's
 * examples, converted to the package's node types by scripts/convert-workflow.ts, are imported.
 * Manual examples run through `n8n execute` with the same exact checks as the combined e2e;
 * the trigger examples are published, n8n is started, and new events must arrive exactly once.
 * The four n8n instances share one sandbox and one sink; while one waits for its minute poll
 * the next is set up.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as host from '../../host';
import type { Credential, EmulatorInfo, Execution, JsonObject, N8nServer, Run, Sink, Workflow } from '../../host';
import { canonicalJson as canonical } from '../../nodes/shared/hash';
import { convertWorkflow } from '../../scripts/convert-workflow';
import { buildProviderPackage } from '../../scripts/pack-providers';
import { packageName, PROVIDERS } from '../../scripts/providers';
import { describeSandbox, type Sandbox, startSandbox } from '../sandbox';
import { MANUAL_CHECKS, storedBinaryReader } from './manualChecks';

const MINUTE = 60_000;

/** All four packages; E2E_PROVIDERS=webflow,make runs only those (while working on one). */
const SELECTED = PROVIDERS.filter(({ key }) => !process.env.E2E_PROVIDERS || process.env.E2E_PROVIDERS.split(',').includes(key));

/** Each package's examples: the files of examples/ that convert to it. */
const EXAMPLES: Record<string, string[]> = {
	sim: ['sim-daily-csv-report.json', 'sim-forward-to-siem.json'],
	webflow: ['webflow-admin-role-alert.json', 'webflow-forward-to-siem.json', 'webflow-weekly-access-review.json'],
	make: ['make-forward-to-siem.json'],
	workiva: ['workiva-forward-to-siem.json'],
};

/** Credential type per provider: the same global name as in the combined package. */
const CREDENTIAL_TYPES: Record<string, string> = {
	sim: 'simAuditLogApi',
	webflow: 'webflowAuditLogApi',
	make: 'makeAuditLogApi',
	workiva: 'workivaOAuth2Api',
};

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

interface Installed {
	userFolder: string;
	tarball: string;
	types: { nodes: Set<string>; credentials: Set<string> };
	credentials: Credential[];
	prepared: Array<{ file: string; workflow: Workflow & { id: string } }>;
	skipped: Array<{ file: string; missing: string[] }>;
	manualRuns: Record<string, Run>;
	server?: N8nServer;
	/** Resolves once every trigger example has delivered what was inserted for it. */
	delivered?: Promise<TriggerResult>;
}

interface TriggerResult {
	/** The inserted events, oldest first, canonical. */
	inserted: string[];
	/** Per trigger example file: its executions, oldest first. */
	executions: Record<string, Execution[]>;
}

let sandbox: Sandbox;
let sink: Sink;
let outDir: string;
const installed: Record<string, Installed> = {};
const timings: string[] = [];

const emulators = (): Record<string, EmulatorInfo> => describeSandbox(sandbox.emulators) as Record<string, EmulatorInfo>;

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Probes every 2 s until it gives a value. A probe that throws (a request that met a closing
 * keep-alive socket) is tried again; if the time runs out, the last error is named.
 */
async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
		await sleep(2000);
	}
}

/** `POST <control>/events`: returns the inserted events newest first, canonical. */
async function insertEvents(emulator: EmulatorInfo, body: unknown): Promise<string[]> {
	const response = await fetch(`${emulator.controlUrl}/events`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.ok).toBe(true);
	return ((await response.json()) as { data: unknown[] }).data.map(canonical);
}

const triggerName = (workflow: Workflow): string => workflow.nodes.find((node) => /Trigger$/.test(node.type))!.name;

/** The Webflow events inserted: an admin grant (the alert must post it) and a login (it must not). */
function webflowEvents(run: string) {
	const webflow = sandbox.emulators.webflow!;
	const actor = { id: webflow.actors[0].id, email: webflow.actors[0].email };
	return [
		{
			actor,
			eventType: 'workspace_membership',
			eventSubType: 'user_role_updated',
			payload: { method: 'dashboard', userType: 'member', targetUser: { id: run, email: `${run}@example.com` }, roleName: 'Admin', previousRoleName: 'Member' },
		},
		{ actor, eventType: 'user_access', eventSubType: 'login', payload: { method: 'sso', location: 'Ashburn US', ipAddress: '203.0.113.7' } },
	];
}

/** Sets up one provider's package alone in a fresh n8n; starts its triggers and feeds them. */
async function install(key: string): Promise<Installed> {
	const started = Date.now();
	const pkg = buildProviderPackage(PROVIDERS.find((p) => p.key === key)!, outDir, outDir);
	const userFolder = mkdtempSync(join(tmpdir(), `n8n-${key}-audit-log-e2e-`));
	const dir = host.installPackage(pkg.tarball, userFolder).dir;
	const types = host.packageTypes(dir);
	const credentials = host.sandboxCredentials(emulators(), types.credentials);
	// Every example converts to this package, or names a node of another provider.
	const examples = host.readExamples().flatMap(({ file, workflow }) => {
		try {
			return [{ file, workflow: convertWorkflow(workflow, key as never).workflow }];
		} catch {
			return [];
		}
	});
	const { prepared, skipped } = host.localizeExamples(examples, {
		credentials,
		emulators: emulators(),
		sinkUrl: sink.url,
		knownTypes: (type: string) => type.startsWith('n8n-nodes-base.') || types.nodes.has(type),
	});
	await host.importCredentials(userFolder, credentials);
	await host.importWorkflows(userFolder, prepared.map((e) => e.workflow));

	const manualRuns: Record<string, Run> = {};
	for (const { file, workflow } of prepared.filter((e) => host.isManualWorkflow(e.workflow))) {
		manualRuns[file] = await host.executeWorkflow(userFolder, workflow.id);
	}

	const triggers = prepared.filter((e) => !host.isManualWorkflow(e.workflow));
	for (const { workflow } of triggers) await host.publishWorkflow(userFolder, workflow.id);
	const server = await host.startN8n(userFolder);
	timings.push(`${key}: set up and started in ${Math.round((Date.now() - started) / 1000)} s`);
	const result: Installed = { userFolder, tarball: pkg.tarball, types, credentials, prepared, skipped, manualRuns, server };
	result.delivered = feed(key, result, triggers);
	result.delivered.catch(() => undefined); // awaited by the provider's test
	return result;
}

/**
 * Inserts events once n8n has taken its baseline (the first poll runs as n8n activates the
 * workflows, before it is up), then waits until every trigger example has seen them and returns
 * what n8n ran.
 */
async function feed(key: string, setup: Installed, triggers: Installed['prepared']): Promise<TriggerResult> {
	const started = Date.now();
	const { url } = setup.server!;
	const apiKey = await host.createApiKey(url, await host.ownerSession(url));
	const run = `single-${key}-${Date.now()}`;
	const body = key === 'webflow' ? { events: webflowEvents(run) } : key === 'workiva' ? { count: 3, spacingMs: 1000 } : { count: 3 };
	const inserted = [...(await insertEvents(emulators()[key], body))].reverse();

	const executions: Record<string, Execution[]> = {};
	for (const { file, workflow } of triggers) {
		const trigger = triggerName(workflow);
		// The admin-role alert asks only for membership events.
		const expected = file === 'webflow-admin-role-alert.json' ? inserted.slice(0, 1) : inserted;
		executions[file] = await waitFor(`${file} in ${packageName(PROVIDERS.find((p) => p.key === key)!)}`, 2.5 * MINUTE, async () => {
			const ran = await host.listExecutions(url, apiKey, workflow.id);
			const seen = ran.flatMap((execution) => (host.nodeOutputs(execution)[trigger] ?? []).map((event) => canonical(event.raw ?? event)));
			return expected.every((event) => seen.includes(event)) ? ran : undefined;
		});
	}
	await sleep(3000); // let the last run finish saving and posting
	for (const { file, workflow } of triggers) {
		const ran = await waitFor(`${file} executions`, MINUTE, () => host.listExecutions(url, apiKey, workflow.id));
		executions[file] = [...ran].sort((a, b) => Number(a.id) - Number(b.id));
	}
	timings.push(`${key}: triggers delivered ${Math.round((Date.now() - started) / 1000)} s after start`);
	return { inserted, executions };
}

beforeAll(async () => {
	const started = Date.now();
	await host.ensureHost({ log: (line) => process.stderr.write(`${line}\n`) });
	outDir = mkdtempSync(join(tmpdir(), 'audit-logs-providers-'));
	sandbox = await startSandbox();
	sink = await host.startSink();
	for (const { key } of SELECTED) installed[key] = await install(key);
	await Promise.allSettled(Object.values(installed).map((setup) => setup.delivered));
	timings.push(`all: ${Math.round((Date.now() - started) / 1000)} s`);
	process.stderr.write(`single-provider e2e timings:\n  ${timings.join('\n  ')}\n`);
}, 25 * MINUTE);

afterAll(async () => {
	for (const setup of Object.values(installed)) await setup.server?.stop();
	await sink?.stop();
	await sandbox?.stop();
	for (const setup of Object.values(installed)) {
		if (!process.env.E2E_KEEP) rmSync(setup.userFolder, { recursive: true, force: true });
		else process.stdout.write(`n8n user folder kept: ${setup.userFolder}\n`);
	}
	if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe.each(SELECTED.map((provider) => [packageName(provider), provider.key]))('%s alone in n8n', (name, key) => {
	const setup = () => installed[key];

	test('n8n has its node, trigger and credential, and nothing of another provider', () => {
		const { types, credentials } = setup();
		const nodes = [...types.nodes].sort();
		expect(nodes).toHaveLength(2);
		expect(nodes.every((type) => type.startsWith(`${name}.`))).toBe(true);
		expect(nodes[1]).toBe(`${nodes[0]}Trigger`);
		expect([...types.credentials]).toEqual([CREDENTIAL_TYPES[key]]);
		expect(credentials.map((credential) => credential.type)).toEqual([CREDENTIAL_TYPES[key]]);
	});

	test("its examples, converted to the package's node types, all import", () => {
		const { prepared, skipped } = setup();
		expect(skipped).toEqual([]);
		expect(prepared.map((e) => e.file)).toEqual(EXAMPLES[key]);
		for (const { workflow } of prepared) {
			const ours = workflow.nodes.filter((node) => !node.type.startsWith('n8n-nodes-base.'));
			expect(ours.map((node) => node.type.split('.')[0])).toEqual(ours.map(() => name));
		}
	});

	test('its manual examples give the exact results through `n8n execute`', async () => {
		const { manualRuns, userFolder } = setup();
		const manual = EXAMPLES[key].filter((file) => MANUAL_CHECKS[file]);
		expect(Object.keys(manualRuns).sort()).toEqual(manual);
		for (const file of manual) {
			expect([file, manualRuns[file].status]).toEqual([file, 'success']);
			await MANUAL_CHECKS[file](manualRuns[file], { sandbox, readBinary: storedBinaryReader(userFolder) });
		}
	});

	test('its trigger examples deliver each new event exactly once', async () => {
		const { inserted, executions } = await setup().delivered!;
		const triggers = Object.keys(executions).sort();
		expect(triggers).toEqual(EXAMPLES[key].filter((file) => /forward|alert/.test(file)));
		for (const file of triggers) {
			const runs = executions[file];
			expect([file, runs.map((execution) => [execution.mode, execution.status])]).toEqual([file, runs.map(() => ['trigger', 'success'])]);
		}

		const forwarder = `${key}-forward-to-siem.json`;
		const workflow = setup().prepared.find((e) => e.file === forwarder)!.workflow;
		const outputs = executions[forwarder].map((execution) => host.nodeOutputs(execution));
		// Oldest first, each exactly once, nothing else; one POST per event at the SIEM.
		expect(outputs.flatMap((output) => output[triggerName(workflow)].map((event) => canonical(event.raw)))).toEqual(inserted);
		expect(outputs.flatMap((output) => output['Send to SIEM'])).toEqual(inserted.map(() => ({ ok: true })));
		const atSink = sink.received().filter((entry) => isObject(entry.body) && entry.body.provider === key);
		expect(atSink.map((entry) => [entry.method, entry.path])).toEqual(inserted.map(() => ['POST', '/api/audit-events']));
		expect(atSink.map((entry) => canonical((entry.body as JsonObject).raw)).sort()).toEqual([...inserted].sort());

		if (key === 'webflow') {
			// The alert: only the admin grant passes its filter, and it is posted once.
			const alert = executions['webflow-admin-role-alert.json'].map((execution) => host.nodeOutputs(execution));
			const [grant] = inserted;
			expect(alert.flatMap((output) => (output['Admin roles only'] ?? []).map(canonical))).toEqual([grant]);
			const atChat = sink.received().filter((entry) => entry.path === '/api/alerts');
			expect(atChat.map((entry) => canonical((entry.body as JsonObject).event))).toEqual([grant]);
		}
	});
});

/**
 * What to avoid, measured: the combined package and n8n-nodes-sim-audit-log in ONE n8n. Both
 * define the credential type simAuditLogApi. n8n starts and says nothing; workflows of both forms
 * run with one stored credential; but the editor's credential types list simAuditLogApi twice,
 * and n8n keeps only one definition (the package it loaded last), which the README warns about.
 */
describe('the combined package and n8n-nodes-sim-audit-log installed together', () => {
	const both: { userFolder?: string; runs?: Record<string, Run>; credentialTypes?: Array<{ name: string; supportedNodes?: string[] }>; log?: string } = {};
	const skip = !SELECTED.some(({ key }) => key === 'sim');

	beforeAll(async () => {
		if (skip) return;
		const userFolder = mkdtempSync(join(tmpdir(), 'n8n-both-forms-e2e-'));
		both.userFolder = userFolder;
		host.installPackage(host.buildAndPack(), userFolder);
		host.installPackage(installed.sim.tarball, userFolder);
		const credentials = host.sandboxCredentials(emulators(), new Set([CREDENTIAL_TYPES.sim]));
		const [report] = host.readExamples().filter((e) => e.file === 'sim-daily-csv-report.json');
		const forms = [
			{ file: 'combined', workflow: report.workflow },
			{ file: 'single', workflow: { ...convertWorkflow(report.workflow, 'sim').workflow, name: `${report.workflow.name} (single)` } },
		];
		const { prepared } = host.localizeExamples(forms, { credentials, emulators: emulators() });
		await host.importCredentials(userFolder, credentials);
		await host.importWorkflows(userFolder, prepared.map((e) => e.workflow));
		both.runs = {};
		for (const { file, workflow } of prepared) both.runs[file] = await host.executeWorkflow(userFolder, workflow.id);

		const server = await host.startN8n(userFolder);
		try {
			const session = await host.ownerSession(server.url);
			const response = await fetch(`${server.url}/types/credentials.json`, { headers: { cookie: session.cookie, 'browser-id': session.browserId } });
			expect(response.status).toBe(200);
			both.credentialTypes = ((await response.json()) as Array<{ name: string; supportedNodes?: string[] }>).filter((type) => type.name === CREDENTIAL_TYPES.sim);
		} finally {
			await server.stop();
		}
		both.log = readFileSync(server.logFile, 'utf8');
	}, 10 * MINUTE);

	afterAll(() => {
		if (both.userFolder && !process.env.E2E_KEEP) rmSync(both.userFolder, { recursive: true, force: true });
	});

	(skip ? test.skip : test)('workflows of both forms run with one stored credential, with the exact results', async () => {
		const readBinary = storedBinaryReader(both.userFolder!);
		for (const form of ['combined', 'single']) {
			expect([form, both.runs![form].status]).toEqual([form, 'success']);
			await MANUAL_CHECKS['sim-daily-csv-report.json'](both.runs![form], { sandbox, readBinary });
		}
	});

	(skip ? test.skip : test)('n8n lists the credential type twice, once per package, and logs nothing about it', () => {
		expect(both.credentialTypes!.map((type) => type.supportedNodes).sort()).toEqual([
			['n8n-nodes-audit-logs.simAuditLog', 'n8n-nodes-audit-logs.simAuditLogTrigger'],
			['n8n-nodes-sim-audit-log.simAuditLog', 'n8n-nodes-sim-audit-log.simAuditLogTrigger'],
		]);
		expect(both.log).not.toMatch(/simAuditLog|n8n-nodes-sim-audit-log/);
	});
});

