/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * The packed package in n8n's queue mode (n8n 2.8.4, host/): a main instance and workers, each
 * with its own user folder and the package installed there the community way, sharing real Redis
 * and PostgreSQL servers (host/lib/services.js) and one encryption key, against the sandbox.
 *
 * In order, on one installation:
 * 1. the manual examples, started by a production webhook, run on the worker with exact results;
 * 2. the four forwarders' triggers: the poll runs on the main instance, the executions on a worker,
 *    and each new event reaches the SIEM exactly once across a restart of the worker, a restart of
 *    the main instance, and with two workers;
 * 3. a worker killed (SIGKILL) in the middle of an execution: what n8n does then, and what the
 *    trigger's state says (the README's "Scaling" section states what this test observes).
 *
 * Run with `npm run test:queue` (jest -c host/jest.queue.config.js). QUEUE_KEEP=1 keeps the user
 * folders (with each process's n8n.log) for inspection.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import * as host from '../../host';
import type { BinaryData, Credential, EmulatorInfo, Execution, JsonObject, N8nProcess, N8nServer, Services, Session, Sink, Workflow } from '../../host';
import { canonicalJson as canonical } from '../../nodes/shared/hash';
import { MANUAL_CHECKS } from '../e2e/manualChecks';
import { describeSandbox, type Sandbox, startSandbox } from '../sandbox';

type Prepared = { file: string; workflow: Workflow & { id: string } };
type Provider = 'sim' | 'webflow' | 'make' | 'workiva';

const MINUTE = 60_000;

/** The trigger example per provider: it POSTs each event, normalized, to the SIEM (the sink). */
const FORWARDERS: Record<Provider, string> = {
	sim: 'sim-forward-to-siem.json',
	webflow: 'webflow-forward-to-siem.json',
	make: 'make-forward-to-siem.json',
	workiva: 'workiva-forward-to-siem.json',
};
const PROVIDERS = Object.keys(FORWARDERS) as Provider[];

/** Shared by the main instance and every worker, as queue mode requires; a throw-away database. */
const ENCRYPTION_KEY = 'audit-logs-queue-test-encryption-key';

let services: Services;
let root: string;
let tarball: string;
let sandbox: Sandbox;
let sink: Sink;
let credentials: Credential[];
let examples: Prepared[];
/** What every process of the installation shares: database, Redis, queue mode, encryption key. */
let env: Record<string, string>;
let main: N8nServer | undefined;
const workers: Record<string, N8nProcess | undefined> = {};
let session: Session;
let apiKey: string;

const folder = (name: string): string => join(root, name);
const emulators = (): Record<string, EmulatorInfo> => describeSandbox(sandbox.emulators) as Record<string, EmulatorInfo>;

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(2000);
	}
}

function example(file: string): Prepared {
	const found = examples.find((e) => e.file === file);
	if (!found) throw new Error(`examples/${file} is missing or was skipped`);
	return found;
}

async function startMain(): Promise<void> {
	main = await host.startN8n(folder('main'), { env });
}

async function startWorker(name: string): Promise<void> {
	workers[name] = await host.startWorker(folder(name), { env });
}

async function stopWorker(name: string): Promise<void> {
	await workers[name]?.stop();
	workers[name] = undefined;
}

