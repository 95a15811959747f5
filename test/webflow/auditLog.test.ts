import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { runNode } from '../harness/n8n';
import { overlappingOffsets } from '../shared/pagesAhead';
import { apiRequests, FAST_RETRIES, useWebflow, webflowCredentials } from './setup';

const node = new WebflowAuditLog();
const webflow = useWebflow();

const workspaceLogs = (extra: Record<string, unknown> = {}, token?: string) =>
	runNode({
		nodeType: node,
		parameters: { resource: 'workspaceAuditLog', operation: 'getMany', workspace: webflow.workspace.id, options: FAST_RETRIES, ...extra },
		credentials: webflowCredentials(webflow, token),
	});

const siteLogs = (extra: Record<string, unknown> = {}, token = webflow.tokens.site) =>
	runNode({
		nodeType: node,
		parameters: { resource: 'siteActivityLog', operation: 'getMany', siteId: webflow.sites[0].id, options: FAST_RETRIES, ...extra },
		credentials: webflowCredentials(webflow, token),
	});

const json = (items: Array<{ json: unknown }>) => items.map((item) => item.json);

describe('Webflow Audit Log: workspace audit logs', () => {
	it('sends every parameter as Webflow\'s query, by slug, and returns exactly the matching entries', async () => {
		const { items, error } = await workspaceLogs({
			workspace: webflow.workspace.slug,
			returnAll: true,
			sortOrder: 'asc',
			filters: { eventType: 'workspace_membership', from: '2026-10-10T00:00:00Z', to: '2026-10-20T12:00:00' },
		});
		expect(error).toBeUndefined();
		const [first] = apiRequests(webflow);
		expect(first.path).toBe(`/v2/workspaces/${webflow.workspace.slug}/audit_logs`);
		expect(first.headers.authorization).toBe(`Bearer ${webflow.tokens.workspace}`);
		expect(first.query).toEqual({
			sortOrder: 'asc',
			eventType: 'workspace_membership',
			// Widened by 1 ms each side and applied exactly by the node: inclusiveness is undocumented.
			from: '2026-10-09T23:59:59.999Z',
			to: '2026-10-20T12:00:00.001Z',
			offset: '0',
			limit: '100',
		});
		const expected = webflow.workspaceEvents({
			sortOrder: 'asc',
			eventType: 'workspace_membership',
			from: '2026-10-10T00:00:00.000Z',
			to: '2026-10-20T12:00:00.000Z',
		});
		expect(expected.length).toBeGreaterThan(5);
		expect(json(items)).toEqual(expected);
	});

	it('Return All pages by offset until the total, pages overlapping by one entry; Limit fetches no page it does not need', async () => {
		const all = await workspaceLogs({ returnAll: true });
		expect(json(all.items)).toEqual(webflow.workspaceEvents({ sortOrder: 'desc' }));
		// After the first page, the others are fetched several at once, each from the last entry of the one before.
		const offsets = apiRequests(webflow).map((r) => Number(r.query.offset));
		expect(offsets[0]).toBe(0);
		expect([...offsets].sort((a, b) => a - b)).toEqual(overlappingOffsets(all.items.length, { total: true }));

		webflow.clearRequests();
		const limited = await workspaceLogs({ returnAll: false, limit: 150 });
		expect(json(limited.items)).toEqual(webflow.workspaceEvents({ sortOrder: 'desc' }).slice(0, 150));
		expect(apiRequests(webflow).map((r) => [r.query.offset, r.query.limit])).toEqual([['0', '100'], ['100', '50']]);
	});

	it('waits out the rate limit instead of failing: 30 requests per window, 150 pages', async () => {
		// Low enough that even a busy machine spends a window's budget before the window ends.
		webflow.reset({ rateLimit: { perWindow: 30, windowMs: 1000 } });
		const missing = 15_000 - webflow.workspaceEvents().length;
		webflow.insert({ count: 7000, at: '2026-10-30T00:00:00.000Z', spacingMs: 1 });
		webflow.insert({ count: missing - 7000, at: '2026-10-31T00:00:00.000Z', spacingMs: 1 });
		const { items, error } = await workspaceLogs({ returnAll: true, options: { ...FAST_RETRIES, maxRetries: 5 } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(15_000);
		const requests = apiRequests(webflow);
		expect(requests.filter((r) => r.status === 200)).toHaveLength(overlappingOffsets(15_000, { total: true }).length);
		expect(requests.some((r) => r.status === 429)).toBe(true);
	});

	it.each([
		[{ workspace: '  ' }, 'Parameter "Workspace ID or Slug" is empty'],
		[{ filters: { from: '31/10/2026' } }, 'Parameter "From" must be an ISO 8601 date-time'],
		[{ filters: { from: '2026-10-02T00:00:00Z', to: '2026-10-01T00:00:00Z' } }, 'Parameter "To" is earlier than "From"'],
	])('rejects %j before any request', async (parameters, message) => {
		const { error } = await workspaceLogs({ returnAll: true, ...parameters });
		expect(error?.message).toBe(message);
		expect(webflow.requests()).toHaveLength(0);
	});
});

describe('Webflow Audit Log: site activity logs', () => {
	it('returns every entry of the site, newest first, and stops at Limit', async () => {
		const all = await siteLogs({ returnAll: true });
		expect(json(all.items)).toEqual(webflow.siteEvents(webflow.sites[0].id));

		webflow.clearRequests();
		const limited = await siteLogs({ returnAll: false, limit: 30 });
		expect(json(limited.items)).toEqual(webflow.siteEvents(webflow.sites[0].id).slice(0, 30));
		expect(apiRequests(webflow).map((r) => r.query)).toEqual([{ offset: '0', limit: '30' }]);
	});
});

describe('Webflow Audit Log: API errors carry Webflow\'s message, the status and a hint', () => {
	it('401: an unknown token, never echoed', async () => {
		const { error } = await workspaceLogs({ returnAll: true }, 'not-a-real-token');
		expect(error?.message).toBe('Webflow API error 401: Request not authorized');
		expect(error?.httpCode).toBe('401');
		expect(JSON.stringify(error)).not.toContain('not-a-real-token');
	});

	it('403: a token without workspace_activity:read names the scope and the token type', async () => {
		const { error } = await workspaceLogs({ returnAll: true }, webflow.tokens.noScope);
		expect(error?.message).toBe('Webflow API error 403: OAuthForbidden: You are missing the following scopes - workspace_activity:read');
		expect(error?.description).toBe(
			'Workspace audit logs need a workspace API token with the workspace_activity:read scope (Workspace settings → Integrations → Workspace API access).',
		);
	});

	it('403: a workspace token on site activity logs says a site token is needed', async () => {
		const { error } = await siteLogs({ returnAll: true }, webflow.tokens.workspace);
		expect(error?.message).toBe('Webflow API error 403: OAuthForbidden: You are missing the following scopes - site_activity:read');
		expect(error?.description).toMatch(/site token with the site_activity:read scope/);
	});

	it('403: a workspace without Enterprise', async () => {
		const { error } = await workspaceLogs({ returnAll: true }, webflow.tokens.notEnterprise);
		expect(error?.message).toMatch(/^Webflow API error 403: /);
		expect(error?.description).toBe('Audit and activity logs are available only on Webflow Enterprise plans.');
	});

	it('404: an unknown workspace', async () => {
		const { error } = await workspaceLogs({ returnAll: true, workspace: 'no-such-workspace' });
		expect(error?.message).toMatch(/^Webflow API error 404: Requested resource not found/);
		expect(error?.description).toBe('Check the workspace ID or slug, or the site ID: Webflow found none that this token can see.');
	});

	it('500: after the retries are used up; and a 429 is retried after Retry-After', async () => {
		webflow.setFaults({ status5xx: { times: 10 } });
		const failed = await workspaceLogs({ returnAll: false, limit: 10, options: { ...FAST_RETRIES, maxRetries: 1 } });
		expect(failed.error?.message).toBe('Webflow API error 500: An Internal Error occurred');
		expect(apiRequests(webflow)).toHaveLength(2);

		webflow.setFaults({ status429: { times: 1, retryAfterSeconds: 1 } });
		webflow.clearRequests();
		const retried = await workspaceLogs({ returnAll: false, limit: 10 });
		expect(retried.error).toBeUndefined();
		expect(retried.items).toHaveLength(10);
		expect(apiRequests(webflow).map((r) => r.status)).toEqual([429, 200]);
	});
});
