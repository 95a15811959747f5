/**
 * The Sim emulator against docs/api/sim.md, over plain HTTP. These tests pin the emulator so the
 * node tests can trust it, including the precision quirk (#precision-quirk) they must defend against.
 */
import {
	decodeSimCursor,
	simAuditLogEntrySchema,
	simDetailResponseSchema,
	simErrorBodySchema,
	simListResponseSchema,
	simRateLimitBodySchema,
	type SimAuditLogEntry,
	type SimListResponse,
} from './sim/schemas';
import { startSimEmulator } from './sim';
import { ANCHOR, fetchReply, type Reply, useEmulator } from './testing';

const LIST = '/api/v1/audit-logs';

const sim = useEmulator(startSimEmulator, { anchor: ANCHOR });

async function call(
	path: string,
	key: string | null = sim.apiKey,
	init: RequestInit = {},
): Promise<Reply> {
	const headers: Record<string, string> = key === null ? {} : { 'X-API-Key': key };
	return await fetchReply(`${sim.url}${path}`, { redirect: 'manual', ...init, headers });
}

async function list(query = ''): Promise<SimListResponse & { raw: unknown }> {
	const reply = await call(`${LIST}${query ? `?${query}` : ''}`);
	expect(reply.status).toBe(200);
	return { ...simListResponseSchema.parse(reply.body), raw: reply.body };
}

function errorOf(reply: Reply): string {
	return simErrorBodySchema.parse(reply.body).error;
}

