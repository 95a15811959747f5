/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * The packed package inside a real n8n 2.8.4 (host/), against the sandbox emulators:
 * every examples/*.json is imported; manual ones run through `n8n execute`, trigger ones are
 * published before `n8n start` and must deliver each new event exactly once.
 * Run with `npm run test:e2e` (jest -c host/jest.e2e.config.js). Set E2E_KEEP=1 to keep the
 * n8n user folder for inspection.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as host from '../../host';
import { canonicalJson } from '../../nodes/shared/hash';
import type { Credential, EmulatorInfo, Execution, N8nServer, Run, Sink, Workflow } from '../../host';
import { describeSandbox, type Sandbox, startSandbox } from '../sandbox';

type Prepared = { file: string; workflow: Workflow & { id: string } };

const MINUTE = 60_000;

let userFolder: string;
let sandbox: Sandbox;
let sink: Sink;
let credentials: Credential[];
let examples: Prepared[];
let skipped: Array<{ file: string; missing: string[] }>;

/** The emulators as test/sandbox/cli.ts describes them on its SANDBOX_READY line. */
const emulators = (): Record<string, EmulatorInfo> => describeSandbox(sandbox.emulators) as Record<string, EmulatorInfo>;

/** JSON with sorted keys, to compare events that went through different serializers. */
const canonical = canonicalJson;

/** Start of the UTC day `days` before the one `iso` falls on. */
function utcDayStart(iso: string, daysBefore: number): number {
	const day = new Date(iso);
	day.setUTCHours(0, 0, 0, 0);
	return day.getTime() - daysBefore * 24 * 60 * MINUTE;
}

/** The CSV file a Convert to File node wrote: n8n's filesystem mode keeps it under .n8n/storage/. */
function csvRows(run: Run, node: string, fileName: string): string[] {
	const [file] = run.data.resultData.runData[node][0].data!.main![0];
	const csv = file.binary!.data;
	expect(csv).toMatchObject({ mimeType: 'text/csv', fileName });
	const csvPath = join(userFolder, '.n8n', 'storage', String(csv.id).replace(/^filesystem-v2:/, ''));
	expect(existsSync(csvPath)).toBe(true);
	return readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
}

function example(file: string): Prepared {
	const found = examples.find((e) => e.file === file);
	if (!found) throw new Error(`examples/${file} is missing or was skipped`);
	return found;
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(2000);
	}
}

/**
 * `POST <control>/events`: the emulator inserts events "now" and returns them as its API
 * shows them, newest first. Returned canonical, as the key events are matched by.
 */
async function insertEvents(emulator: EmulatorInfo, count: number): Promise<string[]> {
	const response = await fetch(`${emulator.controlUrl}/events`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ count }),
	});
	expect(response.ok).toBe(true);
	return ((await response.json()) as { data: unknown[] }).data.map(canonical);
}

async function apiRequestTimes(emulator: EmulatorInfo): Promise<number[]> {
	const { requests } = (await (await fetch(`${emulator.controlUrl}/requests`)).json()) as {
		requests: Array<{ at: string }>;
	};
	return requests.map((request) => Date.parse(request.at));
}

beforeAll(async () => {
	host.ensureHost();
	userFolder = mkdtempSync(join(tmpdir(), 'n8n-audit-logs-e2e-'));
	const pkg = host.installPackage(host.buildAndPack(), userFolder);
	sandbox = await startSandbox();
	sink = await host.startSink();

	const ours = host.packageTypes(pkg.dir);
	credentials = host.sandboxCredentials(emulators(), ours.credentials);
	({ prepared: examples, skipped } = host.localizeExamples(host.readExamples(), {
		credentials,
		emulators: emulators(),
		sinkUrl: sink.url,
		knownTypes: (type) => type.startsWith('n8n-nodes-base.') || ours.nodes.has(type),
	}));
	await host.importCredentials(userFolder, credentials);
	await host.importWorkflows(userFolder, examples.map((e) => e.workflow));
}, 20 * MINUTE);

afterAll(async () => {
	await sink?.stop();
	await sandbox?.stop();
	if (userFolder && !process.env.E2E_KEEP) rmSync(userFolder, { recursive: true, force: true });
	else if (userFolder) process.stdout.write(`n8n user folder kept: ${userFolder}\n`);
});

test('every example uses only node types this n8n knows', () => {
	expect(skipped).toEqual([]);
	expect(examples.length).toBeGreaterThanOrEqual(2);
});

