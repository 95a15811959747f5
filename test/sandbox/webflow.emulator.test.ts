/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * The Webflow emulator against docs/api/webflow.md, over plain HTTP. These tests pin the emulator so
 * the node tests can trust it: id-less records that differ only in the payload, same-millisecond
 * groups across page boundaries, offset paging that shifts under inserts, and the rate limit.
 */
import {
	WEBFLOW_EVENT_SUB_TYPES,
	WEBFLOW_EVENT_TYPES,
	WEBFLOW_SITE_ACTIVITY_EVENTS,
	webflowErrorBodySchema,
	webflowSiteActivityLogItemSchema,
	webflowSiteActivityLogsResponseSchema,
	webflowWorkspaceAuditLogItemSchema,
	webflowWorkspaceAuditLogsResponseSchema,
	type WebflowErrorBody,
	type WebflowSiteActivityLogItem,
	type WebflowSiteActivityLogsResponse,
	type WebflowWorkspaceAuditLogItem,
	type WebflowWorkspaceAuditLogsResponse,
} from './webflow/schemas';
import { ANCHOR, fetchReply, type Reply, useEmulator } from './testing';
import { startWebflowEmulator, type WebflowEmulator } from './webflow';

const wf = useEmulator(startWebflowEmulator, { anchor: ANCHOR });

const auditLogs = (idOrSlug = wf.workspace.slug): string => `/v2/workspaces/${idOrSlug}/audit_logs`;
const activityLogs = (siteId = wf.sites[0].id, prefix = '/v2'): string =>
	`${prefix}/sites/${siteId}/activity_logs`;

async function call(
	path: string,
	token: string | null = wf.apiKey,
	init: RequestInit = {},
	emulator: WebflowEmulator = wf,
): Promise<Reply> {
	const headers: Record<string, string> =
		token === null ? {} : { Authorization: `Bearer ${token}` };
	return await fetchReply(`${emulator.url}${path}`, { ...init, headers });
}

async function listWorkspace(query = ''): Promise<WebflowWorkspaceAuditLogsResponse> {
	const reply = await call(`${auditLogs()}${query ? `?${query}` : ''}`);
	expect(reply.status).toBe(200);
	return webflowWorkspaceAuditLogsResponseSchema.parse(reply.body);
}

async function listSite(
	query = '',
	siteId = wf.sites[0].id,
): Promise<WebflowSiteActivityLogsResponse> {
	const reply = await call(`${activityLogs(siteId)}${query ? `?${query}` : ''}`, wf.tokens.site);
	expect(reply.status).toBe(200);
	return webflowSiteActivityLogsResponseSchema.parse(reply.body);
}

/** Offset paging as a client does it: next offset = offset + limit while below `total`. */
async function walkWorkspace(query: string, limit = 100): Promise<WebflowWorkspaceAuditLogItem[]> {
	const items: WebflowWorkspaceAuditLogItem[] = [];
	for (let offset = 0, pages = 0; pages < 100; pages++, offset += limit) {
		const page = await listWorkspace(`${query}&limit=${limit}&offset=${offset}`);
		items.push(...page.items);
		if (offset + limit >= page.pagination.total) break;
	}
	return items;
}

async function walkSite(limit = 100): Promise<WebflowSiteActivityLogItem[]> {
	const items: WebflowSiteActivityLogItem[] = [];
	for (let offset = 0, pages = 0; pages < 100; pages++, offset += limit) {
		const page = await listSite(`limit=${limit}&offset=${offset}`);
		items.push(...page.items);
		if (offset + limit >= page.pagination.total) break;
	}
	return items;
}

function errorOf(reply: Reply): WebflowErrorBody {
	return webflowErrorBodySchema.parse(reply.body);
}

/** Same record except the payload. */
const sameButPayload = (a: WebflowWorkspaceAuditLogItem, b: WebflowWorkspaceAuditLogItem) =>
	a.timestamp === b.timestamp &&
	a.eventType === b.eventType &&
	a.eventSubType === b.eventSubType &&
	JSON.stringify(a.actor) === JSON.stringify(b.actor) &&
	JSON.stringify(a.workspace) === JSON.stringify(b.workspace) &&
	JSON.stringify(a.payload) !== JSON.stringify(b.payload);

