/**
 * Draining a backlog through real n8n-core, for the newest-first APIs (Sim audit logs and
 * Webflow site activity logs): every event exactly once, oldest first, at a request cost of
 * at most 2·N/P + 3·N/M, and to the end even when each poll's budget covers only a few pages.
 */
import type { IDataObject } from 'n8n-workflow';

import { SimAuditLogTrigger } from '../../nodes/Sim/SimAuditLogTrigger.node';
import { WebflowAuditLogTrigger } from '../../nodes/Webflow/WebflowAuditLogTrigger.node';
import { TriggerRig } from '../harness/n8n';
import type { SimEmulator } from '../sandbox/sim';
import { startSimEmulator } from '../sandbox/sim';
import type { WebflowEmulator } from '../sandbox/webflow';
import { startWebflowEmulator } from '../sandbox/webflow';
import { ANCHOR, FAST_RETRIES, listRequests, simCredentials } from '../sim/setup';
import { apiRequests, ROOMY_RATE_LIMIT, webflowCredentials } from '../webflow/setup';

const PAGE_SIZE = 100;
const BACKLOG = 3000;
const ROOMY_SIM_LIMIT = { refillPerWindow: 100_000, windowMs: 60_000 };

let sim: SimEmulator;
let webflow: WebflowEmulator;

beforeAll(async () => {
	sim = await startSimEmulator({ anchor: ANCHOR, eventCount: BACKLOG, rateLimit: ROOMY_SIM_LIMIT });
	webflow = await startWebflowEmulator({ anchor: ANCHOR, siteEventCount: BACKLOG, rateLimit: ROOMY_RATE_LIMIT });
});
afterAll(async () => {
	await sim.close();
	await webflow.close();
});

interface Subject {
	name: string;
	rig(parameters: IDataObject): TriggerRig;
	/** The events a backfill from the beginning must deliver, oldest first. */
	expected(): Array<{ id: string }>;
	requests(): number;
	setLatency(ms: number): void;
	reset(): void;
}

const subjects: Subject[] = [
	{
		name: 'Sim audit logs',
		rig: (parameters) =>
			new TriggerRig(new SimAuditLogTrigger(), { filters: {}, options: FAST_RETRIES, ...parameters }, simCredentials(sim)),
		expected: () => [...sim.visibleEvents()].reverse(),
		requests: () => listRequests(sim).length,
		setLatency: (latencyMs) => sim.setFaults({ latencyMs }),
		reset: () => {
			sim.reset({ eventCount: BACKLOG, rateLimit: ROOMY_SIM_LIMIT });
			sim.clearRequests();
		},
	},
	{
		name: 'Webflow site activity logs',
		rig: (parameters) =>
			new TriggerRig(
				new WebflowAuditLogTrigger(),
				{ scope: 'site', siteId: webflow.sites[0].id, options: FAST_RETRIES, ...parameters },
				webflowCredentials(webflow, webflow.tokens.site),
			),
		expected: () =>
			[...webflow.siteEvents(webflow.sites[0].id)].sort(
				(a, b) => Date.parse(a.createdOn) - Date.parse(b.createdOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
			),
		requests: () => apiRequests(webflow).length,
		setLatency: (latencyMs) => webflow.setFaults({ latencyMs }),
		reset: () => {
			webflow.reset({ siteEventCount: BACKLOG, rateLimit: ROOMY_RATE_LIMIT });
			webflow.clearRequests();
		},
	},
];

/** Polls until everything expected came out and one more poll is quiet; every poll's IDs. */
async function pollUntilDrained(rig: TriggerRig, expected: number, maxPolls: number) {
	const polls: string[][] = [];
	let total = 0;
	for (let poll = 0; poll < maxPolls; poll++) {
		const ids = ((await rig.poll()) ?? []).map((event) => String(event.id));
		polls.push(ids);
		total += ids.length;
		if (total >= expected && ids.length === 0) break;
	}
	return polls;
}

const BACKFILL_FROM = { startFrom: 'date', startDate: '2000-01-01T00:00:00Z' };

describe.each(subjects)('backlog of a newest-first API: $name', (subject) => {
	beforeEach(() => subject.reset());

	it('drains N events at most M per poll, each exactly once and oldest first, in at most 2·N/P + 3·N/M requests', async () => {
		const maxEventsPerPoll = 100;
		const expected = subject.expected().map((event) => event.id);
		expect(expected.length).toBeGreaterThan(2500);

		const polls = await pollUntilDrained(subject.rig({ ...BACKFILL_FROM, maxEventsPerPoll }), expected.length, 200);
		expect(polls.flat()).toEqual(expected);
		expect(Math.max(...polls.map((ids) => ids.length))).toBe(maxEventsPerPoll);

		const n = expected.length;
		const bound = (2 * n) / PAGE_SIZE + (3 * n) / maxEventsPerPoll;
		expect(subject.requests()).toBeLessThanOrEqual(bound);
	});

	it('drains a backlog far larger than one poll budget: every event exactly once, oldest first', async () => {
		subject.setLatency(40);
		const rig = subject.rig({ ...BACKFILL_FROM, maxEventsPerPoll: 500 });
		// n8n ≥ 2.38 gives each poll a time budget; this one fits only a few pages.
		rig.pollBudgetMs = 250;
		const expected = subject.expected().map((event) => event.id);

		const polls = await pollUntilDrained(rig, expected.length, 400);
		expect(polls.flat()).toEqual(expected);
		// The budget really cut polls short: some polls emitted nothing while walking down.
		expect(polls.slice(0, -1).some((ids) => ids.length === 0)).toBe(true);
	});
});