// ---------------------------------------------------------------------------------------------
// Manual examples: `n8n execute --id`
// ---------------------------------------------------------------------------------------------

/** Checks per manual example; a new example without checks fails the suite on purpose. */
const MANUAL_CHECKS: Record<string, (run: Run) => void> = {
	'sim-daily-csv-report.json': (run) => {
		const outputs = host.nodeOutputs(run);
		// "Yesterday" in UTC (host/lib/n8n.js sets GENERIC_TIMEZONE) when the run started.
		const [from, to] = [utcDayStart(run.startedAt, 1), utcDayStart(run.startedAt, 0)];
		const expected = sandbox.emulators
			.sim!.visibleEvents({ includeDeparted: true })
			.filter((e) => Date.parse(e.createdAt) >= from && Date.parse(e.createdAt) < to);
		expect(expected.length).toBeGreaterThan(0);

		expect(outputs["Yesterday's audit events"].map((e) => e.id)).toEqual(expected.map((e) => e.id));
		expect(outputs['Report columns']).toEqual(
			expected.map((e) => ({
				time: e.createdAt,
				action: e.action,
				actor: e.actorEmail ?? e.actorName ?? 'system',
				resourceType: e.resourceType,
				resource: e.resourceName ?? e.resourceId ?? '',
				description: e.description ?? '',
				workspaceId: e.workspaceId ?? '',
				id: e.id,
			})),
		);
		const lines = csvRows(run, 'CSV file', `sim-audit-${new Date(from).toISOString().slice(0, 10)}.csv`);
		expect(lines[0]).toBe('time,action,actor,resourceType,resource,description,workspaceId,id');
		expect(lines.slice(1).map((line) => line.split(',').at(-1))).toEqual(expected.map((e) => e.id));
	},

	'webflow-weekly-access-review.json': (run) => {
		const outputs = host.nodeOutputs(run);
		const [from, to] = [utcDayStart(run.startedAt, 7), utcDayStart(run.startedAt, 0)];
		const inWeek = sandbox.emulators.webflow!.workspaceEvents({
			sortOrder: 'asc',
			from: new Date(from).toISOString(),
			to: new Date(to - 1).toISOString(),
		});
		const expected = inWeek.filter((e) => e.eventType !== 'user_access');
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(inWeek.length);

		expect(outputs['Last 7 days of audit events'].map(canonical)).toEqual(inWeek.map(canonical));
		expect(outputs['Access changes only'].map(canonical)).toEqual(expected.map(canonical));
		expect(outputs['Review columns']).toEqual(
			expected.map((e) => {
				const payload = (e.payload ?? {}) as {
					targetUser?: { email?: string };
					targetUsers?: Array<{ email?: string }>;
					roleName?: string;
					previousRoleName?: string;
					site?: { slug?: string };
					method?: string;
				};
				return {
					time: e.timestamp,
					event: `${e.eventType}.${e.eventSubType}`,
					actor: e.actor?.email ?? '',
					targetUser: payload.targetUser?.email ?? (payload.targetUsers ?? []).map((user) => user.email).join(' '),
					role: payload.roleName ?? '',
					previousRole: payload.previousRoleName ?? '',
					site: payload.site?.slug ?? '',
					method: payload.method ?? '',
				};
			}),
		);
		const lines = csvRows(run, 'CSV file', `webflow-access-review-${new Date(from).toISOString().slice(0, 10)}.csv`);
		expect(lines[0]).toBe('time,event,actor,targetUser,role,previousRole,site,method');
		expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(expected.map((e) => e.timestamp));
	},
};