describe('auth, scopes and resources (webflow.md#base-url-and-auth, #errors)', () => {
	it('answers 401 not_authorized for a missing, unknown or non-bearer token', async () => {
		const attempts: Array<Record<string, string>> = [
			{},
			{ Authorization: 'Bearer not-a-token' },
			{ Authorization: `Basic ${wf.apiKey}` },
		];
		for (const headers of attempts) {
			const response = await fetch(`${wf.url}${auditLogs()}`, { headers });
			expect(response.status).toBe(401);
			expect(await response.json()).toEqual({
				code: 'not_authorized',
				message: 'Request not authorized',
				externalReference: null,
				details: [],
			});
			expect(response.headers.get('x-ratelimit-limit')).toBe('120');
		}
		const lowercase = await fetch(`${wf.url}${auditLogs()}`, {
			headers: { authorization: `bearer ${wf.apiKey}` },
		});
		expect(lowercase.status).toBe(200);
	});

	it('answers 403 missing_scopes naming the scope the route needs', async () => {
		const workspaceScope =
			'OAuthForbidden: You are missing the following scopes - workspace_activity:read';
		const siteScope = 'OAuthForbidden: You are missing the following scopes - site_activity:read';
		const cases: Array<[string, string, string]> = [
			[auditLogs(), wf.tokens.noScope, workspaceScope],
			[auditLogs(), wf.tokens.site, workspaceScope],
			[activityLogs(), wf.tokens.noScope, siteScope],
			[activityLogs(), wf.tokens.workspace, siteScope],
		];
		for (const [path, token, message] of cases) {
			const reply = await call(path, token);
			expect(reply.status).toBe(403);
			expect(errorOf(reply)).toEqual({
				code: 'missing_scopes',
				message,
				externalReference: null,
				details: [],
			});
		}
	});

	it('accepts the workspace id or slug and answers 404 for unknown workspaces and sites', async () => {
		const bySlug = await listWorkspace('limit=5');
		const byId = await call(`${auditLogs(wf.workspace.id)}?limit=5`);
		expect(byId.body).toEqual(bySlug);

		for (const [path, token, what] of [
			[auditLogs('no-such-workspace'), wf.apiKey, 'Workspace not found'],
			[auditLogs('0123456789abcdef01234567'), wf.apiKey, 'Workspace not found'],
			[activityLogs('0123456789abcdef01234567'), wf.tokens.site, 'Site not found'],
		]) {
			const reply = await call(path, token);
			expect(reply.status).toBe(404);
			expect(errorOf(reply)).toMatchObject({
				code: 'resource_not_found',
				message: `Requested resource not found: ${what}`,
			});
		}
	});

	it('answers 403 not_enterprise_plan_* with the documented messages', async () => {
		const workspace = await call(auditLogs(), wf.tokens.notEnterprise);
		expect(workspace.status).toBe(403);
		expect(errorOf(workspace)).toMatchObject({
			code: 'not_enterprise_plan_workspace',
			message: 'This workspace is not associated with an Enterprise plan',
		});
		const site = await call(activityLogs(), wf.tokens.notEnterprise);
		expect(site.status).toBe(403);
		expect(errorOf(site)).toMatchObject({
			code: 'not_enterprise_plan_site',
			message: 'This site is not associated with an Enterprise plan',
		});
	});

	it('answers 403 forbidden for another workspace and its sites', async () => {
		const { otherWorkspace } = wf;
		for (const [path, token] of [
			[auditLogs(otherWorkspace.slug), wf.apiKey],
			[auditLogs(otherWorkspace.id), wf.apiKey],
			[activityLogs(otherWorkspace.sites[0].id), wf.tokens.site],
		]) {
			const reply = await call(path, token);
			expect(reply.status).toBe(403);
			expect(errorOf(reply)).toMatchObject({
				code: 'forbidden',
				message: 'User is not authorized to perform this action',
			});
		}
	});

	it('checks 401, then scope, then resource, then plan and ownership, then the query', async () => {
		expect((await call(`${auditLogs('nope')}?limit=0`, 'unknown')).status).toBe(401);
		expect(errorOf(await call(`${auditLogs('nope')}?limit=0`, wf.tokens.noScope)).code).toBe(
			'missing_scopes',
		);
		expect(errorOf(await call(`${auditLogs('nope')}?limit=0`, wf.tokens.notEnterprise)).code).toBe(
			'resource_not_found',
		);
		expect(errorOf(await call(`${auditLogs(wf.otherWorkspace.slug)}?limit=0`)).code).toBe(
			'forbidden',
		);
		expect(errorOf(await call(`${auditLogs()}?limit=0`)).code).toBe('validation_error');
	});

	it('answers unknown routes and methods with a Webflow 404 body', async () => {
		for (const reply of [
			await call('/v2/workspaces'),
			await call('/v1/workspaces/x/audit_logs'),
			await call(auditLogs(), wf.apiKey, { method: 'POST' }),
		]) {
			expect(reply.status).toBe(404);
			expect(errorOf(reply).code).toBe('resource_not_found');
			expect(reply.headers.get('x-ratelimit-remaining')).not.toBeNull();
		}
	});
});

