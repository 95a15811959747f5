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
import type { Credential, Execution, N8nServer, Run, Sink, Workflow } from '../../host';
import { type Sandbox, startSandbox } from '../sandbox';

type Prepared = { file: string; workflow: Workflow & { id: string } };
type EmulatorInfo = { url: string; controlUrl: string };

const MINUTE = 60_000;

let userFolder: string;
let sandbox: Sandbox;
let sink: Sink;
let credentials: Credential[];
let examples: Prepared[];
let skipped: Array<{ file: string; missing: string[] }>;

function emulators(): Record<string, EmulatorInfo & { apiKey?: string }> {
	return Object.fromEntries(Object.entries(sandbox.emulators).filter(([, emulator]) => emulator)) as never;
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

/** `POST <control>/events`: the emulator inserts events "now" and returns them as the API would. */
async function insertEvents(emulator: EmulatorInfo, count: number): Promise<Array<{ id: string }>> {
	const response = await fetch(`${emulator.controlUrl}/events`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ count }),
	});
	expect(response.ok).toBe(true);
	return ((await response.json()) as { data: Array<{ id: string }> }).data;
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
		const sim = sandbox.emulators.sim!;
		const outputs = host.nodeOutputs(run);
		// "Yesterday" in UTC (host/lib/n8n.js sets GENERIC_TIMEZONE) at the time the run started.
		const today = new Date(run.startedAt);
		today.setUTCHours(0, 0, 0, 0);
		const from = today.getTime() - 24 * 60 * MINUTE;
		const expected = sim
			.visibleEvents({ includeDeparted: true })
			.filter((e) => Date.parse(e.createdAt) >= from && Date.parse(e.createdAt) < today.getTime());
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

		const [file] = run.data.resultData.runData['CSV file'][0].data!.main![0];
		const csv = file.binary!.data;
		const day = new Date(from).toISOString().slice(0, 10);
		expect(csv).toMatchObject({ mimeType: 'text/csv', fileName: `sim-audit-${day}.csv` });
		// Filesystem binary mode: the id names the file under <userFolder>/.n8n/storage/.
		const csvPath = join(userFolder, '.n8n', 'storage', String(csv.id).replace(/^filesystem-v2:/, ''));
		expect(existsSync(csvPath)).toBe(true);
		const lines = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
		expect(lines[0]).toBe('time,action,actor,resourceType,resource,description,workspaceId,id');
		expect(lines.slice(1).map((line) => line.split(',').at(-1))).toEqual(expected.map((e) => e.id));
	},
};

describe('manual examples run with `n8n execute`', () => {
	test.each(['sim-daily-csv-report.json'])('%s', async (file) => {
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
				(host.nodeOutputs(execution)[trigger] ?? []).map((event) => event.id as string),
			);

		const inserted: string[] = [];
		for (let round = 0; round < 2; round++) {
			const ids = (await insertEvents(emulator, 3)).map((event) => event.id);
			inserted.push(...ids);
			// Poll ticks are a minute apart; allow two.
			await waitFor(`${provider} round ${round + 1}`, 2.5 * MINUTE, async () => {
				const seen = await delivered();
				return ids.every((id) => seen.includes(id)) ? true : undefined;
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
		// `inserted` holds each round newest first, as the control API returns it.
		const emitted = oldestFirst.flatMap((execution) =>
			host.nodeOutputs(execution)[trigger].map((event) => event.id as string),
		);
		expect(emitted).toEqual([...inserted.slice(0, 3).reverse(), ...inserted.slice(3).reverse()]);
		expect(oldestFirst.flatMap((execution) => host.nodeOutputs(execution)['Send to SIEM'])).toEqual(
			inserted.map(() => ({ ok: true })),
		);

		// At the SIEM: one POST per event with the normalized event as its body.
		const atSink = sink.received().flatMap(({ method, path, body }) =>
			typeof body === 'object' && body.provider === provider ? [{ method, path, body }] : [],
		);
		expect(atSink.map((entry) => String(entry.body.id)).sort()).toEqual([...inserted].sort());
		for (const entry of atSink) {
			expect(entry).toMatchObject({ method: 'POST', path: '/api/audit-events' });
			expect(entry.body).toEqual(
				expect.objectContaining({ occurredAt: expect.any(String), action: expect.any(String), raw: expect.any(Object) }),
			);
		}
	});
});
