/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a foreign listener */
/**
 * Malformed responses (issue "Reliability", section 4), across the four providers, through
 * real n8n-core against the emulators, with responses rewritten in flight: a wrong-shape body
 * on the first or a later page, a body that is not JSON, a cursor or link that repeats, a next
 * link to another origin, an API that ignores the offset, a page bigger than asked, and a total
 * that shrinks or grows while a walk is under way.
 *
 * Always a clear NodeApiError or the complete list: never a TypeError, an endless loop, a
 * silently short list, or credentials sent to another origin.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeType } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MakeAuditLog } from '../../nodes/Make/MakeAuditLog.node';
import { MakeAuditLogTrigger } from '../../nodes/Make/MakeAuditLogTrigger.node';
import { STALLED_PAGES } from '../../nodes/shared/paginate';
import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import { SimAuditLogTrigger } from '../../nodes/Sim/SimAuditLogTrigger.node';
import { workspaceEventId } from '../../nodes/Webflow/api';
import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { WebflowAuditLogTrigger } from '../../nodes/Webflow/WebflowAuditLogTrigger.node';
import { WorkivaActivity } from '../../nodes/Workiva/WorkivaActivity.node';
import { WorkivaActivityTrigger } from '../../nodes/Workiva/WorkivaActivityTrigger.node';
import type { CredentialStore, NodeRun } from '../harness/n8n';
import { runLoadOptions, runNode, TriggerRig } from '../harness/n8n';
import { makeCredentials, useMake } from '../make/setup';
import type { EmulatorRequest, EmulatorResponse, LoggedRequest, ResponseRewriter } from '../sandbox/kit';
import { FAST_RETRIES } from '../sandbox/testing';
import { simCredentials, useSim } from '../sim/setup';
import { useWebflow, webflowCredentials } from '../webflow/setup';
import { useWorkiva, workivaCredentials } from '../workiva/setup';

const sim = useSim();
const webflow = useWebflow();
const make = useMake();
const workiva = useWorkiva();

/** Before every seeded event: a trigger that starts here reads the whole log in its first poll. */
const BACKFILL_FROM = '2026-09-01T00:00:00Z';

interface Rewritable {
	setResponseRewriter(rewriter: ResponseRewriter | null): void;
	requests(): LoggedRequest[];
}

/** One list the nodes page through: its node, trigger, emulator and what its pages look like. */
interface Case {
	label: string;
	/** The provider's name in messages. */
	provider: 'Sim' | 'Webflow' | 'Make' | 'Workiva';
	emulator: Rewritable;
	/** The key of the page's array. */
	listKey: string;
	isList(path: string): boolean;
	/** Get Many of the whole list, newest first. */
	getMany(extra?: IDataObject, continueOnFail?: boolean): Promise<NodeRun>;
	/** A trigger that reads the whole list, several pages, in its first poll. */
	rig(): TriggerRig;
	keyOf(item: IDataObject): string;
	/** Keys of the whole list in Get Many's order. */
	expected(): string[];
	/** Runs before a trigger test, e.g. to give the log enough pages. */
	prepare?(): void;
	/**
	 * Get Many's Return All fetches pages ahead, several at once (offset pages, or windows of
	 * time): pages after the one that fails may already be on their way, so requests are
	 * counted per page, not in all.
	 */
	pagesAhead?: boolean;
}

const run = (nodeType: INodeType, parameters: IDataObject, credentials: CredentialStore, continueOnFail = false) =>
	runNode({ nodeType, parameters: { options: FAST_RETRIES, ...parameters }, credentials, continueOnFail });

const rigOf = (trigger: INodeType, parameters: IDataObject, credentials: CredentialStore) =>
	new TriggerRig(trigger, { startFrom: 'date', startDate: BACKFILL_FROM, maxEventsPerPoll: 5000, options: FAST_RETRIES, ...parameters }, credentials);

const makeOrganization = () => ({ __rl: true, mode: 'list', value: String(make.organization.id) });
const siteId = () => webflow.sites[0].id;

const SIM: Case = {
	label: 'Sim',
	provider: 'Sim',
	emulator: sim,
	listKey: 'data',
	isList: (path) => path === '/api/v1/audit-logs',
	getMany: (extra = {}, continueOnFail) =>
		run(new SimAuditLog(), { resource: 'auditLog', operation: 'getMany', returnAll: true, ...extra }, simCredentials(sim), continueOnFail),
	rig: () => rigOf(new SimAuditLogTrigger(), { filters: {} }, simCredentials(sim)),
	pagesAhead: true,
	keyOf: (item) => String(item.id),
	expected: () => sim.visibleEvents().map((event) => event.id),
};