describe('query validation (INFERRED 400, webflow.md#validation-errors)', () => {
	it.each([
		['limit=0', 'limit'],
		['limit=101', 'limit'],
		['limit=abc', 'limit'],
		['limit=2.5', 'limit'],
		['limit=', 'limit'],
		['limit=10&limit=20', 'limit'],
		['offset=-1', 'offset'],
		['offset=x', 'offset'],
		['sortOrder=DESC', 'sortOrder'],
		['eventType=workspace_settings', 'eventType'],
		['eventType=user_access&eventType=custom_role', 'eventType'],
		['from=yesterday', 'from'],
		['to=2026-10-01', 'to'],
	])('%s → 400 validation_error on %s', async (query, param) => {
		const reply = await call(`${auditLogs()}?${query}`);
		expect(reply.status).toBe(400);
		const body = errorOf(reply);
		expect(body).toMatchObject({ code: 'validation_error', message: 'Validation Error' });
		expect(body.details).toEqual([{ param, description: expect.any(String) }]);
	});

	it('validates limit and offset on the site route and ignores other parameters', async () => {
		const reply = await call(`${activityLogs()}?limit=101`, wf.tokens.site);
		expect(reply.status).toBe(400);
		expect(errorOf(reply).details).toEqual([{ param: 'limit', description: expect.any(String) }]);
		const plain = await listSite('limit=5');
		const noisy = await listSite('limit=5&sortOrder=asc&eventType=nope&foo=bar');
		expect(noisy).toEqual(plain);
	});

	it('accepts date-times with or without milliseconds and with an offset', async () => {
		const target = wf.workspaceEvents()[300];
		const seconds = target.timestamp.replace(/\.\d{3}Z$/, 'Z');
		const withOffset = encodeURIComponent(target.timestamp.replace('Z', '+00:00'));
		expect((await listWorkspace(`from=${seconds}`)).pagination.total).toBeGreaterThan(0);
		const exact = await listWorkspace(`from=${withOffset}&to=${withOffset}`);
		expect(exact.items).toContainEqual(target);
	});
});

