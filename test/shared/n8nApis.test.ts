/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code that reads which n8n leg it runs on */
/**
 * The newer n8n APIs the package uses where n8n offers them, through real n8n-core contexts on
 * both test legs: n8n-core 2.8 (`npm test`), which has neither, and 2.41
 * (`npm run test:latest`), which has both. Each test detects the API the way the package does,
 * and asserts what the package does on the line it runs on:
 * - the poll budget (`getPollBudgetMs`): a poll stops reading before it runs out, and the next
 *   poll goes on from there, every event exactly once;
 * - typed failures (`failure` on NodeApiError): a 429 once retries are used up is
 *   `rate-limited`, with the wait the API asked for; a refused key or client is
 *   `credential-invalid`. Without them (2.8) the error is the same, without a `failure`.
 */
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import { SimAuditLogTrigger } from '../../nodes/Sim/SimAuditLogTrigger.node';
import { WebflowAuditLogTrigger } from '../../nodes/Webflow/WebflowAuditLogTrigger.node';
import { WorkivaActivity } from '../../nodes/Workiva/WorkivaActivity.node';
import { n8nPollBudgetMs, type NodeRun, runNode, TriggerRig } from '../harness/n8n';
import { startSimEmulator } from '../sandbox/sim';
import { ANCHOR, useEmulator } from '../sandbox/testing';
import { FAST_RETRIES, listRequests, simCredentials } from '../sim/setup';
import { useWebflow, webflowCredentials } from '../webflow/setup';
import { useWorkiva, workivaCredentials } from '../workiva/setup';

const BACKLOG = 600;
const sim = useEmulator(startSimEmulator, { anchor: ANCHOR, eventCount: BACKLOG, rateLimit: { refillPerWindow: 100_000, windowMs: 60_000 } });
const webflow = useWebflow();
const workiva = useWorkiva();

const someNode: INode = { id: 'probe', name: 'Probe', type: 'probe', typeVersion: 1, position: [0, 0], parameters: {} };
/** Whether this n8n-workflow keeps a `failure` given to NodeApiError (≥ 2.41), as n8n reads it. */
const TYPED_FAILURES =
	(new NodeApiError(someNode, {}, { failure: { cause: 'node-defect' } } as never) as { failure?: unknown }).failure !== undefined;

/** One retry after a 429 that asks for 1 s, then the error. */
const ONE_RETRY = { ...FAST_RETRIES, maxRetries: 1 };

describe('the n8n under test', () => {
	it('is one n8n-core with one n8n-workflow, whose NodeApiError is the one the nodes throw', async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const coreVersion = (require('n8n-core/package.json') as { version: string }).version;
		// `npm run test:latest` names the pair it installed; `npm test` runs the root's devDependency.
		expect(coreVersion).toBe(process.env.AUDIT_LOGS_LATEST_N8N_CORE ?? '2.8.1');
		const fromCore = require.resolve('n8n-workflow', { paths: [require.resolve('n8n-core')] });
		expect(fromCore).toBe(require.resolve('n8n-workflow'));
		if (process.env.AUDIT_LOGS_LATEST_N8N_CORE) expect(process.versions.node.split('.')[0]).toBe('24');

		// A poll's error reaches n8n-core as thrown (a node's run data holds a copy): n8n-core 2.41
		// tells rate limits and auth failures apart by `instanceof NodeApiError`.
		const pollError = await new TriggerRig(new SimAuditLogTrigger(), { startFrom: 'now', filters: {}, options: FAST_RETRIES }, simCredentials(sim, 'sk-sim-unknown'))
			.poll()
			.catch((e: unknown) => e);
		expect(pollError).toBeInstanceOf(NodeApiError);
		expect(TYPED_FAILURES).toBe(!coreVersion.startsWith('2.8.'));
	});
});

describe('the poll budget', () => {
	const BACKFILL = { startFrom: 'date', startDate: '2000-01-01T00:00:00Z', maxEventsPerPoll: 1000, filters: {}, options: FAST_RETRIES };
	const trigger = () => new TriggerRig(new SimAuditLogTrigger(), { ...BACKFILL }, simCredentials(sim));
	/** Polls until a poll emits nothing after everything came out; each poll's IDs. */
	async function drain(rig: TriggerRig, until: number) {
		const polls: string[][] = [];
		while (polls.length < 100) {
			const ids = ((await rig.poll()) ?? []).map((event) => String(event.id));
			polls.push(ids);
			if (polls.flat().length >= until && ids.length === 0) return polls;
		}
		throw new Error('the trigger did not drain in 100 polls');
	}
	const oldestFirst = () => [...sim.visibleEvents()].reverse().map((event) => event.id);

	it('a poll stops reading within its budget and the next resumes: every event exactly once, new ones too', async () => {
		sim.setFaults({ latencyMs: 40 });
		const backlog = oldestFirst();
		expect(backlog.length).toBeGreaterThan(BACKLOG * 0.8);
		const rig = trigger();
		const budget = n8nPollBudgetMs();
		if (budget !== undefined) {
			// n8n-core ≥ 2.41: every poll has a budget, 5 minutes unless n8n's scheduler says otherwise.
			expect(budget).toBe(5 * 60_000);
			// Here one that fits a few pages (each 40 ms): the walk spreads over several polls.
			rig.pollBudgetMs = 250;
			const first = await drain(rig, 1);
			sim.insert({ count: 3 });
			const rest = await drain(rig, backlog.length + 3 - first.flat().length);
			const polls = [...first, ...rest];
			expect(polls.flat()).toEqual(oldestFirst());
			expect(polls.filter((ids) => ids.length > 0).length).toBeGreaterThan(2);
			expect(Math.max(...polls.map((ids) => ids.length))).toBeLessThan(backlog.length);
		} else {
			// n8n-core 2.8: no budget, so a poll reads as long as Max Events per Poll (1000) allows.
			expect(await rig.poll().then((events) => events?.map((event) => event.id))).toEqual(backlog);
			sim.insert({ count: 3 });
			expect(await rig.poll().then((events) => events?.map((event) => event.id))).toEqual(oldestFirst().slice(backlog.length));
			expect(await rig.poll()).toBeNull();
		}
	});

	it('n8n\'s default budget is far above one poll\'s work: the backlog comes in one poll, as without a budget', async () => {
		const rig = trigger();
		expect((await rig.poll())?.map((event) => event.id)).toEqual(oldestFirst());
		expect(await rig.poll()).toBeNull();
	});
});