const WEBFLOW_WORKSPACE: Case = {
	label: 'Webflow workspace audit log',
	provider: 'Webflow',
	emulator: webflow,
	listKey: 'items',
	isList: (path) => path.endsWith('/audit_logs'),
	getMany: (extra = {}, continueOnFail) =>
		run(
			new WebflowAuditLog(),
			{ resource: 'workspaceAuditLog', operation: 'getMany', workspace: webflow.workspace.id, returnAll: true, ...extra },
			webflowCredentials(webflow),
			continueOnFail,
		),
	rig: () => rigOf(new WebflowAuditLogTrigger(), { scope: 'workspace', workspace: webflow.workspace.id, eventType: '' }, webflowCredentials(webflow)),
	pagesAhead: true,
	keyOf: (item) => workspaceEventId(item as never),
	expected: () => webflow.workspaceEvents({ sortOrder: 'desc' }).map(workspaceEventId),
};

const WEBFLOW_SITE: Case = {
	label: 'Webflow site activity log',
	provider: 'Webflow',
	emulator: webflow,
	listKey: 'items',
	isList: (path) => path.endsWith('/activity_logs'),
	getMany: (extra = {}, continueOnFail) =>
		run(
			new WebflowAuditLog(),
			{ resource: 'siteActivityLog', operation: 'getMany', siteId: siteId(), returnAll: true, ...extra },
			webflowCredentials(webflow, webflow.tokens.site),
			continueOnFail,
		),
	rig: () => rigOf(new WebflowAuditLogTrigger(), { scope: 'site', siteId: siteId() }, webflowCredentials(webflow, webflow.tokens.site)),
	pagesAhead: true,
	keyOf: (item) => String(item.id),
	expected: () => webflow.siteEvents(siteId()).map((item) => item.id),
};

const MAKE: Case = {
	label: 'Make',
	provider: 'Make',
	emulator: make,
	listKey: 'auditLogs',
	isList: (path) => path.includes('/audit-logs/organization/') && !path.endsWith('/filters'),
	getMany: (extra = {}, continueOnFail) =>
		run(
			new MakeAuditLog(),
			{ resource: 'organizationAuditLog', operation: 'getMany', organization: makeOrganization(), returnAll: true, ...extra },
			makeCredentials(make),
			continueOnFail,
		),
	rig: () => rigOf(new MakeAuditLogTrigger(), { scope: 'organization', organization: makeOrganization(), filters: {} }, makeCredentials(make)),
	pagesAhead: true,
	keyOf: (item) => String(item.uuid),
	expected: () => make.visibleEvents({ sortBy: 'triggeredAt', sortDir: 'desc' }).map((entry) => entry.uuid),
};

const WORKIVA: Case = {
	label: 'Workiva',
	provider: 'Workiva',
	emulator: workiva,
	listKey: 'data',
	isList: (path) => path.endsWith('/activities'),
	getMany: (extra = {}, continueOnFail) =>
		run(
			new WorkivaActivity(),
			{
				resource: 'activity',
				operation: 'getMany',
				scope: 'organization',
				organizationId: workiva.organization.id,
				returnAll: true,
				...extra,
				options: { ...FAST_RETRIES, pageSize: 100, ...(extra.options as IDataObject) },
			},
			workivaCredentials(workiva),
			continueOnFail,
		),
	rig: () =>
		rigOf(new WorkivaActivityTrigger(), { scope: 'organization', organizationId: workiva.organization.id, filters: {} }, workivaCredentials(workiva)),
	pagesAhead: true,
	keyOf: (item) => String(item.id),
	expected: () => workiva.visibleActivities({ orderBy: 'activityDateTime desc' }).map((activity) => activity.id),
	// The trigger asks for pages of up to 1,000: 2,500 activities make three.
	prepare: () => workiva.reset({ eventCount: 2500 }),
};

const CASES = [SIM, WEBFLOW_WORKSPACE, WEBFLOW_SITE, MAKE, WORKIVA];

/* ----- Helpers ----- */

const listRequests = (c: Case) => c.emulator.requests().filter((request) => c.isList(request.path));

