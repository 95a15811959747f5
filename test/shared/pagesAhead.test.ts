/**
 * Return All fetches pages ahead, several at once (nodes/shared/paginate.ts, PagesAhead), and
 * still returns exactly the list: with latency, with entries inserted while it pages, with 429s,
 * and against a rate limit it paces itself to. First the engine against a stub client whose
 * serving order the test controls, then the regular nodes through real n8n-core against the
 * emulators. Items are compared exactly; no test looks at a clock.
 */
import type { INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { MakeAuditLogEntry } from '../../nodes/Make/types';
import { MakeAuditLog } from '../../nodes/Make/MakeAuditLog.node';
import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import type { WorkivaActivity } from '../../nodes/Workiva/types';
import { WorkivaActivity as WorkivaActivityNode } from '../../nodes/Workiva/WorkivaActivity.node';
import { arrayAt, offsetPagination, paginate } from '../../nodes/shared/paginate';
import type { ApiClient, ApiRequest, ApiResponse } from '../../nodes/shared/transport';
import { workspaceEventId } from '../../nodes/Webflow/api';
import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { runNode } from '../harness/n8n';
import { apiRequests as makeRequests, makeCredentials, useMake } from '../make/setup';
import { FAST_RETRIES } from '../sandbox/testing';
import { listRequests as simRequests, simCredentials, useSim } from '../sim/setup';
import { apiRequests as workivaRequests, tokenRequests, useWorkiva, workivaCredentials } from '../workiva/setup';
import { apiRequests as webflowRequests, useWebflow, webflowCredentials } from '../webflow/setup';
import { inFlightAtOnce, overlappingOffsets } from './pagesAhead';

/* ----- The engine, against a stub client ----- */

interface StubList {
	/** Newest first, as an offset API serves it. */
	entries: number[];
	/** Called as each request is served, before its page is read. */
	onServe?(offset: number, served: number): void;
	withTotal: boolean;
}

/** An ApiClient stand-in that serves `list` by offset and logs each request. */
function stubClient(list: StubList, pagesAhead: number) {
	const served: number[] = [];
	const client = {
		api: { name: 'Stub' },
		node: { name: 'Stub', type: 'stub', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode,
		deadline: undefined,
		pagesAhead,
		async request(request: ApiRequest): Promise<ApiResponse> {
			const offset = Number(request.qs?.offset);
			const limit = Number(request.qs?.limit);
			list.onServe?.(offset, served.length);
			served.push(offset);
			const body = { items: list.entries.slice(offset, offset + limit).map((n) => ({ n })), ...(list.withTotal ? { total: list.entries.length } : {}) };
			// Answers come back in no particular order.
			await sleep((offset * 7) % 5);
			return { body, headers: {}, statusCode: 200 };
		},
	};
	return { client: client as unknown as ApiClient, served };
}

const strategy = (withTotal: boolean) =>
	offsetPagination<{ n: number }>({
		url: '/list',
		offsetParam: 'offset',
		limitParam: 'limit',
		itemsOf: arrayAt('items'),
		totalOf: withTotal ? (body) => (body as { total: number }).total : undefined,
	});

const byN = (item: { n: number }) => String(item.n);
const descending = (count: number) => Array.from({ length: count }, (_, i) => count - i);

describe.each([
	['with a total', true],
	['without a total (speculative pages, ending at a short page)', false],
])('paginate, pages ahead, %s', (_label, withTotal) => {
	it('fetches the pages after the first several at once, each overlapping the one before by one entry', async () => {
		const list: StubList = { entries: descending(1000), withTotal };
		const { client, served } = stubClient(list, 4);
		const { items } = await paginate(client, strategy(withTotal), { maxPageSize: 100, idOf: byN });
		expect(items.map((item) => item.n)).toEqual(list.entries);
		const needed = overlappingOffsets(1000, { total: withTotal });
		expect([...new Set(served.filter((offset) => needed.includes(offset)))].sort((a, b) => a - b)).toEqual(needed);
		// Without a total, the short page that ends the walk is read again once the page before it is in.
		expect(served.filter((offset) => offset === needed[needed.length - 1])).toHaveLength(withTotal ? 1 : 2);
		// Pages requested before the one before them was read: the walk did not go one at a time.
		expect(served.slice(0, 3)).toEqual([0, 198, 297]);
	});

	it('re-reads a page served before entries were added ahead of it, which would have left a gap at its seam', async () => {
		// Page 2 (offset 198) is served first; then three entries arrive at the newest end, just
		// before page 1 (offset 99) is served. Page 1 now ends three entries earlier, and page 2
		// starts past its end: the seam check sees page 2's first entry unread, and reads it again.
		const list: StubList = {
			entries: descending(1000),
			withTotal,
			onServe: (offset) => {
				if (offset === 99 && list.entries.length === 1000) list.entries.unshift(1003, 1002, 1001);
			},
		};
		const { client, served } = stubClient(list, 4);
		const { items } = await paginate(client, strategy(withTotal), { maxPageSize: 100, idOf: byN });
		expect(items.map((item) => item.n)).toEqual(descending(1000));
		expect(served.filter((offset) => offset === 198)).toHaveLength(2);
	});

	it('walks one page at a time when the client has no pages ahead (triggers, dropdowns)', async () => {
		const list: StubList = { entries: descending(450), withTotal };
		const { client, served } = stubClient(list, 0);
		const { items } = await paginate(client, strategy(withTotal), { maxPageSize: 100, idOf: byN });
		expect(items).toHaveLength(450);
		expect(served).toEqual([0, 100, 200, 300, 400]);
	});
});

/* ----- Regular nodes through real n8n-core ----- */

const LATENCY_MS = 30;

describe('Webflow Audit Log, Return All with pages ahead', () => {
	const webflow = useWebflow();
	const workspaceLogs = () =>
		runNode({
			nodeType: new WebflowAuditLog(),
			parameters: { resource: 'workspaceAuditLog', operation: 'getMany', workspace: webflow.workspace.id, returnAll: true, options: FAST_RETRIES },
			credentials: webflowCredentials(webflow),
		});
	const keys = (items: Array<{ json: unknown }>) => items.map((item) => workspaceEventId(item.json as never));

	beforeEach(() => webflow.reset({ eventCount: 3000 }));

	it('3,000 entries with latency: exactly the log, newest first, its pages fetched several at once', async () => {
		webflow.setFaults({ latencyMs: LATENCY_MS });
		const { items, error } = await workspaceLogs();
		expect(error).toBeUndefined();
		expect(keys(items)).toEqual(webflow.workspaceEvents({ sortOrder: 'desc' }).map(workspaceEventId));
		const requests = webflowRequests(webflow);
		expect(requests.map((request) => Number(request.query.offset)).sort((a, b) => a - b)).toEqual(overlappingOffsets(3000, { total: true }));
		expect(inFlightAtOnce(requests, LATENCY_MS)).toBeGreaterThanOrEqual(4);
	});

	it('entries inserted while it pages: exactly the entries there were when it started, none twice', async () => {
		const before = webflow.workspaceEvents({ sortOrder: 'desc' }).map(workspaceEventId);
		webflow.setFaults({ latencyMs: LATENCY_MS, insertDuringPaging: { count: 3, times: 1000 } });
		const { items, error } = await workspaceLogs();
		expect(error).toBeUndefined();
		expect(webflowRequests(webflow).filter((request) => request.fault === 'insertDuringPaging').length).toBeGreaterThan(10);
		expect(keys(items)).toEqual(before);
	});

	it('429s on one request in ten: exactly the log', async () => {
		webflow.setFaults({ latencyMs: 5, status429: { rate: 0.1, retryAfterSeconds: 0 } });
		const { items, error } = await workspaceLogs();
		expect(error).toBeUndefined();
		expect(webflowRequests(webflow).some((request) => request.status === 429)).toBe(true);
		expect(keys(items)).toEqual(webflow.workspaceEvents({ sortOrder: 'desc' }).map(workspaceEventId));
	});

	it('rate-bound (25 requests a second, 31 pages): paces itself to X-RateLimit-Remaining, meeting at most one 429', async () => {
		webflow.reset({ eventCount: 3000, rateLimit: { perWindow: 25, windowMs: 1000 } });
		const { items, error } = await workspaceLogs();
		expect(error).toBeUndefined();
		expect(keys(items)).toEqual(webflow.workspaceEvents({ sortOrder: 'desc' }).map(workspaceEventId));
		// The first window has no reset header to go by: one request probes it and learns the window.
		expect(webflowRequests(webflow).filter((request) => request.status === 429).length).toBeLessThanOrEqual(1);
	});

	it('site activity logs with inserts while it pages: exactly the entries there were when it started', async () => {
		webflow.reset({ siteEventCount: 2000 });
		const siteId = webflow.sites[0].id;
		const before = webflow.siteEvents(siteId).map((entry) => entry.id);
		webflow.setFaults({ latencyMs: LATENCY_MS, insertDuringPaging: { count: 2, times: 1000 } });
		const { items, error } = await runNode({
			nodeType: new WebflowAuditLog(),
			parameters: { resource: 'siteActivityLog', operation: 'getMany', siteId, returnAll: true, options: FAST_RETRIES },
			credentials: webflowCredentials(webflow, webflow.tokens.site),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => String(item.json.id))).toEqual(before);
		expect(inFlightAtOnce(webflowRequests(webflow), LATENCY_MS)).toBeGreaterThanOrEqual(4);
	});
});

describe('Make Audit Log, Return All with speculative pages ahead', () => {
	const make = useMake();
	const orgLogs = () =>
		runNode({
			nodeType: new MakeAuditLog(),
			parameters: {
				resource: 'organizationAuditLog',
				operation: 'getMany',
				organization: { __rl: true, mode: 'id', value: String(make.organization.id) },
				returnAll: true,
				options: FAST_RETRIES,
			},
			credentials: makeCredentials(make),
		});
	const uuids = (items: Array<{ json: unknown }>) => items.map((item) => (item.json as MakeAuditLogEntry).uuid);
	const expected = () => make.visibleEvents({ sortBy: 'triggeredAt', sortDir: 'desc' }).map((entry) => entry.uuid);

	beforeEach(() => make.reset({ eventCount: 3000 }));

	it('3,000 entries with latency: exactly the log; pages past the end at most the concurrency', async () => {
		make.setFaults({ latencyMs: LATENCY_MS });
		const { items, error } = await orgLogs();
		expect(error).toBeUndefined();
		const all = expected();
		expect(uuids(items)).toEqual(all);
		const requests = makeRequests(make);
		const needed = overlappingOffsets(all.length, { total: false });
		const offsets = requests.map((request) => Number(request.query['pg[offset]']));
		expect(needed.every((offset) => offsets.includes(offset))).toBe(true);
		// Beyond the needed pages: at most 7 speculative ones and the last page read again.
		expect(offsets.length - needed.length).toBeLessThanOrEqual(8);
		expect(inFlightAtOnce(requests, LATENCY_MS)).toBeGreaterThanOrEqual(4);
	});

	it('entries inserted while it pages: exactly the entries there were when it started, none twice', async () => {
		const before = expected();
		make.setFaults({ latencyMs: LATENCY_MS, insertDuringPaging: { count: 3, times: 1000 } });
		const { items, error } = await orgLogs();
		expect(error).toBeUndefined();
		expect(makeRequests(make).filter((request) => request.fault === 'insertDuringPaging').length).toBeGreaterThan(10);
		expect(uuids(items)).toEqual(before);
	});

	it('rate-bound with no rate-limit headers (10 requests a second, 31 pages): learns the rate from the first 429, then paces itself', async () => {
		make.reset({ eventCount: 3000, rateLimit: { perWindow: 10, windowMs: 1000 } });
		const { items, error } = await orgLogs();
		expect(error).toBeUndefined();
		expect(uuids(items)).toEqual(expected());
		// Only the requests in flight when the first window ran out meet a 429: that one showed the rate.
		expect(makeRequests(make).filter((request) => request.status === 429).length).toBeLessThanOrEqual(8);
	});

	it('429s on one request in ten: exactly the log', async () => {
		make.setFaults({ latencyMs: 5, status429: { rate: 0.1, retryAfterSeconds: 0 } });
		const { items, error } = await orgLogs();
		expect(error).toBeUndefined();
		expect(makeRequests(make).some((request) => request.status === 429)).toBe(true);
		expect(uuids(items)).toEqual(expected());
	});
});

describe('Workiva Activity, Return All in windows of time walked at once', () => {
	const workiva = useWorkiva();
	const activities = (parameters: Record<string, unknown> = {}) =>
		runNode({
			nodeType: new WorkivaActivityNode(),
			parameters: {
				resource: 'activity',
				operation: 'getMany',
				scope: 'organization',
				organizationId: workiva.organization.id,
				returnAll: true,
				...parameters,
				options: { ...FAST_RETRIES, pageSize: 100 },
			},
			credentials: workivaCredentials(workiva),
		});
	const ids = (items: Array<{ json: unknown }>) => items.map((item) => (item.json as WorkivaActivity).id);
	const newestFirst = () => workiva.visibleActivities({ orderBy: 'activityDateTime desc' }).map((activity) => activity.id);

	beforeEach(() => workiva.reset({ eventCount: 4000 }));

	it('4,000 activities with latency: exactly the list, newest first, its windows walked at once', async () => {
		workiva.setFaults({ latencyMs: LATENCY_MS });
		const { items, error } = await activities();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(newestFirst());
		const requests = workivaRequests(workiva);
		// The first page, the far end, then windows: each one's last page partly filled.
		expect(requests.length).toBeLessThanOrEqual(2 + 40 + 8 * 4);
		expect(inFlightAtOnce(requests, LATENCY_MS)).toBeGreaterThanOrEqual(4);
	});

	it('oldest first within Date From and Date To: exactly the activities in range, each window edge exact', async () => {
		const from = '2026-10-05T00:00:00Z';
		const to = '2026-10-25T12:30:00Z';
		const { items, error } = await activities({ order: 'asc', filters: { dateFrom: from, dateTo: to } });
		expect(error).toBeUndefined();
		const inRange = (activity: WorkivaActivity) => Date.parse(activity.activityDateTime) >= Date.parse(from) && Date.parse(activity.activityDateTime) <= Date.parse(to);
		const expected = workiva.visibleActivities({ orderBy: 'activityDateTime asc' }).filter(inRange).map((activity) => activity.id);
		expect(expected.length).toBeGreaterThan(1000);
		expect(ids(items)).toEqual(expected);
	});

	it.each([
		['keyset pages', {}],
		['offset pages that shift under inserts', { offsetCursor: true }],
	])('activities inserted while it pages (%s): exactly the activities there were when it started', async (_label, switches) => {
		const before = newestFirst();
		workiva.setFaults({ ...switches, latencyMs: 5, insertDuringPaging: { count: 3, times: 1000 } });
		const { items, error } = await activities();
		expect(error).toBeUndefined();
		expect(workivaRequests(workiva).filter((request) => request.fault === 'insertDuringPaging').length).toBeGreaterThan(5);
		expect(ids(items)).toEqual(before);
	});

	it('a token that expires mid-walk: exactly the list, and one new token for all the requests it failed', async () => {
		workiva.setFaults({ latencyMs: LATENCY_MS });
		let served = 0;
		workiva.setResponseRewriter((_response, request) => {
			if (request.path.endsWith('/activities') && ++served === 6) workiva.expireTokens();
			return undefined;
		});
		const { items, error } = await activities();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(newestFirst());
		expect(workivaRequests(workiva).filter((request) => request.status === 401).length).toBeGreaterThan(1);
		expect(tokenRequests(workiva)).toHaveLength(2);
	});

	it('429s on one request in ten: exactly the list', async () => {
		workiva.setFaults({ latencyMs: 5, status429: { rate: 0.1, retryAfterSeconds: 0 } });
		const { items, error } = await activities();
		expect(error).toBeUndefined();
		expect(workivaRequests(workiva).some((request) => request.status === 429)).toBe(true);
		expect(ids(items)).toEqual(newestFirst());
	});
});

describe('Sim Audit Log, Return All in windows of time walked at once', () => {
	const sim = useSim();
	const getMany = (filters: Record<string, string> = {}) =>
		runNode({
			nodeType: new SimAuditLog(),
			parameters: { resource: 'auditLog', operation: 'getMany', returnAll: true, filters, options: FAST_RETRIES },
			credentials: simCredentials(sim),
		});
	const ids = (items: Array<{ json: unknown }>) => items.map((item) => String((item.json as { id: string }).id));
	const visible = () => sim.visibleEvents().map((event) => event.id);

	beforeEach(() => sim.reset({ eventCount: 4000 }));

	it('4,000 events with latency and the precision quirk: exactly the log, newest first, its windows walked at once', async () => {
		sim.setFaults({ latencyMs: LATENCY_MS, precisionQuirk: true });
		const { items, error } = await getMany();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(visible());
		const requests = simRequests(sim);
		expect(requests.length).toBeLessThanOrEqual(Math.ceil(visible().length / 100) * 1.5 + 16);
		expect(inFlightAtOnce(requests, LATENCY_MS)).toBeGreaterThanOrEqual(4);
	});

	it('within a Start Date and an End Date: exactly the events in range, across bursts that share a millisecond', async () => {
		sim.setFaults({ precisionQuirk: true });
		const start = '2026-10-08T00:00:00.000Z';
		const end = '2026-10-28T06:00:00.000Z';
		const { items, error } = await getMany({ startDate: start, endDate: end });
		expect(error).toBeUndefined();
		const expected = sim
			.visibleEvents()
			.filter((event) => Date.parse(event.createdAt) >= Date.parse(start) && Date.parse(event.createdAt) <= Date.parse(end))
			.map((event) => event.id);
		expect(expected.length).toBeGreaterThan(1000);
		expect(ids(items)).toEqual(expected);
	});

	it('a long stretch without events, then older ones: the walk finds where the list goes on, and reads them all', async () => {
		// 250 events half a year before the seeded history, 60 s apart: the windows run into the
		// empty months, and one page of everything older shows where the list goes on.
		sim.insert({ count: 250, at: '2026-04-01T00:00:00.000Z', spacingMs: 60_000 });
		sim.setFaults({ latencyMs: 5 });
		const { items, error } = await getMany();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(visible());
	});

	it('events inserted while it pages: exactly the events there were when it started', async () => {
		sim.setFaults({ latencyMs: 5, precisionQuirk: true, insertDuringPaging: { count: 3, times: 1000 } });
		// Read with the quirk on: it orders the rows of one millisecond by their microseconds, as Sim does.
		const before = visible();
		const { items, error } = await getMany();
		expect(error).toBeUndefined();
		expect(simRequests(sim).filter((request) => request.fault === 'insertDuringPaging').length).toBeGreaterThan(5);
		expect(ids(items)).toEqual(before);
	});

	it('429s on one request in ten: exactly the log', async () => {
		sim.setFaults({ latencyMs: 5, status429: { rate: 0.1, retryAfterSeconds: 0 } });
		const { items, error } = await getMany();
		expect(error).toBeUndefined();
		expect(simRequests(sim).some((request) => request.status === 429)).toBe(true);
		expect(ids(items)).toEqual(visible());
	});
});