describe('workspace audit logs (webflow.md#workspace-audit-logs)', () => {
	it('defaults to 25 records, offset 0, newest first, and reports the total', async () => {
		const page = await listWorkspace();
		expect(page.pagination).toEqual({ limit: 25, offset: 0, total: 1200 });
		expect(page.items).toEqual(wf.workspaceEvents().slice(0, 25));
		const past = await listWorkspace('offset=5000&limit=10');
		expect(past).toEqual({ items: [], pagination: { limit: 10, offset: 5000, total: 1200 } });
	});

	it('pages through every record exactly once in either order; asc is the exact reverse', async () => {
		const desc = await walkWorkspace('sortOrder=desc');
		const asc = await walkWorkspace('sortOrder=asc');
		expect(desc.length).toBeGreaterThanOrEqual(1000);
		expect(desc).toEqual(wf.workspaceEvents());
		expect(asc).toEqual(wf.workspaceEvents({ sortOrder: 'asc' }));
		expect(asc).toEqual([...desc].reverse());
		for (let i = 1; i < desc.length; i++)
			expect(desc[i - 1].timestamp >= desc[i].timestamp).toBe(true);
		expect(desc[0].timestamp < ANCHOR).toBe(true);
		expect(Date.parse(ANCHOR) - Date.parse(desc[desc.length - 1].timestamp)).toBeLessThanOrEqual(
			30 * 24 * 3600 * 1000,
		);
	});

	it('sends id-less items of all six types and every sub-type, exactly as the schema says', () => {
		const items = wf.workspaceEvents();
		for (const item of items) {
			expect(webflowWorkspaceAuditLogItemSchema.parse(item)).toEqual(item);
			expect(Object.keys(item)).toEqual([
				'timestamp',
				'actor',
				'workspace',
				'eventType',
				'eventSubType',
				'payload',
			]);
			expect(item.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
			expect(item.workspace).toEqual({ id: wf.workspace.id, slug: wf.workspace.slug });
		}
		for (const eventType of WEBFLOW_EVENT_TYPES) {
			for (const subType of WEBFLOW_EVENT_SUB_TYPES[eventType] as readonly string[]) {
				expect(
					items.some((item) => item.eventType === eventType && item.eventSubType === subType),
				).toBe(true);
			}
		}
		expect(new Set(items.map((item) => item.actor.id)).size).toBeGreaterThanOrEqual(5);
		// docs/api/webflow.md#workspace-audit-log-items: granularAccess on user_added, not only on user_granular_access_updated.
		expect(
			items.some(
				(item) =>
					item.eventType === 'site_membership' &&
					item.eventSubType === 'user_added' &&
					item.payload.granularAccess !== undefined,
			),
		).toBe(true);
		expect(
			items.some(
				(item) => item.eventType === 'workspace_invitation' && item.payload.targetUsers?.length,
			),
		).toBe(true);
		const setting = items.find((item) => item.eventType === 'workspace_setting');
		expect(setting?.payload).toMatchObject({ setting: 'ai_toggle', value: expect.any(String) });
	});

	it('seeds same-millisecond groups and payload-only twins across the page boundaries', () => {
		const desc = wf.workspaceEvents();
		const asc = wf.workspaceEvents({ sortOrder: 'asc' });
		for (const boundary of [25, 50, 100, 200, 300])
			expect(desc[boundary - 1].timestamp).toBe(desc[boundary].timestamp);
		for (const boundary of [100, 200])
			expect(asc[boundary - 1].timestamp).toBe(asc[boundary].timestamp);
		// The nastiest case: twins split over two pages.
		expect(sameButPayload(desc[99], desc[100])).toBe(true);
		expect(desc[99].eventType).toBe('user_access');
		expect(sameButPayload(desc[199], desc[200])).toBe(true);
		expect(sameButPayload(asc[99], asc[100])).toBe(true);

		let twins = 0;
		let groups = 0;
		for (let i = 1; i < desc.length; i++) {
			if (sameButPayload(desc[i - 1], desc[i])) twins++;
			if (desc[i - 1].timestamp === desc[i].timestamp) groups++;
		}
		expect(twins).toBeGreaterThanOrEqual(6);
		expect(groups).toBeGreaterThanOrEqual(15);
		// No two records are identical: content identity is the node's problem, not the seed's.
		expect(new Set(desc.map((item) => JSON.stringify(item))).size).toBe(desc.length);
	});

	it('filters by eventType and by inclusive from/to, with a matching total', async () => {
		const settings = await listWorkspace('eventType=workspace_setting&limit=100');
		expect(settings.items.length).toBeGreaterThan(0);
		expect(settings.items.every((item) => item.eventType === 'workspace_setting')).toBe(true);
		expect(settings.pagination.total).toBe(
			wf.workspaceEvents({ eventType: 'workspace_setting' }).length,
		);

		const desc = wf.workspaceEvents();
		const shared = desc[100].timestamp;
		const exact = await listWorkspace(`from=${shared}&to=${shared}`);
		expect(exact.items).toEqual(desc.filter((item) => item.timestamp === shared));
		expect(exact.items.length).toBeGreaterThanOrEqual(2);

		const from = desc[600].timestamp;
		const to = desc[400].timestamp;
		const window = await walkWorkspace(`from=${from}&to=${to}&sortOrder=asc`);
		expect(window).toEqual(wf.workspaceEvents({ from, to, sortOrder: 'asc' }));
		expect(window[0].timestamp).toBe(from);
		expect(window[window.length - 1].timestamp).toBe(to);
	});
});

describe('site activity logs (webflow.md#site-activity-logs)', () => {
	it('pages every site newest first, also under /beta', async () => {
		const walked = await walkSite();
		const expected = wf.siteEvents(wf.sites[0].id);
		expect(walked).toEqual(expected);
		expect(walked.length).toBeGreaterThanOrEqual(300);
		for (let i = 1; i < walked.length; i++)
			expect(walked[i - 1].createdOn >= walked[i].createdOn).toBe(true);
		const beta = await call(`${activityLogs(wf.sites[0].id, '/beta')}?limit=7`, wf.tokens.site);
		expect(beta.status).toBe(200);
		expect(webflowSiteActivityLogsResponseSchema.parse(beta.body).items).toEqual(
			expected.slice(0, 7),
		);
		const page = await listSite();
		expect(page.pagination).toEqual({ limit: 25, offset: 0, total: expected.length });
	});

	it('covers all 42 events, nullable fields and unique 24-hex ids across sites', () => {
		const all = wf.sites.flatMap((site) => wf.siteEvents(site.id));
		for (const item of all) {
			expect(webflowSiteActivityLogItemSchema.parse(item)).toEqual(item);
			expect(item.lastUpdated >= item.createdOn).toBe(true);
		}
		expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
		for (const site of wf.sites)
			expect(new Set(wf.siteEvents(site.id).map((item) => item.event)).size).toBe(
				WEBFLOW_SITE_ACTIVITY_EVENTS.length,
			);
		expect(all.some((item) => item.user === null)).toBe(true);
		expect(all.some((item) => item.payload === null)).toBe(true);
		expect(all.some((item) => item.payload !== null)).toBe(true);
		expect(all.some((item) => item.resourceId === null)).toBe(true);
		expect(all.some((item) => item.newValue !== null && item.previousValue !== null)).toBe(true);
		expect(new Set(all.map((item) => item.resourceOperation)).size).toBeGreaterThanOrEqual(8);
	});
});

describe('rate limit (webflow.md#rate-limits-and-headers)', () => {
	it('sends X-RateLimit-Limit/Remaining on every response and no reset header', async () => {
		const ok = await call(`${auditLogs()}?limit=1`);
		const bad = await call(`${auditLogs()}?limit=0`);
		expect(ok.headers.get('x-ratelimit-limit')).toBe('120');
		expect(ok.headers.get('x-ratelimit-remaining')).toBe('119');
		expect(bad.headers.get('x-ratelimit-remaining')).toBe('118');
		expect(ok.headers.get('x-ratelimit-reset')).toBeNull();
		// Each token has its own budget.
		const site = await call(activityLogs(), wf.tokens.site);
		expect(site.headers.get('x-ratelimit-remaining')).toBe('119');
	});

	it('answers 429 too_many_requests with Retry-After once a token spent its window', async () => {
		const limited = await startWebflowEmulator({
			anchor: ANCHOR,
			eventCount: 50,
			siteEventCount: 50,
			rateLimit: { perWindow: 3, windowMs: 400 },
		});
		try {
			const get = (token: string) => call(`${auditLogs()}?limit=1`, token, {}, limited);
			const remaining: Array<string | null> = [];
			for (let i = 0; i < 3; i++)
				remaining.push((await get(limited.apiKey)).headers.get('x-ratelimit-remaining'));
			expect(remaining).toEqual(['2', '1', '0']);
			const throttled = await get(limited.apiKey);
			expect(throttled.status).toBe(429);
			expect(throttled.body).toEqual({
				code: 'too_many_requests',
				message: 'Too many requests',
				externalReference: null,
				details: [],
			});
			expect(throttled.headers.get('retry-after')).toBe('1');
			expect(throttled.headers.get('x-ratelimit-limit')).toBe('3');
			expect(throttled.headers.get('x-ratelimit-remaining')).toBe('0');
			// Another token is unaffected; the window ends and the budget is back.
			expect((await get(limited.tokens.noScope)).status).toBe(403);
			await new Promise((resolve) => setTimeout(resolve, 450));
			expect((await get(limited.apiKey)).status).toBe(200);

			// Reconfigurable at reset, e.g. through the control endpoint.
			await fetch(`${limited.controlUrl}/reset`, {
				method: 'POST',
				body: JSON.stringify({ rateLimit: { perWindow: 1, windowMs: 60_000 } }),
			});
			expect((await get(limited.apiKey)).status).toBe(200);
			const minute = await get(limited.apiKey);
			expect(minute.status).toBe(429);
			expect(Number(minute.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
			expect(Number(minute.headers.get('retry-after'))).toBeLessThanOrEqual(60);
		} finally {
			await limited.close();
		}
	});
});

describe('inserting records', () => {
	it('inserts "now" by default and returns the records as the API shows them', async () => {
		const [newest] = wf.insert();
		expect(Date.now() - Date.parse(newest.timestamp)).toBeLessThan(5000);
		expect((await listWorkspace('limit=1')).items).toEqual([newest]);
		expect((await listWorkspace('limit=1')).pagination.total).toBe(1201);
	});

	it('keeps payload-only twins and exact duplicates apart, in insertion order', async () => {
		const at = '2026-10-31T23:59:59.000Z';
		const actor = wf.actors[1];
		const login = {
			timestamp: at,
			actor: { id: actor.id, email: actor.email },
			eventType: 'user_access' as const,
			eventSubType: 'login',
			payload: { method: 'sso', location: 'Berlin DE', ipAddress: '192.0.2.10' },
		};
		const twin = { ...login, payload: { ...login.payload, ipAddress: '192.0.2.11' } };
		const inserted = wf.insert({ events: [login, twin, twin] });
		expect(inserted).toHaveLength(3);
		const page = await listWorkspace(`from=${at}&to=${at}`);
		expect(page.items).toEqual(inserted);
		// Newest first; equal timestamps: the later insert first.
		expect(page.items.map((item) => item.payload)).toEqual([
			twin.payload,
			twin.payload,
			login.payload,
		]);
		expect(page.items[0]).toEqual(page.items[1]);
		expect(sameButPayload(page.items[1], page.items[2])).toBe(true);
		const asc = await listWorkspace(`from=${at}&to=${at}&sortOrder=asc`);
		expect(asc.items).toEqual([...page.items].reverse());
	});

	it('inserts site records through the control endpoint and rejects invalid overrides', async () => {
		const siteId = wf.sites[1].id;
		const response = await fetch(`${wf.controlUrl}/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				target: { siteId },
				count: 2,
				spacingMs: 0,
				events: [{ event: 'page_renamed', user: null }, { payload: null }],
			}),
		});
		expect(response.status).toBe(201);
		const { data } = (await response.json()) as { data: unknown[] };
		const inserted = data.map((item) => webflowSiteActivityLogItemSchema.parse(item));
		expect(inserted[1]).toMatchObject({ event: 'page_renamed', user: null });
		expect(inserted[0].payload).toBeNull();
		expect(inserted[0].createdOn).toBe(inserted[1].createdOn);
		expect((await listSite('limit=2', siteId)).items).toEqual(inserted);

		for (const body of [
			{ events: [{ eventType: 'user_access', eventSubType: 'invite_sent' }] },
			{ events: [{ eventType: 'workspace_settings' }] },
			{ target: { siteId: wf.otherWorkspace.sites[0].id } },
			{ events: [{ event: 'nope' }], target: { siteId } },
		]) {
			const reply = await fetch(`${wf.controlUrl}/events`, {
				method: 'POST',
				body: JSON.stringify(body),
			});
			expect(reply.status).toBe(400);
		}
	});

	it('is deterministic per seed and anchor', () => {
		const before = wf.workspaceEvents();
		const site = wf.siteEvents(wf.sites[2].id);
		wf.reset({ seed: 8 });
		expect(wf.workspaceEvents()).not.toEqual(before);
		wf.reset({ seed: 7 });
		expect(wf.workspaceEvents()).toEqual(before);
		expect(wf.siteEvents(wf.sites[2].id)).toEqual(site);
	});
});

describe('faults', () => {
	it('injects Webflow-shaped 429 and 5xx, malformed bodies and dropped sockets', async () => {
		wf.setFaults({
			status429: { times: 1, retryAfterSeconds: 7 },
			status5xx: { times: 1, status: 503 },
		});
		const throttled = await call(`${auditLogs()}?limit=1`);
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('7');
		expect(throttled.headers.get('x-ratelimit-limit')).toBe('120');
		expect(errorOf(throttled)).toMatchObject({ code: 'too_many_requests' });
		const failed = await call(`${auditLogs()}?limit=1`);
		expect(failed.status).toBe(503);
		expect(failed.body).toEqual({
			code: 'internal_error',
			message: 'An Internal Error occurred',
			externalReference: null,
			details: [],
		});
		expect(failed.headers.get('x-ratelimit-remaining')).not.toBeNull();
		expect((await call(`${auditLogs()}?limit=1`)).status).toBe(200);

		wf.setFaults({ malformed: { times: 1 } });
		const malformed = await call(`${auditLogs()}?limit=1`);
		expect(malformed.status).toBe(200);
		expect(malformed.body).toBeUndefined();

		wf.setFaults({ drop: { times: 1 } });
		await expect(
			fetch(`${wf.url}${auditLogs()}`, { headers: { Authorization: `Bearer ${wf.apiKey}` } }),
		).rejects.toThrow();
		expect((await call(`${auditLogs()}?limit=1`)).status).toBe(200);
	});

	it('inserts on a continuation page: newest-first offset paging then repeats records', async () => {
		const before = wf.workspaceEvents();
		wf.setFaults({ insertDuringPaging: { count: 3, times: 1 } });
		const seen = await walkWorkspace('sortOrder=desc');
		expect(wf.workspaceEvents()).toHaveLength(before.length + 3);
		const inserted = wf.workspaceEvents().slice(0, 3);
		// The inserts pushed the last three of page one onto page two; they were never seen.
		expect(seen).toHaveLength(before.length + 3);
		expect(seen.slice(100, 103)).toEqual(before.slice(97, 100));
		for (const item of inserted) expect(seen).not.toContainEqual(item);
		expect(wf.requests().filter((request) => request.fault === 'insertDuringPaging')).toHaveLength(
			1,
		);

		// Oldest first, the inserts land at the end and are picked up without repeats.
		wf.reset();
		wf.setFaults({ insertDuringPaging: { count: 2, times: 1 } });
		const asc = await walkWorkspace('sortOrder=asc');
		expect(asc).toEqual(wf.workspaceEvents({ sortOrder: 'asc' }));
	});

	it('inserts into the site being paged', async () => {
		const siteId = wf.sites[0].id;
		const before = wf.siteEvents(siteId);
		wf.setFaults({ insertDuringPaging: { count: 2, times: 1 } });
		const seen = await walkSite();
		expect(wf.siteEvents(siteId)).toHaveLength(before.length + 2);
		expect(seen).toHaveLength(before.length + 2);
		expect(new Set(seen.map((item) => item.id)).size).toBe(before.length);
		expect(wf.workspaceEvents()).toHaveLength(1200);
	});

	it('is driven by the control endpoints too, which are never faulted, limited or logged', async () => {
		const control = (path: string, init: RequestInit = {}) =>
			fetch(`${wf.controlUrl}${path}`, init);
		await control('/faults', { method: 'POST', body: JSON.stringify({ status5xx: { times: 5 } }) });
		const info = (await (await control('/info')).json()) as Record<string, unknown>;
		expect(info).toMatchObject({
			provider: 'webflow',
			apiKey: wf.apiKey,
			workspace: { id: wf.workspace.id, slug: 'hitchhikers-workspace' },
		});
		expect((await call(`${auditLogs()}?limit=1`)).status).toBe(500);
		const log = (await (await control('/requests')).json()) as {
			requests: Array<{ headers: Record<string, string> }>;
		};
		expect(log.requests).toHaveLength(1);
		expect(log.requests[0].headers.authorization).toBe(`Bearer ${wf.apiKey}`);
		await control('/faults', { method: 'POST', body: '{}' });
		expect((await call(`${auditLogs()}?limit=1`)).status).toBe(200);
		expect((await control('/requests', { method: 'DELETE' })).status).toBe(204);
		expect(wf.requests()).toHaveLength(0);
		expect((await control('/reset', { method: 'POST', body: '{"bogus":1}' })).status).toBe(400);
	});
});