/** Pages a Return All with pages ahead may have asked for past the one it failed on: the gate's concurrency, less one. */
const PAGES_AHEAD = 7;

/** A walk that failed at its `page`-th page: it asked for no more (or, with pages ahead, at most PAGES_AHEAD more). */
const expectFailedAtPage = (c: Case, page: number) => {
	const count = listRequests(c).length;
	if (!c.pagesAhead) return expect(count).toBe(page);
	expect(count).toBeGreaterThanOrEqual(page);
	expect(count).toBeLessThanOrEqual(page + PAGES_AHEAD);
};

/** How many times the page of `request` was asked for. */
const timesAsked = (c: Case, request: LoggedRequest) =>
	listRequests(c).filter((other) => other.path === request.path && other.rawQuery === request.rawQuery).length;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Rewrites the case's list responses; `n` counts them from 1, retries included. */
function onListPages(c: Case, rewrite: (n: number, response: EmulatorResponse, request: EmulatorRequest) => EmulatorResponse | undefined) {
	let n = 0;
	c.emulator.setResponseRewriter((response, request) => (c.isList(request.path) ? rewrite(++n, response, request) : undefined));
}

/** The response with its JSON body changed (on a copy). */
const withBody = (response: EmulatorResponse, change: (body: IDataObject) => unknown): EmulatorResponse => ({
	...response,
	body: change(clone(response.body) as IDataObject),
});

const without = (key: string) => (body: IDataObject) => {
	delete body[key];
	return body;
};

const missing = (c: Case) => `Unexpected response from ${c.provider}: \`${c.listKey}\` is missing`;

/** How the trigger's poll failed; it must not have saved any state. */
async function failedPoll(rig: TriggerRig) {
	const before = clone(rig.staticData);
	const error = (await rig.poll().then(
		() => undefined,
		(thrown: unknown) => thrown,
	)) as (Error & { description?: string }) | undefined;
	expect(error).toBeInstanceOf(NodeApiError);
	expect(rig.staticData).toEqual(before);
	return error!;
}

const sorted = (keys: string[]) => [...keys].sort();

