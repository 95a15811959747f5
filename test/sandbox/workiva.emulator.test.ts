/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * The Workiva emulator against docs/api/workiva.md and Workiva's OpenAPI subset, over plain HTTP.
 * Every API response a test reads is validated against the operation's documented response schema
 * (`workiva/openapi.json`). These tests pin the emulator so the node tests can trust it: the token
 * endpoint, versions and path styles, the `$filter` grammar (hostile quoting included), keyset
 * paging under inserts, foreign next links and unstable activity ids.
 */
import type { WorkivaActivity, WorkivaActivityAction, WorkivaBearerToken, WorkivaErrorResponse } from '../../nodes/Workiva/types';
import { ANCHOR, fetchReply, type Reply, useEmulator } from './testing';
import { startWorkivaEmulator } from './workiva';
import { componentSchema, responseSchema, validateResponse, validateSchema, WORKIVA_OPENAPI } from './workiva/contract';
import {
	WORKIVA_ACTIVITY_PATHS,
	WORKIVA_CANNED_ERRORS,
	WORKIVA_GRANT_PATH as TOKEN,
	workivaPath,
	type WorkivaOperationId,
	type WorkivaPathStyle,
} from './workiva/schemas';

const wk = useEmulator(startWorkivaEmulator, { anchor: ANCHOR });

const V2022 = '2022-01-01';
const V2026 = '2026-01-01';
const FORM = 'application/x-www-form-urlencoded';

interface CallOptions {
	/** Bearer token; `null` sends none. Default: a fresh reader token. */
	token?: string | null;
	/** `X-Version`; absent by default (2022-01-01). */
	version?: string;
	headers?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const basic = (clientId: string, clientSecret: string) =>
	`Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;

/** POST to the token endpoint; the body is validated against `tokenRequest`. */
async function tokenRequest(
	credentials: { clientId: string; clientSecret: string },
	via: 'basic' | 'form',
	extra: Record<string, string> = { grant_type: 'client_credentials' },
	path = TOKEN,
): Promise<Reply> {
	const form = new URLSearchParams(extra);
	const headers: Record<string, string> = { 'Content-Type': FORM };
	if (via === 'basic') headers.Authorization = basic(credentials.clientId, credentials.clientSecret);
	else {
		form.set('client_id', credentials.clientId);
		form.set('client_secret', credentials.clientSecret);
	}
	const reply = await fetchReply(`${wk.url}${path}`, { method: 'POST', headers, body: form.toString() });
	// The token operation documents 200, 400 and 401; its 429 and 5xx bodies are the API's (INFERRED).
	const errors = [200, 400, 401].includes(reply.status)
		? validateResponse('tokenRequest', reply.status, reply.body, { noExtraProperties: true })
		: validateSchema(componentSchema('ErrorResponse'), reply.body, { noExtraProperties: true });
	expect(errors).toEqual([]);
	return reply;
}

async function readerToken(): Promise<string> {
	const reply = await tokenRequest(wk.clients.reader, 'basic');
	expect(reply.status).toBe(200);
	return (reply.body as WorkivaBearerToken).access_token;
}

/** GET an activities route; the body is validated against the operation's documented response. */
async function api(operationId: WorkivaOperationId, path: string, options: CallOptions = {}): Promise<Reply> {
	const token = options.token === undefined ? await readerToken() : options.token;
	const headers: Record<string, string> = { ...options.headers };
	if (token !== null) headers.Authorization = `Bearer ${token}`;
	if (options.version !== undefined) headers['X-Version'] = options.version;
	const reply = await fetchReply(path.startsWith('http') ? path : `${wk.url}${path}`, { headers });
	expect(reply.headers.get('content-type')).toBe('application/json');
	expect(validateResponse(operationId, reply.status, reply.body, { noExtraProperties: true })).toEqual([]);
	return reply;
}

const orgPath = (style: WorkivaPathStyle = 'admin', organizationId = wk.organization.id) =>
	workivaPath('getOrganizationActivities', { organizationId }, style);
const workspacePath = (workspaceId: string, style: WorkivaPathStyle = 'admin') =>
	workivaPath('getOrganizationWorkspaceActivities', { organizationId: wk.organization.id, workspaceId }, style);

function withQuery(path: string, query: Record<string, string | number>): string {
	const pairs = Object.entries(query).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
	return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
}

interface Page<T> {
	data: T[];
	'@nextLink'?: string | null;
}

/** Follows `@nextLink` as-is until it is absent; returns the pages. */
async function walk<T = WorkivaActivity>(
	operationId: WorkivaOperationId,
	first: string,
	options: CallOptions = {},
	between?: (pageIndex: number) => void,
): Promise<Array<Page<T>>> {
	const token = options.token === undefined ? await readerToken() : options.token;
	const pages: Array<Page<T>> = [];
	let url: string | undefined = first;
	while (url !== undefined && pages.length < 50) {
		const reply = await api(operationId, url, { ...options, token });
		expect(reply.status).toBe(200);
		const page = reply.body as Page<T>;
		pages.push(page);
		between?.(pages.length - 1);
		url = page['@nextLink'] ?? undefined;
	}
	return pages;
}

const items = <T>(pages: Array<Page<T>>): T[] => pages.flatMap((page) => page.data);
const ids = (activities: WorkivaActivity[]) => activities.map((activity) => activity.id);
const errorOf = (reply: Reply) => reply.body as WorkivaErrorResponse;
const eventIdOf = (activity: WorkivaActivity) => activity.tags?.find((tag) => tag.startsWith('eventId:'));

/** Same activity apart from its id. */
const withoutId = (activity: WorkivaActivity) => ({ ...activity, id: undefined });

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('token endpoint (workiva.md#auth)', () => {
	it.each([
		['Basic auth', 'basic', TOKEN],
		['form fields', 'form', TOKEN],
		['Basic auth on the spec path', 'basic', '/oauth2/token'],
		['form fields on the spec path', 'form', '/oauth2/token'],
	] as const)('issues a working bearer token for client credentials in %s', async (_name, via, path) => {
		const reply = await tokenRequest(wk.clients.reader, via, { grant_type: 'client_credentials' }, path);
		expect(reply.status).toBe(200);
		expect(reply.headers.get('cache-control')).toBe('no-store');
		const token = reply.body as WorkivaBearerToken;
		expect(token).toEqual({
			access_token: expect.any(String),
			token_type: 'Bearer',
			expires_in: 599,
			scope: 'activity:read organization:read',
		});
		const list = await api('getActivityActions', workivaPath('getActivityActions'), { token: token.access_token });
		expect(list.status).toBe(200);
		expect(wk.tokenStats().tokensIssued).toBe(1);
	});

	it('takes a JSON body under 2022-01-01 only', async () => {
		const post = (version: string) =>
			fetchReply(`${wk.url}${TOKEN}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'X-Version': version },
				body: JSON.stringify({ grant_type: 'client_credentials', client_id: wk.clientId, client_secret: wk.clientSecret }),
			});
		const old = await post(V2022);
		expect(old.status).toBe(200);
		expect((old.body as WorkivaBearerToken).token_type).toBe('Bearer');
		const current = await post(V2026);
		expect(current.status).toBe(400);
		expect(current.body).toMatchObject({ error: 'invalid_request' });
	});

	it('answers bad credentials with the RFC 6749 error body: 401 with Basic, 400 in the form', async () => {
		const wrongBasic = await tokenRequest(wk.clients.wrongSecret, 'basic');
		expect(wrongBasic.status).toBe(401);
		expect(wrongBasic.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
		expect(wrongBasic.headers.get('www-authenticate')).toMatch(/^Basic realm=/);

		const wrongForm = await tokenRequest(wk.clients.wrongSecret, 'form');
		expect(wrongForm.status).toBe(400);
		expect(wrongForm.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });

		const unknown = await tokenRequest({ clientId: 'nobody', clientSecret: 'x' }, 'form');
		expect(unknown.status).toBe(400);
		expect((unknown.body as { error: string }).error).toBe('invalid_client');

		const noGrant = await tokenRequest(wk.clients.reader, 'basic', {});
		expect(noGrant.status).toBe(400);
		expect(noGrant.body).toMatchObject({ error: 'invalid_request' });
		const otherGrant = await tokenRequest(wk.clients.reader, 'basic', { grant_type: 'password' });
		expect(otherGrant.status).toBe(400);
		expect(otherGrant.body).toMatchObject({ error: 'unsupported_grant_type' });
		expect(wk.tokenStats().tokensIssued).toBe(0);
	});

	it('advertises the configured expires_in', async () => {
		wk.reset({ tokenExpiresIn: 30 });
		const reply = await tokenRequest(wk.clients.reader, 'form');
		expect((reply.body as WorkivaBearerToken).expires_in).toBe(30);
	});

	it('grants what the client may have, which can be less than asked', async () => {
		const orgOnly = await tokenRequest(wk.clients.noActivityScope, 'basic');
		expect((orgOnly.body as WorkivaBearerToken).scope).toBe('organization:read');

		const narrowed = await tokenRequest(wk.clients.noActivityScope, 'basic', {
			grant_type: 'client_credentials',
			scope: 'activity:read organization:read',
		});
		expect(narrowed.status).toBe(200);
		expect((narrowed.body as WorkivaBearerToken).scope).toBe('organization:read');

		const asked = await tokenRequest(wk.clients.reader, 'basic', { grant_type: 'client_credentials', scope: 'organization:read' });
		const reply = await api('getActivityActions', workivaPath('getActivityActions'), {
			token: (asked.body as WorkivaBearerToken).access_token,
		});
		expect(reply.status).toBe(403);
	});
});