/** Execution IDs each worker logged as started ("Worker started execution 12 (job 7)"). */
function startedOn(): Record<string, string[]> {
	const started: Record<string, string[]> = {};
	for (const name of ['worker1', 'worker2']) {
		let log = '';
		try {
			log = readFileSync(join(folder(name), 'n8n.log'), 'utf8');
		} catch {
			// This worker never ran.
		}
		started[name] = [...log.matchAll(/Worker started execution (\d+) \(job/g)].map((match) => match[1]);
	}
	return started;
}

/** The workers that logged starting this execution. */
function workersThatRan(executionId: string | number): string[] {
	return Object.entries(startedOn())
		.filter(([, ids]) => ids.includes(String(executionId)))
		.map(([name]) => name);
}

/** `POST <control>/events`: inserts events now; returns them canonical, as the API shows them. */
async function insertEvents(provider: Provider, count: number): Promise<string[]> {
	// Workiva's activityDateTime has whole seconds: a second apart, each has its own.
	const body = provider === 'workiva' ? { count, spacingMs: 1000 } : { count };
	const response = await fetch(`${emulators()[provider].controlUrl}/events`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.ok).toBe(true);
	return ((await response.json()) as { data: unknown[] }).data.map(canonical);
}

/** When the provider's API was last called (the forwarder's trigger is its only caller here). */
function apiRequestTimes(provider: Provider): number[] {
	return sandbox.emulators[provider]!.requests().map((request) => Date.parse(request.at));
}

/** The events the SIEM received from this provider's forwarder, canonical, in arrival order. */
function atSiem(provider: Provider): string[] {
	return sink.received().flatMap(({ path, body }) => {
		const event = body as JsonObject | undefined;
		return path === '/api/audit-events' && event?.provider === provider ? [canonical(event.raw)] : [];
	});
}

/** Every event inserted so far, per provider. */
const inserted: Record<Provider, string[]> = { sim: [], webflow: [], make: [], workiva: [] };

/** Inserts `count` events per provider and returns them. */
async function insertRound(count: number): Promise<Record<Provider, string[]>> {
	const round = {} as Record<Provider, string[]>;
	for (const provider of PROVIDERS) {
		round[provider] = await insertEvents(provider, count);
		inserted[provider].push(...round[provider]);
	}
	return round;
}

/** Waits until the SIEM has every event of `round`. */
async function delivered(what: string, round: Record<Provider, string[]>): Promise<void> {
	await waitFor(what, 4 * MINUTE, () =>
		PROVIDERS.every((provider) => round[provider].every((event) => atSiem(provider).includes(event))) ? true : undefined,
	);
}

/** Waits until every provider's API has been called after `since` (ms): each trigger has polled. */
async function polledSince(what: string, since: number): Promise<void> {
	await waitFor(what, 3 * MINUTE, () =>
		PROVIDERS.every((provider) => apiRequestTimes(provider).some((at) => at > since)) ? true : undefined,
	);
}

/** Each forwarder's executions, oldest first. */
async function forwarderExecutions(provider: Provider): Promise<Execution[]> {
	const executions = await host.listExecutions(main!.url, apiKey, example(FORWARDERS[provider]).workflow.id);
	return executions.sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * A manual example as a production workflow: its Manual Trigger (and its schedule) replaced by a
 * Webhook, so that the main instance receives the call and queues the run for a worker. (`n8n
 * execute` runs a workflow in its own process, never on a worker.)
 */
function webhookCopy({ file, workflow }: Prepared): Prepared & { path: string } {
	const path = `queue-${workflow.id}`;
	const starters = workflow.nodes.filter((node) => /\.(manualTrigger|scheduleTrigger)$/.test(node.type)).map((node) => node.name);
	const manual = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
	const webhook = {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: manual.position,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
	const connections = Object.fromEntries(Object.entries(workflow.connections).filter(([from]) => !starters.includes(from)));
	connections.Webhook = workflow.connections[manual.name];
	return {
		file,
		path,
		workflow: {
			...workflow,
			id: host.stableId(`queue:${file}`),
			name: `${workflow.name} (webhook)`,
			nodes: [webhook, ...workflow.nodes.filter((node) => !starters.includes(node.name))],
			connections,
		},
	};
}
let webhookCopies: Array<Prepared & { path: string }>;

beforeAll(async () => {
	// Plain lines on stderr: installs report progress, and jest would frame console.error.
	const log = (line: string) => process.stderr.write(`${line}\n`);
	await host.ensureHost({ log });
	services = await host.startServices({ log });
	env = { ...services.n8nEnv, EXECUTIONS_MODE: 'queue', N8N_ENCRYPTION_KEY: ENCRYPTION_KEY };
	root = mkdtempSync(join(tmpdir(), 'n8n-audit-logs-queue-'));

	// The community way, into every process's own user folder.
	tarball = host.buildAndPack();
	const installed = ['main', 'worker1', 'worker2'].map((name) => host.installPackage(tarball, folder(name)));
	sandbox = await startSandbox();
	sink = await host.startSink();

	const ours = host.packageTypes(installed[0].dir);
	credentials = host.sandboxCredentials(emulators(), ours.credentials);
	({ prepared: examples } = host.localizeExamples(host.readExamples(), {
		credentials,
		emulators: emulators(),
		sinkUrl: sink.url,
		knownTypes: (type) => type.startsWith('n8n-nodes-base.') || ours.nodes.has(type),
	}));
	webhookCopies = Object.keys(MANUAL_CHECKS).map((file) => webhookCopy(example(file)));

	// Into the shared database, before the main instance starts (n8n #35251: never publish into a running n8n).
	await host.importCredentials(folder('main'), credentials, { env });
	const production = [...PROVIDERS.map((provider) => example(FORWARDERS[provider])), ...webhookCopies];
	await host.importWorkflows(folder('main'), production.map((e) => e.workflow), { env });
	for (const { workflow } of production) await host.publishWorkflow(folder('main'), workflow.id, { env });

	await startMain();
	await startWorker('worker1');
	session = await host.ownerSession(main!.url);
	apiKey = await host.createApiKey(main!.url, session);
}, 20 * MINUTE);

afterAll(async () => {
	for (const name of Object.keys(workers)) await workers[name]?.stop();
	await main?.stop();
	await sink?.stop();
	await sandbox?.stop();
	await services?.stop();
	if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
	if (root && !process.env.QUEUE_KEEP) rmSync(root, { recursive: true, force: true });
	else if (root) process.stdout.write(`user folders kept: ${root}\n`);
});

describe('nodes', () => {
	/** Binary data lives in the database in queue mode; the editor downloads it from the main instance. */
	async function readBinary(binary: BinaryData): Promise<string> {
		expect(String(binary.id)).toMatch(/^database:/);
		const query = new URLSearchParams({ id: String(binary.id), action: 'download' });
		const response = await fetch(`${main!.url}/rest/binary-data?${query}`, {
			headers: { cookie: session.cookie, 'browser-id': session.browserId },
		});
		expect(response.status).toBe(200);
		return response.text();
	}

	test.each(Object.keys(MANUAL_CHECKS))('%s, started by a webhook, runs on the worker with exact results', async (file) => {
		const { path, workflow } = webhookCopies.find((copy) => copy.file === file)!;
		const response = await fetch(`${main!.url}/webhook/${path}`, { method: 'POST' });
		expect(response.status).toBe(200);

		const [execution] = await waitFor(`${file} to finish`, 3 * MINUTE, async () => {
			const executions = await host.listExecutions(main!.url, apiKey, workflow.id);
			return executions.length > 0 && executions.every((e) => e.finished || e.status === 'error') ? executions : undefined;
		});
		expect([execution.mode, execution.status]).toEqual(['webhook', 'success']);
		expect(workersThatRan(execution.id)).toEqual(['worker1']);
		await MANUAL_CHECKS[file](execution, { sandbox, readBinary });
	});
});

describe('triggers: polled by the main instance, run on workers, each event exactly once', () => {
	test('across a restart of the worker: polls go on without it, and its queued runs deliver once it is back', async () => {
		await stopWorker('worker1');
		const since = Date.now();
		const round = await insertRound(2);
		await polledSince('a poll of every trigger with no worker running', since);
		await sleep(5000);
		// The main instance polled, and queued the runs: nothing reached the SIEM.
		for (const provider of PROVIDERS) expect({ provider, atSiem: atSiem(provider) }).toEqual({ provider, atSiem: [] });

		await startWorker('worker1');
		await delivered('the queued runs after the worker restarted', round);
		for (const provider of PROVIDERS) {
			expect({ provider, atSiem: [...atSiem(provider)].sort() }).toEqual({ provider, atSiem: [...inserted[provider]].sort() });
			const executions = await forwarderExecutions(provider);
			expect(executions.map((e) => [e.mode, e.status])).toEqual(executions.map(() => ['trigger', 'success']));
			for (const execution of executions) expect(workersThatRan(execution.id)).toEqual(['worker1']);
		}
	});

	test('across a restart of the main instance: the worker never polls, the restarted main goes on from the saved state', async () => {
		await main!.stop();
		main = undefined;
		const stoppedAt = Date.now();
		const round = await insertRound(2);
		await sleep(65_000); // more than a poll interval without a main instance
		const restartedAt = Date.now();
		for (const provider of PROVIDERS) {
			expect({ provider, calls: apiRequestTimes(provider).filter((at) => at > stoppedAt && at < restartedAt) }).toEqual({ provider, calls: [] });
		}

		await startMain();
		await delivered('the events inserted while the main instance was down', round);
		for (const provider of PROVIDERS) {
			expect({ provider, atSiem: [...atSiem(provider)].sort() }).toEqual({ provider, atSiem: [...inserted[provider]].sort() });
		}
	});

	test('with two workers: each run on exactly one of them', async () => {
		await startWorker('worker2');
		const before = new Set(Object.values(startedOn()).flat());
		for (let round = 1; round <= 2; round++) await delivered(`round ${round} with two workers`, await insertRound(2));

		for (const provider of PROVIDERS) {
			expect({ provider, atSiem: [...atSiem(provider)].sort() }).toEqual({ provider, atSiem: [...inserted[provider]].sort() });
			const executions = await forwarderExecutions(provider);
			expect(executions.map((e) => [e.mode, e.status])).toEqual(executions.map(() => ['trigger', 'success']));
			for (const execution of executions) expect(workersThatRan(execution.id)).toHaveLength(1);
		}
		const started = startedOn();
		const newRuns = Object.fromEntries(Object.entries(started).map(([name, ids]) => [name, ids.filter((id) => !before.has(id)).length]));
		process.stdout.write(`runs per worker with two workers: ${JSON.stringify(newRuns)}\n`);
	});
});

/** One execution through the public API (listings leave out the runs this main instance has in flight). */
async function execution(id: string): Promise<Execution> {
	const response = await fetch(`${main!.url}/api/v1/executions/${id}?includeData=true`, { headers: { 'X-N8N-API-KEY': apiKey } });
	expect(response.status).toBe(200);
	return (await response.json()) as Execution;
}

/** A trigger's state: the workflow's static data under the node's name, as the database has it. */
async function triggerState(workflow: Workflow): Promise<JsonObject | undefined> {
	const trigger = workflow.nodes.find((node) => /Trigger$/.test(node.type))!.name;
	const response = await fetch(`${main!.url}/api/v1/workflows/${workflow.id}`, { headers: { 'X-N8N-API-KEY': apiKey } });
	expect(response.status).toBe(200);
	const { staticData } = (await response.json()) as { staticData?: Record<string, JsonObject> | null };
	return staticData?.[`node:${trigger}`];
}

describe('a worker killed in the middle of an execution', () => {
	test('n8n fails the run and never runs it again, the trigger has moved past its events, and Retry runs nothing', async () => {
		for (const name of ['worker1', 'worker2']) if (!workers[name]) await startWorker(name);
		const { workflow } = example(FORWARDERS.sim);
		const stateBefore = canonical(await triggerState(workflow));
		const startedBefore = new Set(Object.values(startedOn()).flat());

		sink.hold(); // the SIEM takes the POSTs but does not answer: the run is caught in the middle
		const events = await insertEvents('sim', 3);
		inserted.sim.push(...events);
		await waitFor('a POST of the new events at the SIEM', 3 * MINUTE, () => (atSiem('sim').some((e) => events.includes(e)) ? true : undefined));
		// Only Sim has new events, so the one run started since is Sim's.
		const [runId] = Object.values(startedOn()).flat().filter((id) => !startedBefore.has(id));
		const [victim] = workersThatRan(runId);
		const stateDuringRun = canonical(await triggerState(workflow));
		const statusDuringRun = (await execution(runId)).status;
		await workers[victim]!.kill();
		const killedAt = Date.now();
		workers[victim] = undefined;
		const arrivedBeforeKill = atSiem('sim').filter((e) => events.includes(e));
		sink.release();

		// Bull notices the lost lock (60 s) at a surviving worker's stalled-job check (every 30 s).
		const ended = await waitFor('n8n to settle the killed run', 5 * MINUTE, async () => {
			const run = await execution(runId);
			return ['new', 'running'].includes(run.status) ? undefined : run;
		});
		const secondsToSettle = Math.round((Date.now() - killedAt) / 1000); // reported, never asserted
		// Two more polls: does the trigger emit the killed run's events again?
		const settledAt = Date.now();
		await waitFor('two more polls of Sim', 3 * MINUTE, () => (apiRequestTimes('sim').filter((at) => at > settledAt).length >= 2 ? true : undefined));
		await sleep(5000);
		const simRuns = await forwarderExecutions('sim');
		const runsSince = simRuns.filter((e) => Number(e.id) > Number(runId));

		const observed = {
			statusDuringRun,
			status: ended.status,
			finished: ended.finished,
			error: (ended.data.resultData.error as { message?: string } | undefined)?.message,
			stateSavedBeforeTheRun: stateDuringRun !== stateBefore,
			runsSince: runsSince.length,
			atSiem: atSiem('sim').filter((e) => events.includes(e)).length,
		};
		process.stdout.write(`worker killed mid-run: ${JSON.stringify({ ...observed, victim, postsBeforeKill: arrivedBeforeKill.length, secondsToSettle })}\n`);
		expect(observed).toEqual({
			statusDuringRun: 'running',
			status: 'error',
			finished: false,
			error:
				'This execution failed to be processed too many times and will no longer retry. To allow this execution to complete, please break down your workflow or scale up your workers or adjust your worker settings.',
			stateSavedBeforeTheRun: true,
			runsSince: 0,
			atSiem: arrivedBeforeKill.length,
		});

		// What a user would try: Retry on the failed execution (the editor's button). It is queued and a
		// worker takes it, but no node runs: the run ends with the same error and sends nothing.
		const retried = await fetch(`${main!.url}/rest/executions/${runId}/retry`, {
			method: 'POST',
			headers: { cookie: session.cookie, 'browser-id': session.browserId, 'content-type': 'application/json' },
			body: JSON.stringify({ loadWorkflow: false }),
		});
		expect(retried.status).toBe(200);
		const retry = await waitFor('the retry to finish', 3 * MINUTE, async () =>
			(await forwarderExecutions('sim')).find((e) => e.mode === 'retry' && (e.finished || e.status === 'error')),
		);
		await sleep(5000);
		expect({
			status: retry.status,
			workers: workersThatRan(retry.id).length,
			nodesRun: Object.keys(retry.data.resultData.runData ?? {}),
			error: (retry.data.resultData.error as { message?: string } | undefined)?.message,
			atSiem: atSiem('sim').filter((e) => events.includes(e)).length,
		}).toEqual({ status: 'error', workers: 1, nodesRun: [], error: observed.error, atSiem: arrivedBeforeKill.length });
	});

	test('afterwards, every new event is delivered exactly once again', async () => {
		if (!workers.worker1) await startWorker('worker1');
		if (!workers.worker2) await startWorker('worker2');
		const round = await insertRound(2);
		await delivered('events after the crash', round);
		// One more poll of every trigger with nothing new must not deliver anything again.
		const lastArrival = Math.max(...sink.received().map((entry) => Date.parse(entry.at)));
		await waitFor('a quiet poll of every trigger', 3 * MINUTE, () =>
			Date.now() > lastArrival + MINUTE + 2000 && PROVIDERS.every((p) => apiRequestTimes(p).some((at) => at > lastArrival)) ? true : undefined,
		);
		await sleep(5000);
		for (const provider of PROVIDERS) {
			expect({ provider, atSiem: [...atSiem(provider)].sort() }).toEqual({ provider, atSiem: [...inserted[provider]].sort() });
		}
	});
});