/** Follows `nextCursor` until it is absent; returns every page. */
async function walk(query: string): Promise<SimListResponse[]> {
	const pages: SimListResponse[] = [];
	let cursor: string | undefined;
	do {
		const page = await list(`${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
		pages.push(page);
		cursor = page.nextCursor;
	} while (cursor && pages.length < 200);
	return pages;
}

const ids = (entries: SimAuditLogEntry[]): string[] => entries.map((entry) => entry.id);

describe('check order (sim.md#check-order)', () => {
	it('answers 401 before anything else, without rate-limit headers', async () => {
		const missing = await call(`${LIST}?limit=0`, null);
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({ error: 'API key required' });
		expect(missing.headers.get('x-ratelimit-limit')).toBeNull();
		expect(missing.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}$/);

		const unknown = await call(`${LIST}?limit=0`, 'sk-sim-not-a-real-key');
		expect(unknown.status).toBe(401);
		expect(unknown.body).toEqual({ error: 'Invalid API key' });
	});

	it('reads the key header case-insensitively', async () => {
		const response = await fetch(`${sim.url}${LIST}?limit=1`, {
			headers: { 'x-api-KEY': sim.apiKey },
		});
		expect(response.status).toBe(200);
	});

	it('gates non-enterprise callers with 403 before validating the query', async () => {
		const cases: Array<[string, string]> = [
			[sim.keys.member, 'Organization admin or owner role required'],
			[sim.keys.noOrg, 'Not a member of any organization'],
			[sim.keys.notEnterprise, 'Active enterprise subscription required'],
		];
		for (const [key, message] of cases) {
			const reply = await call(`${LIST}?limit=0`, key);
			expect(reply.status).toBe(403);
			expect(errorOf(reply)).toBe(message);
			expect(reply.headers.get('x-ratelimit-limit')).not.toBeNull();
		}
		const invalid = await call(`${LIST}?limit=0`);
		expect(invalid.status).toBe(400);
	});

	it('rate-limits per org after authentication and before the gate', async () => {
		const limited = await startSimEmulator({
			anchor: ANCHOR,
			eventCount: 20,
			rateLimit: { refillPerWindow: 2, windowMs: 60_000 },
		});
		try {
			const get = (key: string | null) =>
				fetch(`${limited.url}${LIST}?limit=0`, { headers: key ? { 'X-API-Key': key } : {} });
			for (let i = 0; i < 4; i++) expect((await get(limited.keys.member)).status).toBe(403);
			const throttled = await get(limited.keys.member);
			expect(throttled.status).toBe(429);
			expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(Number.isInteger(Number(throttled.headers.get('retry-after')))).toBe(true);
			expect(throttled.headers.get('x-ratelimit-limit')).toBe('4');
			expect(throttled.headers.get('x-ratelimit-remaining')).toBe('0');
			const body = simRateLimitBodySchema.parse(await throttled.json());
			expect(body.message).toBe(
				`API rate limit exceeded. Please retry after ${new Date(body.retryAfter).toISOString()}`,
			);
			// Same org, same bucket; 401 still wins; a user without an org has a free bucket of 60.
			expect((await get(limited.apiKey)).status).toBe(429);
			expect((await get(null)).status).toBe(401);
			const loner = await get(limited.keys.noOrg);
			expect(loner.status).toBe(403);
			expect(loner.headers.get('x-ratelimit-limit')).toBe('60');
		} finally {
			await limited.close();
		}
	});
});

describe('query validation (sim.md#query-parameters)', () => {
	it.each([
		['limit=0', 'Too small: expected number to be >=1'],
		['limit=', 'Too small: expected number to be >=1'],
		['limit=101', 'Too big: expected number to be <=100'],
		['limit=abc', 'Invalid input: expected number, received NaN'],
		['action=a&action=b', 'Invalid input: expected string, received array'],
		['includeDeparted=yes', 'Invalid option: expected one of "true"|"false"'],
		['includeDeparted=', 'Invalid option: expected one of "true"|"false"'],
		['startDate=', 'Invalid date format. Use ISO 8601.'],
		['endDate=yesterday', 'Invalid date format. Use ISO 8601.'],
		['cursor=abc%00', 'Value cannot contain a NUL character (U+0000)'],
	])('%s → 400 %s', async (query, message) => {
		const reply = await call(`${LIST}?${query}`);
		expect(reply.status).toBe(400);
		const body = simErrorBodySchema.parse(reply.body);
		expect(body.error).toBe(message);
		expect(body.details?.[0].message).toBe(message);
	});

	it('fails a non-integer limit in the database: 500', async () => {
		const reply = await call(`${LIST}?limit=2.5`);
		expect(reply.status).toBe(500);
		expect(reply.body).toEqual({ error: 'Internal server error' });
	});

	it('treats empty optional strings as absent and ignores unknown params', async () => {
		const plain = await list('limit=5');
		const noisy = await list(
			'limit=5&action=&resourceType=&actorId=&cursor=&foo=bar&foo=baz&bad=%00',
		);
		expect(ids(noisy.data)).toEqual(ids(plain.data));
	});

	it('rejects an actorId that is not a current member and a workspace of another org', async () => {
		const departed = await call(`${LIST}?actorId=${sim.departedActors[0].id}`);
		expect(departed.status).toBe(400);
		expect(errorOf(departed)).toBe('actorId is not a member of your organization');
		const foreign = await call(`${LIST}?workspaceId=${sim.foreignWorkspace.id}`);
		expect(foreign.status).toBe(400);
		expect(errorOf(foreign)).toBe('workspaceId does not belong to your organization');
	});
});

describe('paging (sim.md#ordering-and-paging)', () => {
	it('walks every visible event exactly once, newest first, and omits nextCursor at the end', async () => {
		const pages = await walk('limit=50');
		const seen = pages.flatMap((page) => page.data);
		expect(seen.length).toBeGreaterThanOrEqual(1000);
		expect(new Set(ids(seen)).size).toBe(seen.length);
		expect(ids(seen)).toEqual(ids(sim.visibleEvents()));
		for (let i = 1; i < seen.length; i++)
			expect(seen[i - 1].createdAt >= seen[i].createdAt).toBe(true);

		pages.slice(0, -1).forEach((page) => {
			expect(page.data).toHaveLength(50);
			const last = page.data[page.data.length - 1];
			expect(decodeSimCursor(page.nextCursor ?? '')).toEqual({
				createdAt: last.createdAt,
				id: last.id,
			});
			expect(JSON.parse(Buffer.from(page.nextCursor ?? '', 'base64').toString())).toEqual({
				createdAt: last.createdAt,
				id: last.id,
			});
		});
		const lastPage = await list(
			`limit=50&cursor=${encodeURIComponent(pages[pages.length - 2].nextCursor ?? '')}`,
		);
		expect('nextCursor' in (lastPage.raw as object)).toBe(false);
	});

	it('returns the first page for a cursor it cannot decode', async () => {
		const first = await list('limit=10');
		for (const cursor of [
			'garbage',
			Buffer.from('{"id":"x"}').toString('base64'),
			Buffer.from('{"createdAt":"nope","id":"x"}').toString('base64'),
		]) {
			expect(ids((await list(`limit=10&cursor=${encodeURIComponent(cursor)}`)).data)).toEqual(
				ids(first.data),
			);
		}
	});

	it('defaults to 50 rows and never returns ipAddress or userAgent', async () => {
		const page = await list();
		expect(page.data).toHaveLength(50);
		for (const entry of page.data) simAuditLogEntrySchema.strict().parse(entry);
		expect(page.limits.usage.plan).toBe('enterprise');
	});

	it('seeds bursts of events sharing one millisecond', () => {
		const perMs = new Map<string, number>();
		for (const event of sim.visibleEvents())
			perMs.set(event.createdAt, (perMs.get(event.createdAt) ?? 0) + 1);
		expect([...perMs.values()].filter((count) => count >= 3).length).toBeGreaterThanOrEqual(5);
	});
});

describe('scope and filters (sim.md#scope, #query-parameters)', () => {
	it('hides departed members unless includeDeparted=true and never shows the other org', async () => {
		const departedIds = new Set(sim.departedActors.map((actor) => actor.id));
		const orgWorkspaces = new Set(sim.workspaces.map((workspace) => workspace.id));
		const current = (await walk('limit=100')).flatMap((page) => page.data);
		const everyone = (await walk('limit=100&includeDeparted=true')).flatMap((page) => page.data);
		expect(current.some((event) => departedIds.has(event.actorId ?? ''))).toBe(false);
		expect(everyone.some((event) => departedIds.has(event.actorId ?? ''))).toBe(true);
		for (const event of everyone) {
			if (event.workspaceId === null) expect(event.metadata.organizationId).toBe(sim.org.id);
			else expect(orgWorkspaces.has(event.workspaceId)).toBe(true);
		}
		expect(everyone.some((event) => event.workspaceId === null)).toBe(true);
		expect(everyone.some((event) => event.actorId === null)).toBe(true);
	});

	it('filters by action, resourceType set, resourceId, workspaceId and actorId', async () => {
		const deployed = await list('limit=100&action=workflow.deployed');
		expect(deployed.data.length).toBeGreaterThan(0);
		expect(deployed.data.every((event) => event.action === 'workflow.deployed')).toBe(true);

		const types = (await walk('limit=100&resourceType=%20api_key,,folder,api_key')).flatMap(
			(page) => page.data,
		);
		expect(new Set(types.map((event) => event.resourceType))).toEqual(
			new Set(['api_key', 'folder']),
		);

		const target = deployed.data[0];
		const byResource = await list(`resourceId=${target.resourceId}`);
		expect(ids(byResource.data)).toEqual([target.id]);

		const workspaceId = sim.workspaces[1].id;
		const inWorkspace = await list(`limit=100&workspaceId=${workspaceId}`);
		expect(inWorkspace.data.every((event) => event.workspaceId === workspaceId)).toBe(true);

		const actor = sim.actors[3];
		const byActor = await list(`limit=100&actorId=${actor.id}`);
		expect(byActor.data.length).toBeGreaterThan(0);
		expect(
			byActor.data.every((event) => event.actorId === actor.id && event.actorEmail === actor.email),
		).toBe(true);
	});

	it('applies inclusive date bounds and reads zone-less date-times as UTC', async () => {
		const target = sim.visibleEvents()[200];
		const exact = await list(`limit=100&startDate=${target.createdAt}&endDate=${target.createdAt}`);
		expect(ids(exact.data)).toContain(target.id);
		expect(exact.data.every((event) => event.createdAt === target.createdAt)).toBe(true);

		const zoneless = target.createdAt.replace('Z', '');
		const sameWithoutZone = await list(`limit=100&startDate=${zoneless}&endDate=${zoneless}`);
		expect(ids(sameWithoutZone.data)).toEqual(ids(exact.data));

		const day = await walk('limit=100&startDate=2026-10-20&endDate=2026-10-21');
		for (const event of day.flatMap((page) => page.data)) {
			expect(
				event.createdAt >= '2026-10-20T00:00:00.000Z' &&
					event.createdAt <= '2026-10-21T00:00:00.000Z',
			).toBe(true);
		}
	});
});

describe('detail route (sim.md#check-order, #responses)', () => {
	it('returns one entry with limits, departed members included', async () => {
		const departed = sim
			.visibleEvents({ includeDeparted: true })
			.find((event) => sim.departedActors.some((actor) => actor.id === event.actorId));
		expect(departed).toBeDefined();
		const reply = await call(`${LIST}/${departed?.id}`);
		expect(reply.status).toBe(200);
		const body = simDetailResponseSchema.parse(reply.body);
		expect(body.data).toEqual(departed);
		expect(reply.headers.get('x-ratelimit-limit')).toBe('1000');
	});

	it('answers 404 outside the org, for unknown ids and for whitespace ids', async () => {
		const foreign = sim.events.find((event) => event.workspaceId === sim.foreignWorkspace.id);
		for (const id of [foreign?.id ?? 'x', 'AAAAAAAAAAAAAAAAAAAAA', '%20%20']) {
			const reply = await call(`${LIST}/${id}`);
			expect(reply.status).toBe(404);
			expect(reply.body).toEqual({ error: 'Audit log not found' });
		}
		expect((await call(`${LIST}/abc%00`)).status).toBe(400);
		expect((await call(`${LIST}/abc`, sim.keys.member)).status).toBe(403);
	});
});

describe('headers and framework behaviour (sim.md#rate-limits-and-headers, #framework-behaviour)', () => {
	it('counts down X-RateLimit-Remaining and sends an ISO reset', async () => {
		const first = await call(`${LIST}?limit=1`);
		const second = await call(`${LIST}?limit=1`);
		expect(first.headers.get('x-ratelimit-limit')).toBe('1000');
		expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(
			Number(first.headers.get('x-ratelimit-remaining')) - 1,
		);
		expect(new Date(first.headers.get('x-ratelimit-reset') ?? '').toISOString()).toBe(
			first.headers.get('x-ratelimit-reset'),
		);
	});

	it('answers OPTIONS 204, HEAD like GET, other methods 405, trailing slashes 308', async () => {
		expect((await call(LIST, null, { method: 'OPTIONS' })).status).toBe(204);
		const head = await call(`${LIST}?limit=1`, sim.apiKey, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.text).toBe('');
		expect((await call(LIST, sim.apiKey, { method: 'POST' })).status).toBe(405);
		const redirect = await call(`${LIST}/?limit=1`);
		expect(redirect.status).toBe(308);
		expect(redirect.headers.get('location')).toBe(`${LIST}?limit=1`);
		expect((await call('/api/v1/nope')).status).toBe(404);
	});
});

describe('inserting events', () => {
	it('adds events "now" or at a given time and returns them as the API would', async () => {
		const [newest] = sim.insert();
		expect(Date.now() - Date.parse(newest.createdAt)).toBeLessThan(5000);
		expect((await list('limit=1')).data[0]).toEqual(newest);

		const at = '2026-10-31T12:00:00.000Z';
		const response = await fetch(`${sim.controlUrl}/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				count: 3,
				at,
				spacingMs: 0,
				events: [{ action: 'workflow.deployed', actorId: sim.actors[1].id }],
			}),
		});
		expect(response.status).toBe(201);
		const { data } = (await response.json()) as { data: unknown[] };
		const inserted = data.map((entry) => simAuditLogEntrySchema.parse(entry));
		expect(inserted.map((entry) => entry.createdAt)).toEqual([at, at, at]);
		expect(inserted[2]).toMatchObject({
			action: 'workflow.deployed',
			actorName: sim.actors[1].name,
		});
		const stored = sim.events.filter((event) => inserted.some((entry) => entry.id === event.id));
		expect(new Set(stored.map((event) => event.createdAtMicros)).size).toBe(3);
	});
});