describe('bearer checks (workiva.md#auth, #errors)', () => {
	it('answers 401 for a missing, unknown or expired token', async () => {
		for (const token of [null, 'not-a-token']) {
			const reply = await api('getOrganizationActivities', orgPath(), { token });
			expect(reply.status).toBe(401);
			expect(reply.body).toEqual(WORKIVA_CANNED_ERRORS[401]);
		}
		const token = await readerToken();
		expect((await api('getOrganizationActivities', orgPath(), { token })).status).toBe(200);
		wk.expireTokens();
		const expired = await api('getOrganizationActivities', orgPath(), { token, version: V2026 });
		expect(expired.status).toBe(401);
		expect(expired.body).toEqual({ ...WORKIVA_CANNED_ERRORS[401], version: V2026 });
		expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
	});

	it('expires tokens after the configured lifetime', async () => {
		wk.setTokenLifetime(1);
		const token = await readerToken();
		expect((await api('getActivityActions', workivaPath('getActivityActions'), { token })).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect((await api('getActivityActions', workivaPath('getActivityActions'), { token })).status).toBe(401);
		expect(wk.tokenStats().bearerRejected.expired).toBe(1);
	});

	it('answers 403 on all five endpoints for a token without activity:read', async () => {
		const token = wk.issueToken('noActivityScope');
		const activityId = wk.visibleActivities()[0].id;
		const paths: Array<[WorkivaOperationId, string]> = [
			['getOrganizationActivities', orgPath()],
			['getOrganizationWorkspaceActivities', workspacePath(wk.workspaces[0].id)],
			['getActivityById', workivaPath('getActivityById', { activityId })],
			['getActivityActions', workivaPath('getActivityActions')],
			['getActivityActionById', workivaPath('getActivityActionById', { activityActionId: wk.actions[0].id })],
		];
		for (const [operationId, path] of paths) {
			const reply = await api(operationId, path, { token });
			expect(reply.status).toBe(403);
			expect(reply.body).toEqual(WORKIVA_CANNED_ERRORS[403]);
		}
	});
});

describe('versions and path styles (workiva.md#versions, #path-style, #endpoints)', () => {
	it('assumes 2022-01-01 without X-Version and names the version in 2026-01-01 errors only', async () => {
		const unknownOrg = orgPath('admin', '00000000-0000-4000-8000-000000000000');
		expect((await api('getOrganizationActivities', unknownOrg)).body).toEqual(WORKIVA_CANNED_ERRORS[404]);
		expect((await api('getOrganizationActivities', unknownOrg, { version: V2022 })).body).toEqual(WORKIVA_CANNED_ERRORS[404]);
		expect((await api('getOrganizationActivities', unknownOrg, { version: V2026 })).body).toEqual({
			...WORKIVA_CANNED_ERRORS[404],
			version: V2026,
		});
	});

	it('refuses an unknown X-Version with 400 BadArgument', async () => {
		for (const version of ['2024-01-01', 'latest', '']) {
			const reply = await api('getOrganizationActivities', orgPath(), { version });
			expect(reply.status).toBe(400);
			expect(errorOf(reply)).toMatchObject({ code: 'BadArgument', target: 'X-Version' });
			expect(errorOf(reply).details?.[0]).toMatchObject({ code: 'UnsupportedVersion', target: version });
		}
	});

	it('serves all five endpoints under both path styles and both versions, identically', async () => {
		const token = await readerToken();
		const activityId = wk.visibleActivities()[3].id;
		const params: Record<WorkivaOperationId, Record<string, string>> = {
			getOrganizationActivities: { organizationId: wk.organization.id },
			getOrganizationWorkspaceActivities: { organizationId: wk.organization.id, workspaceId: wk.workspaces[1].id },
			getActivityById: { activityId },
			getActivityActions: {},
			getActivityActionById: { activityActionId: wk.actions[2].id },
		};
		for (const operationId of Object.keys(WORKIVA_ACTIVITY_PATHS) as WorkivaOperationId[]) {
			const bodies: unknown[] = [];
			for (const style of ['admin', 'bare'] as const) {
				for (const version of [undefined, V2022, V2026]) {
					const path = withQuery(workivaPath(operationId, params[operationId], style), operationId.endsWith('Id') ? {} : { $maxpagesize: 3 });
					const reply = await api(operationId, path, { token, version });
					expect(reply.status).toBe(200);
					bodies.push(JSON.parse(JSON.stringify(reply.body).replace(/\/admin\/v1\//g, '/')));
				}
			}
			expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
		}
		expect(workivaPath('getActivityById', { activityId }, 'bare')).toBe(`/activities/${encodeURIComponent(activityId)}`);
	});

	it('answers each version under its documented path style only while strictPathStyle is on', async () => {
		const token = await readerToken();
		wk.setFaults({ strictPathStyle: true });
		const status = async (style: WorkivaPathStyle, version?: string) =>
			(await api('getOrganizationActivities', withQuery(orgPath(style), { $maxpagesize: 1 }), { token, version })).status;
		expect(await status('admin')).toBe(200);
		expect(await status('admin', V2022)).toBe(200);
		expect(await status('bare', V2026)).toBe(200);
		expect(await status('bare')).toBe(404);
		expect(await status('admin', V2026)).toBe(404);
		wk.setFaults({});
		expect(await status('bare')).toBe(200);
		expect(await status('admin', V2026)).toBe(200);
	});
});

describe('$filter (workiva.md#filter)', () => {
	const all = () => wk.visibleActivities();
	async function filtered(filter: string, extra: Record<string, string> = {}): Promise<WorkivaActivity[]> {
		const pages = await walk('getOrganizationActivities', withQuery(orgPath(), { $filter: filter, ...extra }));
		return items(pages);
	}

	const cases: Array<[string, () => string, (activity: WorkivaActivity) => boolean]> = [
		["action.alias eq 'user_login'", () => "action.alias eq 'user_login'", (a) => a.action.alias === 'user_login'],
		[
			"action.alias in ('workspace_membership_create', 'workspace_update')",
			() => "action.alias in ('workspace_membership_create', 'workspace_update')",
			(a) => a.action.alias === 'workspace_membership_create' || a.action.alias === 'workspace_update',
		],
		[
			"action.id eq 'com.workiva.content.file.export'",
			() => "action.id eq 'com.workiva.content.file.export'",
			(a) => a.action.id === 'com.workiva.content.file.export',
		],
		[
			'action.id in (…two ids)',
			() => "action.id in ('com.workiva.iam.user.logout','com.workiva.administration.user.update')",
			(a) => ['com.workiva.iam.user.logout', 'com.workiva.administration.user.update'].includes(a.action.id),
		],
		['performer.id eq <second admin>', () => `performer.id eq '${wk.performers[1].id}'`, (a) => a.performer.id === wk.performers[1].id],
		[
			'performer.id in (<service>, <third admin>)',
			() => `performer.id in ('${wk.performers[6].id}', '${wk.performers[2].id}')`,
			(a) => [wk.performers[6].id, wk.performers[2].id].includes(a.performer.id),
		],
		[
			'target.id eq <workspace>',
			() => `target.id eq '${wk.workspaces[2].id}'`,
			(a) => a.targets.some((target) => target.id === wk.workspaces[2].id),
		],
		[
			'target.id in (<member>, <member>)',
			() => `target.id in ('${wk.members[7].id}','${wk.members[9].id}')`,
			(a) => a.targets.some((target) => [wk.members[7].id, wk.members[9].id].includes(target.id)),
		],
		['activityDateTime eq <a burst>', () => `activityDateTime eq ${all()[50].activityDateTime}`, (a) => a.activityDateTime === all()[50].activityDateTime],
		['activityDateTime lt', () => `activityDateTime lt ${all()[300].activityDateTime}`, (a) => a.activityDateTime < all()[300].activityDateTime],
		['activityDateTime le', () => `activityDateTime le ${all()[300].activityDateTime}`, (a) => a.activityDateTime <= all()[300].activityDateTime],
		['activityDateTime gt', () => `activityDateTime gt ${all()[300].activityDateTime}`, (a) => a.activityDateTime > all()[300].activityDateTime],
		['activityDateTime ge', () => `activityDateTime ge ${all()[300].activityDateTime}`, (a) => a.activityDateTime >= all()[300].activityDateTime],
		[
			'activityDateTime ge with milliseconds',
			() => `activityDateTime ge ${all()[300].activityDateTime.replace('Z', '.001Z')}`,
			(a) => a.activityDateTime > all()[300].activityDateTime,
		],
		[
			'and',
			() => `action.alias eq 'user_login' and performer.id eq '${wk.performers[0].id}'`,
			(a) => a.action.alias === 'user_login' && a.performer.id === wk.performers[0].id,
		],
		[
			'or',
			() => "action.alias eq 'user_logout' or action.alias eq 'password_reset'",
			(a) => a.action.alias === 'user_logout' || a.action.alias === 'password_reset',
		],
		[
			'(a or b) and c',
			() => `(action.alias eq 'user_login' or action.alias eq 'user_logout') and performer.id eq '${wk.performers[3].id}'`,
			(a) => (a.action.alias === 'user_login' || a.action.alias === 'user_logout') && a.performer.id === wk.performers[3].id,
		],
		[
			'a or (b and c): and binds tighter',
			() => `action.alias eq 'user_login' or action.alias eq 'user_logout' and performer.id eq '${wk.performers[3].id}'`,
			(a) => a.action.alias === 'user_login' || (a.action.alias === 'user_logout' && a.performer.id === wk.performers[3].id),
		],
		[
			'OData slashes: performer/id and target/id',
			() => `performer/id eq '${wk.performers[4].id}' and target/id eq '${wk.workspaces[0].id}'`,
			(a) => a.performer.id === wk.performers[4].id && a.targets.some((target) => target.id === wk.workspaces[0].id),
		],
	];

	it.each(cases)('%s', async (_name, filter, expected) => {
		const want = all().filter(expected);
		expect(want.length).toBeGreaterThan(0);
		expect(want.length).toBeLessThan(all().length);
		expect(ids(await filtered(filter()))).toEqual(ids(want));
		expect(ids(wk.visibleActivities({ filter: filter() }))).toEqual(ids(want));
	});

	it('reads a hostile value as one clause with one literal', async () => {
		const literal = "o'brien') or (x eq 'y";
		const [planted] = wk.insert({
			at: '2026-10-30T12:00:00Z',
			events: [{ performer: { id: literal, type: 'com.workiva.iam.principal.user', displayName: "O'Brien" } }],
		});
		const hostile = "performer/id eq 'o''brien'') or (x eq ''y'";
		expect(ids(await filtered(hostile))).toEqual([planted.id]);
		expect(await filtered("performer.id eq 'o''brien'")).toEqual([]);
		expect(await filtered("performer.id eq 'o''brien'') or (x eq ''y' or performer.id eq 'nobody'")).toHaveLength(1);
	});

	it.each([
		["summary eq 'x'", 'UnsupportedField', 'summary'],
		["workspace.id eq 'x'", 'UnsupportedField', 'workspace.id'],
		["Performer.id eq 'x'", 'UnsupportedField', 'Performer.id'],
		["performer.id ne 'x'", 'UnsupportedOperator', 'performer.id'],
		["not (performer.id eq 'x')", 'UnsupportedOperator', 'not'],
		["action.alias gt 'a'", 'UnsupportedOperator', 'action.alias'],
		['activityDateTime in (2026-01-01T00:00:00Z)', 'UnsupportedOperator', 'activityDateTime'],
		["performer.id EQ 'x'", 'UnsupportedOperator', 'EQ'],
		["contains(summary, 'x')", 'UnsupportedOperator', 'contains'],
		["activityDateTime ge '2026-01-01T00:00:00Z'", 'InvalidValue', 'activityDateTime'],
		['activityDateTime ge 2026-01-01', 'InvalidValue', 'activityDateTime'],
		['activityDateTime ge 2026-01-01T00:00:00+01:00', 'InvalidValue', 'activityDateTime'],
		['performer.id eq abc', 'InvalidValue', 'performer.id'],
		["performer.id eq 'unterminated", 'InvalidFilter', "'unterminated"],
		["performer.id eq 'x' and", 'InvalidFilter', "performer.id eq 'x' and"],
		["(performer.id eq 'x'", 'InvalidFilter', "(performer.id eq 'x'"],
		["performer.id eq 'x')", 'InvalidFilter', ')'],
		["action.alias in ()", 'InvalidFilter', ')'],
		['', 'InvalidFilter', ''],
	])('%s → 400 BadArgument (%s)', async (filter, detailCode, detailTarget) => {
		const reply = await api('getOrganizationActivities', withQuery(orgPath(), { $filter: filter }), { version: V2026 });
		expect(reply.status).toBe(400);
		expect(errorOf(reply)).toEqual({
			code: 'BadArgument',
			message: 'The provided $filter option is not supported.',
			target: '$filter',
			details: [{ code: detailCode, message: expect.any(String), target: detailTarget }],
			version: V2026,
		});
	});
});

describe('order and paging (workiva.md#order-and-paging, #next-link)', () => {
	const times = (activities: WorkivaActivity[]) => activities.map((activity) => activity.activityDateTime);

	it('orders by activityDateTime asc or desc (asc when the direction is left out), newest first by default', async () => {
		const fetchAll = async (orderBy?: string) => {
			const reply = await api('getOrganizationActivities', withQuery(orgPath(), orderBy ? { $orderBy: orderBy } : {}));
			return (reply.body as Page<WorkivaActivity>).data;
		};
		const desc = await fetchAll('activityDateTime desc');
		const asc = await fetchAll('activityDateTime asc');
		expect(desc).toHaveLength(1000);
		expect(times(desc)).toEqual([...times(desc)].sort().reverse());
		expect(ids(asc)).toEqual(ids(desc).reverse());
		expect(ids(await fetchAll('activityDateTime'))).toEqual(ids(asc));
		expect(ids(await fetchAll())).toEqual(ids(desc));
		expect(times(asc)[0] < times(asc)[999]).toBe(true);
	});

	it.each([
		['name desc', 'name'],
		['activityDateTime descending', 'activityDateTime'],
		['activityDateTime asc, activityDateTime desc', 'activityDateTime'],
		['', ''],
	])('refuses $orderBy=%s with the documented 400 shape', async (orderBy, target) => {
		const reply = await api('getOrganizationActivities', withQuery(orgPath(), { $orderBy: orderBy }), { version: V2026 });
		expect(reply.status).toBe(400);
		expect(errorOf(reply)).toEqual({
			code: 'BadArgument',
			message: 'The provided $orderBy option is not supported.',
			target: '$orderBy',
			details: [{ code: 'InvalidOrder', message: `Ordering by '${orderBy.split(',')[orderBy.includes(',') ? 1 : 0].trim()}' is not supported`, target }],
			version: V2026,
		});
	});

	it('pages 1000 by default, honours $maxpagesize up to 1000 and refuses anything else', async () => {
		wk.insert({ count: 5 });
		const first = (await api('getOrganizationActivities', orgPath())).body as Page<WorkivaActivity>;
		expect(first.data).toHaveLength(1000);
		expect(typeof first['@nextLink']).toBe('string');
		const max = (await api('getOrganizationActivities', withQuery(orgPath(), { $maxpagesize: 1000 }))).body as Page<WorkivaActivity>;
		expect(max.data).toHaveLength(1000);
		const seven = (await api('getOrganizationActivities', withQuery(orgPath(), { $maxpagesize: 7 }))).body as Page<WorkivaActivity>;
		expect(seven.data).toHaveLength(7);
		for (const size of ['1001', '0', '-1', '2.5', 'abc', '']) {
			const reply = await api('getOrganizationActivities', withQuery(orgPath(), { $maxpagesize: size }));
			expect(reply.status).toBe(400);
			expect(errorOf(reply)).toMatchObject({ code: 'BadArgument', target: '$maxpagesize' });
		}
		const repeated = await api('getOrganizationActivities', `${orgPath()}?%24maxpagesize=5&%24maxpagesize=6`);
		expect(repeated.status).toBe(400);
		const unknownOption = await api('getOrganizationActivities', withQuery(orgPath(), { $top: 5 }));
		expect(errorOf(unknownOption)).toMatchObject({ code: 'BadArgument', target: '$top' });
		expect((await api('getOrganizationActivities', withQuery(orgPath(), { limit: 5, $maxpagesize: 2 }))).status).toBe(200);
	});

	it('links the next page absolutely on its own origin with $next and the other options, and not after the last', async () => {
		const filter = "action.alias in ('user_login','workspace_membership_create','file_export')";
		const pages = await walk('getOrganizationActivities', withQuery(orgPath('bare'), { $filter: filter, $orderBy: 'activityDateTime asc', $maxpagesize: 97 }), { version: V2026 });
		const expected = wk.visibleActivities({ filter, orderBy: 'activityDateTime asc' });
		expect(pages.length).toBe(Math.ceil(expected.length / 97));
		expect(ids(items(pages))).toEqual(ids(expected));
		for (const page of pages.slice(0, -1)) {
			const link = new URL(page['@nextLink'] as string);
			expect(link.origin).toBe(wk.url);
			expect(link.pathname).toBe(orgPath('bare'));
			expect(link.searchParams.get('$next')).toMatch(/^[A-Za-z0-9_-]+$/);
			expect(link.searchParams.get('$filter')).toBe(filter);
			expect(link.searchParams.get('$orderBy')).toBe('activityDateTime asc');
			expect(link.searchParams.get('$maxpagesize')).toBe('97');
			expect(page['@nextLink']).not.toContain('+');
		}
		const last = pages[pages.length - 1];
		expect('@nextLink' in last).toBe(false);
		expect(last.data.length).toBeGreaterThan(0);
	});

	it('builds the link from its own origin whatever Host or X-Forwarded-* say', async () => {
		const reply = await api('getOrganizationActivities', withQuery(orgPath(), { $maxpagesize: 5 }), {
			headers: { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https', Forwarded: 'host=evil.example' },
		});
		expect(new URL((reply.body as Page<WorkivaActivity>)['@nextLink'] as string).origin).toBe(wk.url);
	});

	it('splits same-second bursts across page boundaries and still walks every activity once', async () => {
		const all = wk.visibleActivities();
		for (const size of [50, 100]) expect(all[size - 1].activityDateTime).toBe(all[size].activityDateTime);
		const pages = await walk('getOrganizationActivities', withQuery(orgPath(), { $maxpagesize: 50 }));
		expect(ids(items(pages))).toEqual(ids(all));
	});

	it.each(['activityDateTime desc', 'activityDateTime asc'])(
		'keeps a %s walk stable when activities are inserted between pages (keyset within a snapshot)',
		async (orderBy) => {
			const before = wk.visibleActivities({ orderBy });
			const middle = before[400].activityDateTime;
			const pages = await walk('getOrganizationActivities', withQuery(orgPath(), { $orderBy: orderBy, $maxpagesize: 100 }), {}, (index) => {
				if (index > 2) return;
				wk.insert({ count: 3 });
				wk.insert({ count: 2, at: middle });
			});
			expect(ids(items(pages))).toEqual(ids(before));
			expect(wk.visibleActivities()).toHaveLength(before.length + 15);
		},
	);

	it('inserts during paging on the insertDuringPaging fault, and the walk stays exact', async () => {
		const workspace = wk.workspaces[1];
		const before = wk.visibleActivities({ workspaceId: workspace.id });
		wk.setFaults({ insertDuringPaging: { count: 4, times: 1 } });
		const pages = await walk('getOrganizationWorkspaceActivities', withQuery(workspacePath(workspace.id), { $maxpagesize: 40 }));
		expect(ids(items(pages))).toEqual(ids(before));
		expect(wk.visibleActivities({ workspaceId: workspace.id })).toHaveLength(before.length + 4);
		expect(wk.requests().filter((request) => request.fault === 'insertDuringPaging')).toHaveLength(1);
	});

	it('issues the documented offset token on the offsetCursor switch, and inserts then shift the pages', async () => {
		wk.setFaults({ offsetCursor: true });
		const first = (await api('getOrganizationActivities', withQuery(orgPath(), { $maxpagesize: 100 }))).body as Page<WorkivaActivity>;
		const next = new URL(first['@nextLink'] as string).searchParams.get('$next') as string;
		expect(next).toBe('JTI0bGltaXQ9MTAwJiUyNG9mZnNldD0xMDA');
		wk.insert({ count: 3 });
		const second = (await api('getOrganizationActivities', first['@nextLink'] as string)).body as Page<WorkivaActivity>;
		expect(ids(second.data.slice(0, 3))).toEqual(ids(first.data.slice(97)));
	});

	it('refuses a broken $next, or one from another query, with 400', async () => {
		const first = (await api('getOrganizationActivities', withQuery(orgPath(), { $maxpagesize: 10 }))).body as Page<WorkivaActivity>;
		const next = new URL(first['@nextLink'] as string).searchParams.get('$next') as string;
		const queries: Array<Record<string, string>> = [
			{ $next: 'not a cursor' },
			{ $next: next, $filter: "action.alias eq 'user_login'" },
			{ $next: next, $orderBy: 'activityDateTime asc' },
		];
		for (const query of queries) {
			const reply = await api('getOrganizationActivities', withQuery(orgPath(), query));
			expect(reply.status).toBe(400);
			expect(errorOf(reply)).toMatchObject({ code: 'BadArgument', target: '$next' });
		}
		const otherList = await api('getOrganizationWorkspaceActivities', withQuery(workspacePath(wk.workspaces[0].id), { $next: next }));
		expect(otherList.status).toBe(400);
	});

	it('points @nextLink at a foreign origin while foreignNextLink is on', async () => {
		wk.setFaults({ foreignNextLink: 'http://127.0.0.1:9/ignored/path' });
		const reply = await api('getOrganizationActivities', withQuery(orgPath(), { $maxpagesize: 5 }));
		const link = new URL((reply.body as Page<WorkivaActivity>)['@nextLink'] as string);
		expect(link.origin).toBe('http://127.0.0.1:9');
		expect(link.pathname).toBe(orgPath());
		expect(link.searchParams.get('$next')).toBeTruthy();
		expect(wk.faults()).toMatchObject({ foreignNextLink: 'http://127.0.0.1:9/ignored/path' });
		expect(() => wk.setFaults({ foreignNextLink: 'ftp://x' })).toThrow(/http\(s\) origin/);
		wk.setFaults({ foreignNextLink: null });
		const own = await api('getOrganizationActivities', withQuery(orgPath(), { $maxpagesize: 5 }));
		expect(new URL((own.body as Page<WorkivaActivity>)['@nextLink'] as string).origin).toBe(wk.url);
	});
});

describe('activity ids (workiva.md#activity-ids)', () => {
	it('keeps ids stable across reads by default', async () => {
		const path = withQuery(orgPath(), { $maxpagesize: 20 });
		const token = await readerToken();
		const once = (await api('getOrganizationActivities', path, { token })).body as Page<WorkivaActivity>;
		const twice = (await api('getOrganizationActivities', path, { token })).body as Page<WorkivaActivity>;
		expect(ids(twice.data)).toEqual(ids(once.data));
	});

	it('re-issues every id on every read while unstableIds is on; eventId tags and content stay', async () => {
		wk.setFaults({ unstableIds: true });
		const path = withQuery(orgPath(), { $maxpagesize: 20 });
		const token = await readerToken();
		const once = ((await api('getOrganizationActivities', path, { token })).body as Page<WorkivaActivity>).data;
		const twice = ((await api('getOrganizationActivities', path, { token })).body as Page<WorkivaActivity>).data;
		expect(once.map(withoutId)).toEqual(twice.map(withoutId));
		once.forEach((activity, i) => expect(activity.id).not.toBe(twice[i].id));
		expect(once.map(eventIdOf)).toEqual(twice.map(eventIdOf));
		expect(new Set([...ids(once), ...ids(twice)]).size).toBe(40);

		// A re-issued id still reads the activity, under yet another id.
		const one = await api('getActivityById', workivaPath('getActivityById', { activityId: once[4].id }), { token });
		expect(one.status).toBe(200);
		expect(withoutId(one.body as WorkivaActivity)).toEqual(withoutId(once[4]));
		expect((one.body as WorkivaActivity).id).not.toBe(once[4].id);
		wk.setFaults({});
		const stable = ((await api('getOrganizationActivities', path, { token })).body as Page<WorkivaActivity>).data;
		expect(ids(stable)).toEqual(ids(wk.visibleActivities().slice(0, 20)));
	});
});

describe('endpoints (workiva.md#endpoints)', () => {
	it('lists a workspace’s activities only, and 404s unknown organizations and workspaces', async () => {
		const workspace = wk.workspaces[2];
		const listed = items(await walk('getOrganizationWorkspaceActivities', workspacePath(workspace.id, 'bare')));
		expect(listed.length).toBeGreaterThan(20);
		expect(listed.every((activity) => activity.workspace?.id === workspace.id)).toBe(true);
		expect(ids(listed)).toEqual(ids(wk.visibleActivities().filter((activity) => activity.workspace?.id === workspace.id)));

		expect((await api('getOrganizationWorkspaceActivities', workspacePath('QWNjb3VudB8wMDAwMDAwMDAwMDAwMDAw'))).status).toBe(404);
		expect((await api('getOrganizationActivities', orgPath('admin', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'))).status).toBe(404);
		const notUuid = await api('getOrganizationActivities', orgPath('admin', 'not-a-uuid'));
		expect(notUuid.status).toBe(400);
		expect(errorOf(notUuid)).toMatchObject({ code: 'BadArgument', target: 'organizationId' });
	});

	it('returns one activity by its (percent-encoded) id, and 404 for an unknown one', async () => {
		const activity = wk.visibleActivities().find((candidate) => /[+/=]/.test(candidate.id)) as WorkivaActivity;
		expect(activity).toBeDefined();
		const reply = await api('getActivityById', workivaPath('getActivityById', { activityId: activity.id }, 'bare'), { version: V2026 });
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual(activity);
		const missing = await api('getActivityById', workivaPath('getActivityById', { activityId: 'bm9wZQ==' }));
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual(WORKIVA_CANNED_ERRORS[404]);
	});

	it('serves the action catalogue by id, pages it, and refuses $filter there', async () => {
		const pages = await walk<WorkivaActivityAction>('getActivityActions', withQuery(workivaPath('getActivityActions'), { $maxpagesize: 5 }));
		const catalogue = items(pages);
		expect(pages).toHaveLength(Math.ceil(wk.actions.length / 5));
		expect(catalogue).toEqual(wk.actions);
		expect(catalogue.map((action) => action.id)).toEqual([...catalogue.map((action) => action.id)].sort());
		const byName = (await api('getActivityActions', withQuery(workivaPath('getActivityActions'), { $orderBy: 'name desc' }))).body as Page<WorkivaActivityAction>;
		expect(byName.data.map((action) => action.name)).toEqual(catalogue.map((action) => action.name).sort().reverse());
		const filtered = await api('getActivityActions', withQuery(workivaPath('getActivityActions'), { $filter: "alias eq 'x'" }));
		expect(filtered.status).toBe(400);
		expect(errorOf(filtered)).toMatchObject({ code: 'BadArgument', target: '$filter' });

		const action = wk.actions.find((candidate) => candidate.alias === 'workspace_membership_create') as WorkivaActivityAction;
		const one = await api('getActivityActionById', workivaPath('getActivityActionById', { activityActionId: action.id }, 'bare'));
		expect(one.body).toEqual({
			id: 'com.workiva.administration.workspace_membership.create',
			alias: 'workspace_membership_create',
			name: 'Workspace membership created',
			category: 'Administration',
			deprecated: false,
		});
		expect((await api('getActivityActionById', workivaPath('getActivityActionById', { activityActionId: 'com.workiva.nope' }))).status).toBe(404);
	});

	it('answers unknown routes and methods with the documented 404 body', async () => {
		const token = await readerToken();
		for (const [path, method] of [
			['/admin/v2/activityActions', 'GET'],
			['/admin/v1/activities', 'GET'],
			[workivaPath('getActivityActions'), 'POST'],
			[TOKEN, 'GET'],
		]) {
			const reply = await fetchReply(`${wk.url}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
			expect(reply.status).toBe(404);
			expect(reply.body).toEqual(WORKIVA_CANNED_ERRORS[404]);
		}
	});
});

describe('seed data', () => {
	it('has about a thousand activities over the 30 days before the anchor, in several workspaces, by several performers', () => {
		const all = wk.visibleActivities();
		expect(all).toHaveLength(1000);
		const anchor = Date.parse(ANCHOR);
		for (const activity of all) {
			const ms = Date.parse(activity.activityDateTime);
			expect(ms).toBeLessThan(anchor);
			expect(ms).toBeGreaterThanOrEqual(anchor - 30 * 24 * 3600 * 1000);
			expect(activity.activityDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
			expect(activity.organization).toEqual(wk.organization);
		}
		const workspaces = new Set(all.map((activity) => activity.workspace?.id ?? null));
		expect(workspaces.has(null)).toBe(true);
		expect(workspaces.size).toBe(wk.workspaces.length + 1);
		expect(new Set(all.map((activity) => activity.performer.id)).size).toBe(wk.performers.length);
		expect(all.some((activity) => activity.performer.type !== 'com.workiva.iam.principal.user')).toBe(true);
		expect(new Set(all.map((activity) => activity.outcome))).toEqual(new Set(['success', 'failure', 'pending', 'unknown']));
	});

	it('carries attachments, targets and tags, with eventId on most activities but not all', () => {
		const all = wk.visibleActivities();
		const withEventId = all.filter((activity) => eventIdOf(activity) !== undefined).length;
		expect(withEventId / all.length).toBeGreaterThan(0.85);
		expect(withEventId).toBeLessThan(all.length);
		expect(all.every((activity) => activity.tags?.some((tag) => tag.startsWith('correlationId:')))).toBe(true);
		const attached = all.filter((activity) => activity.attachments !== undefined);
		expect(attached.length).toBeGreaterThan(30);
		expect(attached.some((activity) => 'entityChanges' in (activity.attachments?.[0] ?? {}))).toBe(true);
		expect(attached.some((activity) => 'enabled' in (activity.attachments?.[0] ?? {}))).toBe(true);
		expect(all.some((activity) => activity.targets.length === 0)).toBe(true);
		expect(all.some((activity) => activity.targets.length >= 2)).toBe(true);
		for (const activity of all) {
			expect(validateSchema(componentSchema('Activity'), activity, { noExtraProperties: true })).toEqual([]);
		}
	});

	it('uses the catalogue’s actions (a deprecated one included) and has bursts sharing one activityDateTime', () => {
		const all = wk.visibleActivities();
		const catalogue = new Map(wk.actions.map((action) => [action.id, action]));
		for (const activity of all) expect(activity.action).toEqual(catalogue.get(activity.action.id));
		expect(new Set(all.map((activity) => activity.action.alias)).size).toBe(wk.actions.length);
		expect(all.some((activity) => activity.action.deprecated)).toBe(true);
		const perSecond = new Map<string, number>();
		for (const activity of all) perSecond.set(activity.activityDateTime, (perSecond.get(activity.activityDateTime) ?? 0) + 1);
		expect([...perSecond.values()].filter((n) => n >= 3).length).toBeGreaterThanOrEqual(4);
	});

	it('is deterministic per seed and anchor', async () => {
		const twin = await startWorkivaEmulator({ anchor: ANCHOR });
		const other = await startWorkivaEmulator({ anchor: ANCHOR, seed: 12 });
		try {
			expect(twin.visibleActivities()).toEqual(wk.visibleActivities());
			expect(twin.organization).toEqual(wk.organization);
			expect(ids(other.visibleActivities())).not.toEqual(ids(wk.visibleActivities()));
		} finally {
			await twin.close();
			await other.close();
		}
	});
});

describe('inserting activities', () => {
	it('inserts after the history and returns them as the API shows them, newest first', async () => {
		const at = new Date(Date.parse(ANCHOR) + 60_000).toISOString();
		const inserted = wk.insert({ count: 3, spacingMs: 1500, at });
		expect(inserted[0].activityDateTime).toBe(at.replace(/\.\d{3}Z$/, 'Z'));
		expect(inserted).toHaveLength(3);
		expect(inserted[0].activityDateTime >= inserted[2].activityDateTime).toBe(true);
		expect(ids(wk.visibleActivities().slice(0, 3))).toEqual(ids(inserted));
		const first = (await api('getOrganizationActivities', withQuery(orgPath(), { $maxpagesize: 3 }))).body as Page<WorkivaActivity>;
		expect(first.data).toEqual(inserted);
	});

	it('takes overrides, a time and a workspace, and refuses what is not a documented Activity', () => {
		const workspace = wk.workspaces[3];
		const [first, second] = wk.insert({
			at: '2026-10-31T10:00:00.750Z',
			spacingMs: 60_000,
			workspaceId: workspace.id,
			events: [
				{ action: { alias: 'user_role_delete' }, performer: { id: wk.performers[2].id }, tags: ['correlationId:x'] },
				{ outcome: 'failure', summary: 'Custom summary' },
			],
		}).reverse();
		expect(first).toMatchObject({
			action: wk.actions.find((action) => action.alias === 'user_role_delete'),
			activityDateTime: '2026-10-31T09:59:00Z',
			performer: wk.performers[2],
			tags: ['correlationId:x'],
			workspace,
		});
		expect(second).toMatchObject({ activityDateTime: '2026-10-31T10:00:00Z', outcome: 'failure', summary: 'Custom summary', workspace });
		expect(wk.visibleActivities({ workspaceId: workspace.id })).toContainEqual(first);

		expect(() => wk.insert({ events: [{ outcome: 'maybe' as never }] })).toThrow();
		expect(() => wk.insert({ events: [{ performer: { id: 'new-person' } }] })).toThrow(/missing required "type"/);
		expect(() => wk.insert({ workspaceId: 'nope' })).toThrow(/unknown workspace/);
		expect(() => wk.insert({ events: [{ id: first.id }] })).toThrow(/taken/);
		expect(() => wk.insert({ bogus: 1 } as never)).toThrow();
	});

	it('inserts through the control endpoint too, and rejects bad input with 400', async () => {
		const response = await fetch(`${wk.controlUrl}/events`, {
			method: 'POST',
			body: JSON.stringify({ count: 2, workspaceId: wk.workspaces[0].id }),
		});
		expect(response.status).toBe(201);
		const { data } = (await response.json()) as { data: WorkivaActivity[] };
		expect(data.map((activity) => activity.workspace?.id)).toEqual([wk.workspaces[0].id, wk.workspaces[0].id]);
		expect(wk.visibleActivities()).toHaveLength(1002);
		const bad = await fetch(`${wk.controlUrl}/events`, { method: 'POST', body: JSON.stringify({ count: -1 }) });
		expect(bad.status).toBe(400);
	});
});

describe('rate limit and faults (workiva.md#rate-limits, #errors)', () => {
	it('answers 429 with Retry-After once a client spent its budget, token endpoint included', async () => {
		wk.reset({ rateLimit: { perWindow: 3, windowMs: 60_000 } });
		const token = await readerToken(); // 1
		const path = withQuery(workivaPath('getActivityActions'), { $maxpagesize: 1 });
		expect((await api('getActivityActions', path, { token })).status).toBe(200); // 2
		expect((await api('getActivityActions', path, { token })).status).toBe(200); // 3
		const limited = await api('getActivityActions', path, { token, version: V2026 });
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ ...WORKIVA_CANNED_ERRORS[429], version: V2026 });
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60).toBe(true);
		expect((await tokenRequest(wk.clients.reader, 'form')).status).toBe(429);

		// Another client has its own budget.
		const other = wk.issueToken('noActivityScope');
		expect((await api('getActivityActions', path, { token: other })).status).toBe(403);
	});

	it('allows the legacy 50 requests per second by default', async () => {
		const token = wk.issueToken();
		const path = withQuery(workivaPath('getActivityActions'), { $maxpagesize: 1 });
		const statuses = await Promise.all(
			Array.from({ length: 55 }, () => fetch(`${wk.url}${path}`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status)),
		);
		expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(50);
		expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
	});

	it('injects Workiva-shaped 429 and 5xx, malformed bodies and dropped sockets', async () => {
		const token = wk.issueToken();
		const path = workivaPath('getActivityActions');
		wk.setFaults({ status429: { times: 1, retryAfterSeconds: 7 } });
		const limited = await api('getActivityActions', path, { token });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('7');
		expect(limited.body).toEqual(WORKIVA_CANNED_ERRORS[429]);

		wk.setFaults({ status5xx: { times: 1 } });
		expect((await api('getActivityActions', path, { token })).body).toEqual(WORKIVA_CANNED_ERRORS[500]);
		wk.setFaults({ status5xx: { times: 1, status: 503 } });
		const unavailable = await api('getActivityActions', path, { token, version: V2026 });
		expect(unavailable.status).toBe(503);
		expect(unavailable.body).toEqual({ ...WORKIVA_CANNED_ERRORS[503], version: V2026 });

		wk.setFaults({ malformed: { times: 1 } });
		const malformed = await fetchReply(`${wk.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
		expect(malformed.status).toBe(200);
		expect(malformed.body).toBeUndefined();

		wk.setFaults({ drop: { times: 1 } });
		await expect(fetch(`${wk.url}${path}`, { headers: { Authorization: `Bearer ${token}` } })).rejects.toThrow();

		wk.setFaults({ latencyMs: 120 });
		const started = Date.now();
		expect((await api('getActivityActions', path, { token })).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(100);
	});

	it('is driven by the control endpoints too, which are never faulted, limited or logged', async () => {
		const control = (path: string, init: RequestInit = {}) => fetch(`${wk.controlUrl}${path}`, init);
		await control('/faults', { method: 'POST', body: JSON.stringify({ status5xx: { times: 5 }, unstableIds: true }) });
		const info = (await (await control('/info')).json()) as Record<string, unknown>;
		expect(info).toMatchObject({
			provider: 'workiva',
			clientId: wk.clientId,
			tokenPath: TOKEN,
			organization: wk.organization,
			activityCount: 1000,
			switches: { unstableIds: true, offsetCursor: false, strictPathStyle: false, foreignNextLink: null },
		});
		expect((await tokenRequest(wk.clients.reader, 'basic')).status).toBe(500);
		const log = (await (await control('/requests')).json()) as { requests: Array<{ path: string }> };
		expect(log.requests.map((request) => request.path)).toEqual([TOKEN]);
		expect((await control('/faults', { method: 'POST', body: JSON.stringify({ unstableIds: 'yes' }) })).status).toBe(400);
		expect((await control('/faults', { method: 'POST', body: JSON.stringify({ foreignNextLink: 42 }) })).status).toBe(400);
		await control('/faults', { method: 'POST', body: '{}' });
		expect((await tokenRequest(wk.clients.reader, 'basic')).status).toBe(200);
		expect((await control('/reset', { method: 'POST', body: '{"bogus":1}' })).status).toBe(400);
	});
});

describe('the contract itself (workiva/openapi.json)', () => {
	it('covers the five operations and the token request, with the documented statuses', () => {
		const operations = Object.values(WORKIVA_OPENAPI.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
		expect(operations.sort()).toEqual([...Object.keys(WORKIVA_ACTIVITY_PATHS), 'tokenRequest'].sort());
		for (const operationId of Object.keys(WORKIVA_ACTIVITY_PATHS)) {
			for (const status of [400, 401, 403, 404, 409, 429, 500, 503]) {
				expect(responseSchema(operationId, status)).toEqual({ $ref: '#/components/schemas/ErrorResponse' });
			}
		}
		expect(() => responseSchema('tokenRequest', 403)).toThrow(/no 403/);
	});

	it('catches what the emulator must never send', () => {
		const good = wk.visibleActivities()[0];
		const activity = componentSchema('Activity');
		expect(validateSchema(activity, good, { noExtraProperties: true })).toEqual([]);
		const broken: Array<[unknown, RegExp]> = [
			[{ ...good, id: undefined }, /missing required "id"/],
			[{ ...good, action: null }, /\$\.action: null is not allowed/],
			[{ ...good, activityDateTime: '2026-10-01 10:00:00' }, /not a date-time/],
			[{ ...good, outcome: 'done' }, /is not one of/],
			[{ ...good, targets: [{ id: 'x' }] }, /targets\[0\]: missing required "type"/],
			[{ ...good, tags: 'eventId:x' }, /expected array/],
			[{ ...good, description: 'x' }, /undeclared property "description"/],
			[{ ...good, organization: { id: 1 } }, /organization\.id: expected string/],
		];
		for (const [value, message] of broken) expect(validateSchema(activity, value, { noExtraProperties: true }).join('\n')).toMatch(message);
		expect(validateSchema(activity, { ...good, workspace: null })).toEqual([]);
		expect(validateResponse('getOrganizationActivities', 200, { data: [good], '@nextLink': null })).toEqual([]);
		expect(validateResponse('getOrganizationActivities', 200, { '@nextLink': 'x' }).join()).toMatch(/missing required "data"/);
		expect(() => validateSchema({ type: 'string', pattern: 'x' } as never, 'x')).toThrow(/does not know the keyword "pattern"/);
	});
});