describe('manual examples run with `n8n execute`', () => {
	test.each(Object.keys(MANUAL_CHECKS))('%s', async (file) => {
		const run = await host.executeWorkflow(userFolder, example(file).workflow.id);
		expect(run.status).toBe('success');
		MANUAL_CHECKS[file](run);
	});

	test('every manual example has checks', () => {
		const manual = examples.filter((e) => host.isManualWorkflow(e.workflow)).map((e) => e.file);
		expect(manual.filter((file) => !MANUAL_CHECKS[file])).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------
// Trigger examples: published before `n8n start`, fed through the emulators' control API
// ---------------------------------------------------------------------------------------------

/** The trigger example to activate per provider; it forwards normalized events to the sink. */
const FORWARDERS: Record<string, string> = {
	sim: 'sim-forward-to-siem.json',
	webflow: 'webflow-forward-to-siem.json',
};

describe('trigger examples deliver each new event exactly once', () => {
	let server: N8nServer;
	let apiKey: string;
	const deliveries: Record<string, Promise<{ inserted: string[]; executions: Execution[]; workflow: Workflow }>> = {};

	/** Two rounds of three events, then one more quiet poll; returns what n8n ran. */
	async function feed(provider: string): Promise<{ inserted: string[]; executions: Execution[]; workflow: Workflow }> {
		const emulator = emulators()[provider];
		const { workflow } = example(FORWARDERS[provider]);
		const trigger = workflow.nodes.find((node) => /Trigger$/.test(node.type))!.name;
		const delivered = async () =>
			(await host.listExecutions(server.url, apiKey, workflow.id)).flatMap((execution) =>
				(host.nodeOutputs(execution)[trigger] ?? []).map((event) => canonical(event.raw)),
			);

		const inserted: string[] = [];
		for (let round = 0; round < 2; round++) {
			const events = await insertEvents(emulator, 3);
			inserted.push(...events);
			// Poll ticks are a minute apart; allow two.
			await waitFor(`${provider} round ${round + 1}`, 2.5 * MINUTE, async () => {
				const seen = await delivered();
				return events.every((event) => seen.includes(event)) ? true : undefined;
			});
		}
		// One more poll with nothing new must not deliver anything again.
		const lastArrival = Date.now();
		await waitFor(`${provider} quiet poll`, 2.5 * MINUTE, async () =>
			(await apiRequestTimes(emulator)).some((at) => at > lastArrival) ? true : undefined,
		);
		await sleep(3000); // let that run finish saving
		return { inserted, executions: await host.listExecutions(server.url, apiKey, workflow.id), workflow };
	}

	beforeAll(async () => {
		for (const file of Object.values(FORWARDERS)) await host.publishWorkflow(userFolder, example(file).workflow.id);
		server = await host.startN8n(userFolder);
		apiKey = await host.createApiKey(server.url, await host.ownerSession(server.url));
		for (const provider of Object.keys(FORWARDERS)) {
			deliveries[provider] = feed(provider);
			deliveries[provider].catch(() => undefined); // awaited by the provider's test
		}
	}, 5 * MINUTE);

	afterAll(async () => {
		await server?.stop();
	});

	test('every trigger example is covered', () => {
		const triggers = examples.filter((e) => host.isTriggerWorkflow(e.workflow)).map((e) => e.file);
		expect(triggers.filter((file) => !Object.values(FORWARDERS).includes(file))).toEqual([]);
	});

	test.each(Object.keys(FORWARDERS))('%s', async (provider) => {
		const { inserted, executions, workflow } = await deliveries[provider];
		const trigger = workflow.nodes.find((node) => /Trigger$/.test(node.type))!.name;
		const oldestFirst = [...executions].sort((a, b) => Number(a.id) - Number(b.id));

		expect(oldestFirst.map((execution) => [execution.mode, execution.status])).toEqual(
			oldestFirst.map(() => ['trigger', 'success']),
		);
		// Every inserted event exactly once, oldest first, and nothing else (no trickle in tests).
		// Normalized events carry the API's event as `raw`; `inserted` holds each round newest
		// first, as the control API returns it.
		const emitted = oldestFirst.flatMap((execution) =>
			host.nodeOutputs(execution)[trigger].map((event) => canonical(event.raw)),
		);
		expect(emitted).toEqual([...inserted.slice(0, 3).reverse(), ...inserted.slice(3).reverse()]);
		expect(oldestFirst.flatMap((execution) => host.nodeOutputs(execution)['Send to SIEM'])).toEqual(
			inserted.map(() => ({ ok: true })),
		);

		// At the SIEM: one POST per event with the normalized event as its body.
		const atSink = sink.received().flatMap(({ method, path, body }) =>
			typeof body === 'object' && body.provider === provider ? [{ method, path, body }] : [],
		);
		expect(atSink.map((entry) => canonical(entry.body.raw)).sort()).toEqual([...inserted].sort());
		for (const entry of atSink) {
			expect(entry).toMatchObject({ method: 'POST', path: '/api/audit-events' });
			expect(entry.body).toEqual(
				expect.objectContaining({ occurredAt: expect.any(String), action: expect.any(String), raw: expect.any(Object) }),
			);
		}
	});
});