describe('faults', () => {
	it('injects 429, 5xx, malformed bodies and dropped sockets for the configured number of requests', async () => {
		sim.setFaults({
			status429: { times: 1, retryAfterSeconds: 7 },
			status5xx: { times: 1, status: 503 },
		});
		const throttled = await call(`${LIST}?limit=1`);
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('7');
		simRateLimitBodySchema.parse(throttled.body);
		expect((await call(`${LIST}?limit=1`)).status).toBe(503);
		expect((await call(`${LIST}?limit=1`)).status).toBe(200);

		sim.setFaults({ malformed: { times: 1 } });
		const malformed = await call(`${LIST}?limit=1`);
		expect(malformed.status).toBe(200);
		expect(malformed.body).toBeUndefined();

		sim.setFaults({ drop: { times: 1 } });
		await expect(
			fetch(`${sim.url}${LIST}`, { headers: { 'X-API-Key': sim.apiKey } }),
		).rejects.toThrow();
		expect((await call(`${LIST}?limit=1`)).status).toBe(200);
		expect(
			sim
				.requests()
				.map((request) => request.fault ?? null)
				.slice(-2),
		).toEqual(['drop', null]);
	});

	it('decides rates with a seeded PRNG, so a run repeats exactly', async () => {
		const run = async (): Promise<number[]> => {
			sim.setFaults({ status5xx: { rate: 0.5 } });
			const statuses: number[] = [];
			for (let i = 0; i < 12; i++) statuses.push((await call(`${LIST}?limit=1`)).status);
			return statuses;
		};
		const first = await run();
		expect(first).toContain(500);
		expect(first).toContain(200);
		expect(await run()).toEqual(first);
	});

	it('inserts new events when a continuation page is requested', async () => {
		sim.setFaults({ insertDuringPaging: { count: 3, times: 1 } });
		const before = sim.visibleEvents().length;
		const seen = (await walk('limit=100')).flatMap((page) => page.data);
		expect(sim.visibleEvents().length).toBe(before + 3);
		// Keyset paging does not see rows newer than the cursor: the walk still has the old set.
		expect(seen).toHaveLength(before);
		expect(sim.requests().filter((request) => request.fault === 'insertDuringPaging')).toHaveLength(
			1,
		);
	});

	it('is driven by the control endpoints too, which are never faulted or logged', async () => {
		const control = (path: string, init: RequestInit = {}) =>
			fetch(`${sim.controlUrl}${path}`, init);
		await control('/faults', { method: 'POST', body: JSON.stringify({ status5xx: { times: 5 } }) });
		expect((await control('/info')).status).toBe(200);
		expect((await call(`${LIST}?limit=1`)).status).toBe(500);
		const log = (await (await control('/requests')).json()) as {
			requests: Array<{ headers: Record<string, string> }>;
		};
		expect(log.requests).toHaveLength(1);
		expect(log.requests[0].headers['x-api-key']).toBe(sim.apiKey);
		await control('/faults', { method: 'POST', body: '{}' });
		expect((await call(`${LIST}?limit=1`)).status).toBe(200);
		expect((await control('/requests', { method: 'DELETE' })).status).toBe(204);
		expect(sim.requests()).toHaveLength(0);
		for (const invalid of [{ drop: { rate: 2 } }, { status500: {} }, { precisionQuirk: 'yes' }]) {
			const reply = await control('/faults', { method: 'POST', body: JSON.stringify(invalid) });
			expect(reply.status).toBe(400);
		}
		expect(sim.faults()).toEqual({});
	});
});