describe('typed failures', () => {
	/** Asserts the failure n8n ≥ 2.41 reads, or that there is none before it. */
	function expectFailure(error: NodeRun['error'], failure: object) {
		const declared = (error as { failure?: unknown } | undefined)?.failure;
		if (TYPED_FAILURES) expect(declared).toEqual(failure);
		else expect(declared).toBeUndefined();
	}

	it('a 429 storm in a regular node: rate-limited, with Retry-After and the reset Sim sent', async () => {
		sim.setFaults({ status429: { times: 10, retryAfterSeconds: 1 } });
		const { error } = await runNode({
			nodeType: new SimAuditLog(),
			parameters: { resource: 'auditLog', operation: 'getMany', returnAll: false, limit: 5, filters: {}, options: ONE_RETRY },
			credentials: simCredentials(sim),
		});
		expect(error?.message).toBe('Sim API error 429: Rate limit exceeded');
		expect(error?.httpCode).toBe('429');
		const requests = listRequests(sim);
		expect(requests.map((request) => request.status)).toEqual([429, 429]);
		// Sim's X-RateLimit-Reset is the last 429's arrival plus its Retry-After, in milliseconds.
		const resetsAt = (error as { failure?: { resetsAtEpochMs?: number } }).failure?.resetsAtEpochMs;
		expectFailure(error, { cause: 'rate-limited', retryAfterMs: 1000, resetsAtEpochMs: resetsAt });
		if (TYPED_FAILURES) {
			expect(resetsAt).toBeGreaterThanOrEqual(Date.parse(requests[1].at) + 1000);
			expect(resetsAt).toBeLessThanOrEqual(Date.parse(requests[1].at) + 1000 + 50);
		}
	});

	it('a 429 storm in a trigger: the poll fails rate-limited, with the Retry-After Webflow sent', async () => {
		const rig = new TriggerRig(
			new WebflowAuditLogTrigger(),
			{ scope: 'workspace', workspace: webflow.workspace.id, eventType: '', startFrom: 'now', maxEventsPerPoll: 100, options: ONE_RETRY },
			webflowCredentials(webflow),
		);
		webflow.setFaults({ status429: { times: 10, retryAfterSeconds: 1 } });
		const error = (await rig.poll().catch((e: unknown) => e)) as NodeRun['error'];
		expect(error?.message).toBe('Webflow API error 429: Too many requests');
		expectFailure(error, { cause: 'rate-limited', retryAfterMs: 1000 });
		expect(rig.state).toBeUndefined();
	});

	it('a bad API key: credential-invalid, in a regular node and in a trigger', async () => {
		const credentials = simCredentials(sim, 'sk-sim-unknown');
		const { error } = await runNode({
			nodeType: new SimAuditLog(),
			parameters: { resource: 'auditLog', operation: 'getMany', returnAll: false, limit: 5, filters: {}, options: FAST_RETRIES },
			credentials,
		});
		expect(error?.message).toBe('Sim API error 401: Invalid API key');
		expectFailure(error, { cause: 'credential-invalid' });

		const pollError = (await new TriggerRig(new SimAuditLogTrigger(), { startFrom: 'now', filters: {}, options: FAST_RETRIES }, credentials)
			.poll()
			.catch((e: unknown) => e)) as NodeRun['error'];
		expect(pollError?.message).toBe('Sim API error 401: Invalid API key');
		expectFailure(pollError, { cause: 'credential-invalid' });
	});

	it('a client secret the token endpoint refuses (invalid_client): credential-invalid', async () => {
		const { error } = await runNode({
			nodeType: new WorkivaActivity(),
			parameters: { resource: 'activity', operation: 'getMany', scope: 'organization', organizationId: workiva.organization.id, options: FAST_RETRIES },
			credentials: workivaCredentials(workiva, 'wrongSecret'),
		});
		expect(error?.message).toMatch(/^Workiva refused the OAuth2 client credentials: Client authentication failed/);
		expectFailure(error, { cause: 'credential-invalid' });
	});

	it('other failures declare nothing: a 403 names the missing role, and the user decides', async () => {
		const { error } = await runNode({
			nodeType: new SimAuditLog(),
			parameters: { resource: 'auditLog', operation: 'getMany', returnAll: false, limit: 5, filters: {}, options: FAST_RETRIES },
			credentials: simCredentials(sim, sim.keys.member),
		});
		expect(error?.message).toBe('Sim API error 403: Organization admin or owner role required');
		expect((error as { failure?: unknown }).failure).toBeUndefined();
	});
});