/** A loopback server that records every request; the test asserts it stays at zero. */
async function foreignServer() {
	const hits: string[] = [];
	const server = createServer((req, res) => {
		hits.push(String(req.url));
		res.setHeader('content-type', 'application/json');
		res.end('{"data":[]}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { origin, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/* ----- Wrong-shape pages ----- */

describe.each(CASES)('A wrong-shape page: $label', (c) => {
	it.each([1, 3])('Get Many, Return All: the list key missing on page %i fails the run, without the pages before it', async (page) => {
		onListPages(c, (n, response) => (n === page ? withBody(response, without(c.listKey)) : undefined));
		const { items, error } = await c.getMany();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(missing(c));
		expect(error?.httpCode).toBe('200');
		expect(items).toEqual([]);
		// Not retried: a wrong shape is not a passing fault.
		if (c.pagesAhead) {
			const [wrong, ...others] = listRequests(c).filter((request) => request.fault === 'rewrite');
			expect(others).toEqual([]);
			expect(timesAsked(c, wrong)).toBe(1);
		} else {
			expect(listRequests(c)).toHaveLength(page);
		}
	});

	it('Get Many with Continue On Fail: one error item in place of the list, not the pages before it', async () => {
		onListPages(c, (n, response) => (n === 3 ? withBody(response, (body) => ({ ...body, [c.listKey]: { count: 1 } })) : undefined));
		const { items, error } = await c.getMany({}, true);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{
				error: `Unexpected response from ${c.provider}: \`${c.listKey}\` is not an array`,
				description: expect.stringMatching(
					new RegExp(`^${c.provider} answered HTTP 200, but not in the shape this node reads \\(top-level keys: ${c.listKey}[,)].*The ${c.provider} API may have changed, or a proxy or gateway answered in its place\\. Nothing was returned\\.$`),
				),
			},
		]);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it.each([1, 3])('trigger: the list key missing on page %i fails the poll, which keeps its state; the next poll delivers everything', async (page) => {
		c.prepare?.();
		const rig = c.rig();
		onListPages(c, (n, response) => (n === page ? withBody(response, without(c.listKey)) : undefined));
		const error = await failedPoll(rig);
		expect(error.message).toBe(missing(c));
		expect(listRequests(c)).toHaveLength(page);

		c.emulator.setResponseRewriter(null);
		const emitted = (await rig.poll()) ?? [];
		const keys = emitted.map(c.keyOf);
		expect(new Set(keys).size).toBe(keys.length);
		expect(sorted(keys)).toEqual(sorted(c.expected()));
	});

	it('a body that is not JSON (an HTML page from a proxy) is retried, then a clear error', async () => {
		onListPages(c, (n) =>
			n >= 3 ? { status: 200, headers: { 'content-type': 'text/html' }, rawBody: '<html><body>502 Bad Gateway</body></html>' } : undefined,
		);
		const { items, error } = await c.getMany();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(`${c.provider} returned a response that is not valid JSON`);
		expect(items).toEqual([]);
		if (c.pagesAhead) {
			// The page the walk failed on was asked for once and retried three times, no more.
			expect(Math.max(...listRequests(c).map((request) => timesAsked(c, request)))).toBe(1 + FAST_RETRIES.maxRetries);
		} else {
			// Pages 1 and 2, then page 3 and its three retries.
			expect(listRequests(c)).toHaveLength(2 + 1 + FAST_RETRIES.maxRetries);
		}
	});

	it('a JSON array, an empty body or a proxy\'s own JSON where a page belongs', async () => {
		const cases: Array<[EmulatorResponse | ((response: EmulatorResponse) => EmulatorResponse), string]> = [
			[(response) => ({ ...response, body: [] }), 'the body is a JSON array, not an object'],
			[{ status: 200, rawBody: '' }, 'the body is empty'],
			[{ status: 200, body: { error: 'Service in maintenance' } }, `\`${c.listKey}\` is missing`],
		];
		for (const [replacement, problem] of cases) {
			onListPages(c, (_n, response) => (typeof replacement === 'function' ? replacement(response) : replacement));
			const { error } = await c.getMany({ returnAll: false, limit: 5 });
			expect(error?.message).toBe(`Unexpected response from ${c.provider}: ${problem}`);
		}
	});
});

describe('A wrong-shape page names the field', () => {
	const at = (path: Array<string | number>, value: unknown) => (body: IDataObject) => {
		let target = body as Record<string | number, unknown>;
		for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
		const last = path[path.length - 1];
		if (value === undefined) delete target[last];
		else target[last] = value;
		return body;
	};
	const row = (c: Case, change: (body: IDataObject) => IDataObject, problem: string) => [`${c.label}: ${problem}`, c, change, problem] as const;
	it.each([
		row(SIM, at(['data', 0, 'createdAt'], 'yesterday'), '`data[0].createdAt` is not a date'),
		row(SIM, at(['data', 2, 'id'], undefined), '`data[2].id` is missing'),
		row(SIM, at(['nextCursor'], 42), '`nextCursor` is not a string'),
		row(WEBFLOW_WORKSPACE, at(['pagination'], undefined), '`pagination` is missing'),
		row(WEBFLOW_WORKSPACE, at(['pagination', 'total'], '1200'), '`pagination.total` is not a number'),
		row(WEBFLOW_WORKSPACE, at(['items', 1, 'timestamp'], undefined), '`items[1].timestamp` is missing'),
		row(WEBFLOW_SITE, at(['items', 0, 'id'], 7), '`items[0].id` is not a string'),
		row(MAKE, at(['auditLogs', 0, 'uuid'], undefined), '`auditLogs[0].uuid` is missing'),
		row(MAKE, at(['auditLogs', 1], null), '`auditLogs[1]` is not an object'),
		row(MAKE, at(['pg', 'limit'], '100'), '`pg.limit` is not a number'),
		row(WORKIVA, at(['@nextLink'], 5), '`@nextLink` is not a string'),
		row(WORKIVA, at(['data', 0, 'tags'], 'eventId:1'), '`data[0].tags` is not an array'),
		row(WORKIVA, at(['data', 3, 'activityDateTime'], undefined), '`data[3].activityDateTime` is missing'),
	])('%s', async (_label, c, change, problem) => {
		onListPages(c, (_n, response) => withBody(response, change));
		const { items, error } = await c.getMany({ returnAll: false, limit: 10 });
		expect(error?.message).toBe(`Unexpected response from ${c.provider}: ${problem}`);
		expect(items).toEqual([]);
	});
});

describe('Wrong-shape records and catalogues', () => {
	const rewriteAll = (emulator: Rewritable, test: (path: string) => boolean, body: unknown) =>
		emulator.setResponseRewriter((response, request) => (test(request.path) ? { status: 200, body } : undefined));

	it('Sim Get: `data` missing or not an object', async () => {
		const id = sim.visibleEvents()[0].id;
		for (const [body, problem] of [
			[{}, '`data` is missing'],
			[{ data: null }, '`data` is not an object'],
			[{ data: { name: 'x' } }, '`data.id` is missing'],
		] as const) {
			rewriteAll(sim, (path) => path.startsWith('/api/v1/audit-logs/'), body);
			const { error } = await run(new SimAuditLog(), { resource: 'auditLog', operation: 'get', auditLogId: id }, simCredentials(sim));
			expect(error?.message).toBe(`Unexpected response from Sim: ${problem}`);
		}
	});

	it('Make Get, Filter Catalogue and the organization picker', async () => {
		const entry = make.visibleEvents()[0];
		rewriteAll(make, (path) => path.includes(`/audit-logs/${make.organization.id}/`), { auditLog: entry });
		const detail = await run(new MakeAuditLog(), { resource: 'auditLog', operation: 'get', organization: makeOrganization(), uuid: entry.uuid }, makeCredentials(make));
		expect(detail.error?.message).toBe('Unexpected response from Make: `uuid` is missing');

		rewriteAll(make, (path) => path.endsWith('/filters'), { users: [] });
		const catalogue = () =>
			run(new MakeAuditLog(), { resource: 'filterCatalogue', operation: 'get', catalogueScope: 'organization', organization: makeOrganization() }, makeCredentials(make));
		expect((await catalogue()).error?.message).toBe('Unexpected response from Make: `events` is missing');
		rewriteAll(make, (path) => path.endsWith('/filters'), { users: [], events: [{ header: 'Keys', items: [null] }] });
		expect((await catalogue()).error?.message).toBe('Unexpected response from Make: `events[0].items[0]` is not an object');

		rewriteAll(make, (path) => path.endsWith('/organizations'), { organizations: { id: 1 } });
		await expect(
			runLoadOptions({ nodeType: new MakeAuditLog(), method: { listSearch: 'searchOrganizations' }, parameters: {}, credentials: makeCredentials(make) }),
		).rejects.toThrow('Unexpected response from Make: `organizations` is not an array');
	});

	it('Workiva Get, the action catalogue and its dropdown', async () => {
		const [activity] = workiva.visibleActivities();
		rewriteAll(workiva, (path) => path.includes('/activities/'), []);
		const one = await run(new WorkivaActivity(), { resource: 'activity', operation: 'get', activityId: activity.id }, workivaCredentials(workiva));
		expect(one.error?.message).toBe('Unexpected response from Workiva: the body is a JSON array, not an object');

		rewriteAll(workiva, (path) => path.endsWith('/activityActions'), { value: workiva.actions });
		const catalogue = await run(new WorkivaActivity(), { resource: 'activityAction', operation: 'getMany', returnAll: true }, workivaCredentials(workiva));
		expect(catalogue.error?.message).toBe('Unexpected response from Workiva: `data` is missing');
		await expect(
			runLoadOptions({
				nodeType: new WorkivaActivity(),
				method: { loadOptions: 'getActionAliases' },
				parameters: { resource: 'activity', operation: 'getMany' },
				credentials: workivaCredentials(workiva),
			}),
		).rejects.toThrow('Unexpected response from Workiva: `data` is missing');
	});
});

/* ----- Cursors and links that repeat, offsets that are ignored ----- */

describe('A cursor or next link that repeats: an error naming it, after a bounded number of requests', () => {
	/** Every list page is the first one again, cursor or link included. */
	const firstPageForever = (c: Case, link?: (response: EmulatorResponse, request: EmulatorRequest) => string) => {
		let first: unknown;
		onListPages(c, (n, response, request) => {
			if (n === 1) first = link ? { ...(response.body as IDataObject), '@nextLink': link(response, request) } : response.body;
			return { ...response, status: 200, body: clone(first) };
		});
	};
	const sameLink = (response: EmulatorResponse, request: EmulatorRequest) =>
		String((response.body as IDataObject)['@nextLink'] ?? `${request.origin}${request.path}?$next=stuck`);

	it('Sim, Get Many: the same page and cursor again', async () => {
		firstPageForever(SIM);
		const { items, error } = await SIM.getMany();
		expect(error?.message).toBe('Sim returned the same page cursor twice');
		expect(items).toEqual([]);
		// Three pages for each window walked at once (the gate's 8), at most.
		expect(listRequests(SIM).length).toBeLessThanOrEqual(3 * 8);
	});

	it('Sim, trigger: the same page and cursor again (the engine reuses pages, so this would spin forever)', async () => {
		const rig = SIM.rig();
		firstPageForever(SIM);
		expect((await failedPoll(rig)).message).toBe('Sim returned the same page cursor twice');
		expect(listRequests(SIM)).toHaveLength(3);
	});

	it('Workiva, Get Many and trigger: the same @nextLink again', async () => {
		firstPageForever(WORKIVA, sameLink);
		const { error } = await WORKIVA.getMany();
		expect(error?.message).toBe('Workiva returned the same page cursor twice');
		// Two pages for each window walked at once (the gate's 8), and the far end, at most.
		expect(listRequests(WORKIVA).length).toBeLessThanOrEqual(2 * 8 + 1);

		workiva.clearRequests();
		const rig = WORKIVA.rig();
		firstPageForever(WORKIVA, sameLink);
		expect((await failedPoll(rig)).message).toBe('Workiva returned the same page cursor twice');
		expect(listRequests(WORKIVA)).toHaveLength(2);
	});
});

describe('An API that ignores the offset', () => {
	/** Every page is the first page; `echo` says which offset its body claims (Make's `pg.offset`). */
	const firstPageForever = (c: Case, echo: 'first' | 'asked') => {
		let first: IDataObject | undefined;
		onListPages(c, (n, response, request) => {
			if (n === 1) first = clone(response.body) as IDataObject;
			const body = clone(first!);
			if (echo === 'asked' && c === MAKE) (body.pg as IDataObject).offset = Number(request.query['pg[offset]']);
			return { ...response, body };
		});
	};

	it('Make: a `pg.offset` echo other than the offset asked for is an error', async () => {
		firstPageForever(MAKE, 'first');
		const { items, error } = await MAKE.getMany();
		// Return All's pages overlap by one entry: the second starts at offset 99.
		expect(error?.message).toBe('Unexpected response from Make: `pg.offset` is 0, but offset 99 was asked for');
		expect(items).toEqual([]);
		expectFailedAtPage(MAKE, 2);

		make.clearRequests();
		const rig = MAKE.rig();
		firstPageForever(MAKE, 'first');
		expect((await failedPoll(rig)).message).toBe('Unexpected response from Make: `pg.offset` is 0, but offset 100 was asked for');
		expect(listRequests(MAKE)).toHaveLength(2);
	});

	it('Make: the same page under the offset asked for is an error after STALLED_PAGES pages, not an endless loop', async () => {
		firstPageForever(MAKE, 'asked');
		const { items, error } = await MAKE.getMany();
		expect(error?.message).toBe('Make kept returning entries already fetched');
		expect(items).toEqual([]);
		expectFailedAtPage(MAKE, 1 + STALLED_PAGES);
	});

	// Webflow's offset echo is not relied on (its own example echoes 0 for offset 1), but its total is:
	// entries come again only when entries added ahead of the walk raised the total by as many.
	it.each([WEBFLOW_WORKSPACE, WEBFLOW_SITE])('$label: a page of entries already fetched, unexplained by the total, is an error', async (c) => {
		firstPageForever(c, 'first');
		const { items, error } = await c.getMany();
		expect(error?.message).toBe('Webflow returned a page of entries already fetched');
		expect(items).toEqual([]);
		expectFailedAtPage(c, 2);
	});

	it('Webflow workspace trigger: the same', async () => {
		const rig = WEBFLOW_WORKSPACE.rig();
		firstPageForever(WEBFLOW_WORKSPACE, 'first');
		expect((await failedPoll(rig)).message).toBe('Webflow returned a page of entries already fetched');
		expect(listRequests(WEBFLOW_WORKSPACE)).toHaveLength(2);
	});
});

/* ----- Next links to another origin ----- */

describe('An @nextLink to another origin: refused, and the other server receives nothing', () => {
	let foreign: Awaited<ReturnType<typeof foreignServer>>;
	beforeEach(async () => {
		foreign = await foreignServer();
	});
	afterEach(async () => {
		await foreign.close();
	});

	const linkTo = (origin: (request: EmulatorRequest) => string, test: (path: string) => boolean) =>
		workiva.setResponseRewriter((response, request) =>
			test(request.path) ? withBody(response, (body) => ({ ...body, '@nextLink': `${origin(request)}${request.path}?$next=abc` })) : undefined,
		);

	it('Get Many, on page 1 and on page 3', async () => {
		for (const page of [1, 3]) {
			// From page 3 on: the third response may be one a windowed Return All does not page on.
			onListPages(WORKIVA, (n, response, request) =>
				n === page || (page > 1 && n > page) ? withBody(response, (body) => ({ ...body, '@nextLink': `${foreign.origin}${request.path}?$next=abc` })) : undefined,
			);
			const { items, error } = await WORKIVA.getMany();
			expect(error?.message).toBe(`Refusing to send Workiva credentials to ${foreign.origin}`);
			expect(items).toEqual([]);
			expect(foreign.hits).toEqual([]);
			expect(JSON.stringify(error)).not.toContain(workiva.clients.reader.clientSecret);
		}
	});

	it('the trigger, and the action catalogue', async () => {
		const rig = WORKIVA.rig();
		linkTo(() => foreign.origin, WORKIVA.isList);
		expect((await failedPoll(rig)).message).toBe(`Refusing to send Workiva credentials to ${foreign.origin}`);

		linkTo(() => foreign.origin, (path) => path.endsWith('/activityActions'));
		const catalogue = await run(new WorkivaActivity(), { resource: 'activityAction', operation: 'getMany', returnAll: true }, workivaCredentials(workiva));
		expect(catalogue.error?.message).toBe(`Refusing to send Workiva credentials to ${foreign.origin}`);
		expect(foreign.hits).toEqual([]);
	});

	it('the same host and port over another scheme is another origin too', async () => {
		const https = (request: EmulatorRequest) => request.origin.replace(/^http:/, 'https:');
		linkTo(https, WORKIVA.isList);
		const { error } = await WORKIVA.getMany();
		expect(error?.message).toBe(`Refusing to send Workiva credentials to ${workiva.url.replace(/^http:/, 'https:')}`);
		expect(listRequests(WORKIVA)).toHaveLength(1);
	});
});

/* ----- Pages bigger than asked ----- */

describe.each(CASES)('A page bigger than asked is used whole, without duplicates: $label', (c) => {
	/** Each page runs `extra` entries past what the API meant to send, from the whole list. */
	const biggerPages = (extra: number) => {
		const all = new Map<string, { list: unknown[]; index: Map<string, number> }>();
		onListPages(c, (_n, response, request) =>
			withBody(response, (body) => {
				const items = body[c.listKey] as IDataObject[];
				if (!items.length) return body;
				const key = request.path;
				if (!all.has(key)) {
					const list = wholeList(c);
					all.set(key, { list, index: new Map(list.map((item, i) => [c.keyOf(item as IDataObject), i])) });
				}
				const { list, index } = all.get(key)!;
				const start = index.get(c.keyOf(items[0]))!;
				return { ...body, [c.listKey]: list.slice(start, start + items.length + extra) };
			}),
		);
	};

	it('Return All: every entry once, in order', async () => {
		biggerPages(50);
		const { items, error } = await c.getMany();
		expect(error).toBeUndefined();
		expect(items.map((item) => c.keyOf(item.json))).toEqual(c.expected());
		expect(listRequests(c).some((request) => request.fault === 'rewrite')).toBe(true);
	});

	it('Limit: exactly the first entries asked for', async () => {
		biggerPages(70);
		const { items, error } = await c.getMany({ returnAll: false, limit: 30 });
		expect(error).toBeUndefined();
		expect(items.map((item) => c.keyOf(item.json))).toEqual(c.expected().slice(0, 30));
		expect(listRequests(c)).toHaveLength(1);
	});
});

/** The list as the API would page it (newest first), in wire form. */
function wholeList(c: Case): unknown[] {
	switch (c) {
		case SIM:
			return sim.visibleEvents();
		case WEBFLOW_WORKSPACE:
			return webflow.workspaceEvents({ sortOrder: 'desc' });
		case WEBFLOW_SITE:
			return webflow.siteEvents(siteId());
		case MAKE:
			return make.visibleEvents({ sortBy: 'triggeredAt', sortDir: 'desc' });
		default:
			return workiva.visibleActivities({ orderBy: 'activityDateTime desc' });
	}
}

/* ----- Totals that change during a walk ----- */

describe('A total that falls during a walk is an error; one that grows is followed', () => {
	const shiftTotal = (c: Case, from: number, by: number) =>
		onListPages(c, (n, response) =>
			n >= from ? withBody(response, (body) => ({ ...body, pagination: { ...(body.pagination as IDataObject), total: Number((body.pagination as IDataObject).total) + by } })) : undefined,
		);

	it.each([
		['workspace audit log', WEBFLOW_WORKSPACE, 1200],
		['site activity log', WEBFLOW_SITE, 360],
	])('%s: Get Many stops at the page whose total fell', async (_label, c, total) => {
		shiftTotal(c, 2, -5);
		const { items, error } = await c.getMany();
		expect(error?.message).toBe(`The Webflow list shrank while it was read (total ${total}, then ${total - 5})`);
		expect(error?.description).toMatch(/some entries may have been skipped: nothing was returned/);
		expect(items).toEqual([]);
		expectFailedAtPage(c, 2);
	});

	it('the Webflow workspace trigger: the poll fails and keeps its state; the next poll delivers everything', async () => {
		const rig = WEBFLOW_WORKSPACE.rig();
		shiftTotal(WEBFLOW_WORKSPACE, 3, -1);
		expect((await failedPoll(rig)).message).toMatch(/^The Webflow list shrank while it was read \(total \d+, then \d+\)$/);
		webflow.setResponseRewriter(null);
		const keys = ((await rig.poll()) ?? []).map(WEBFLOW_WORKSPACE.keyOf);
		expect(sorted(keys)).toEqual(sorted(WEBFLOW_WORKSPACE.expected()));
	});

	it('a total larger than the rows there are: an empty page below it is an error, not the end', async () => {
		shiftTotal(WEBFLOW_WORKSPACE, 1, 50);
		const { error } = await WEBFLOW_WORKSPACE.getMany();
		expect(error?.message).toBe('Unexpected response from Webflow: no entries at offset 1200, although the total is 1250');
	});

	it('a short page below the total (the API applied a smaller maximum) does not end the walk', async () => {
		onListPages(WEBFLOW_WORKSPACE, (n, response) =>
			n === 1 ? withBody(response, (body) => ({ ...body, items: (body.items as unknown[]).slice(0, 60) })) : undefined,
		);
		const { items, error } = await WEBFLOW_WORKSPACE.getMany();
		expect(error).toBeUndefined();
		expect(items.map((item) => WEBFLOW_WORKSPACE.keyOf(item.json))).toEqual(WEBFLOW_WORKSPACE.expected());
		// The page after the short one starts at its last entry (offset 59), as pages ahead overlap by one.
		const offsets = listRequests(WEBFLOW_WORKSPACE).map((request) => request.query.offset);
		expect(offsets[0]).toBe('0');
		expect(offsets).toContain('59');
	});

	it.each(CASES)('$label, newest first, while entries arrive: exactly the entries there were at the start, none twice', async (c) => {
		const before = c.expected();
		(c.emulator as unknown as { setFaults(faults: object): void }).setFaults({ insertDuringPaging: { count: 3, times: 1000 } });
		const { items, error } = await c.getMany();
		expect(error).toBeUndefined();
		// Windows of time start with a fresh query, which is not a continuation page: fewer inserts there.
		expect(listRequests(c).filter((request) => request.fault === 'insertDuringPaging').length).toBeGreaterThan(c === WORKIVA ? 0 : 2);
		expect(items.map((item) => c.keyOf(item.json))).toEqual(before);
	});

	it.each([
		['Webflow workspace audit log', WEBFLOW_WORKSPACE, { sortOrder: 'asc' }, () => webflow.workspaceEvents({ sortOrder: 'asc' }).map(workspaceEventId)],
		['Make', MAKE, { sortDir: 'asc' }, () => make.visibleEvents({ sortBy: 'triggeredAt', sortDir: 'asc' }).map((entry) => entry.uuid)],
	])('%s, oldest first, while entries arrive: the walk reaches the new end, every entry once', async (_label, c, order, after) => {
		const before = after().length;
		(c.emulator as unknown as { setFaults(faults: object): void }).setFaults({ insertDuringPaging: { count: 3, times: 1000 } });
		const { items, error } = await c.getMany(order);
		expect(error).toBeUndefined();
		const keys = items.map((item) => c.keyOf(item.json));
		expect(keys.length).toBeGreaterThan(before);
		expect(keys).toEqual(after());
	});
});