describe('precision quirk (sim.md#precision-quirk)', () => {
	it('is off by default: cursor paging loses nothing even across same-millisecond bursts', async () => {
		for (const limit of [25, 50, 100]) {
			const seen = (await walk(`limit=${limit}`)).flatMap((page) => page.data);
			expect(seen).toHaveLength(sim.visibleEvents().length);
		}
	});

	it('when on, plain cursor paging skips rows of the boundary millisecond', async () => {
		sim.setFaults({ precisionQuirk: true });
		const pages = await walk('limit=50');
		const seen = new Set(ids(pages.flatMap((page) => page.data)));
		const missing = sim.visibleEvents().filter((event) => !seen.has(event.id));
		expect(missing.length).toBeGreaterThan(0);
		const boundaries = new Set(pages.map((page) => page.data[page.data.length - 1].createdAt));
		for (const event of missing) expect(boundaries.has(event.createdAt)).toBe(true);

		// A client can recover the boundary millisecond with a bounded re-read.
		const boundary = missing[0].createdAt;
		const endDate = new Date(Date.parse(boundary) + 1).toISOString();
		const reread = await list(`limit=100&startDate=${boundary}&endDate=${endDate}`);
		expect(ids(reread.data)).toEqual(
			expect.arrayContaining(ids(missing.filter((event) => event.createdAt === boundary))),
		);
	});

	it("when on, an endDate equal to a row's millisecond excludes that row", async () => {
		const target = sim.visibleEvents()[300];
		const query = `limit=100&startDate=${target.createdAt}&endDate=${target.createdAt}`;
		expect(ids((await list(query)).data)).toContain(target.id);
		sim.setFaults({ precisionQuirk: true });
		expect(ids((await list(query)).data)).not.toContain(target.id);
		sim.setFaults({});
		expect(ids((await list(query)).data)).toContain(target.id);
	});
});
