/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * The Make emulator against docs/api/make.md, over plain HTTP. These tests pin the emulator so
 * the node tests can trust it: zone-bound tokens, scope and role 403s, PHP-style bracket arrays
 * with names that need percent-encoding, day-granular dates, seven sort keys, offset paging
 * with a capped limit, same-second bursts across page boundaries and the per-org rate limit.
 */
import {
	MAKE_DOCUMENTED_EVENTS,
	MAKE_SORT_FIELDS,
	MAKE_ZONES,
	makeAuditLogDetailSchema,
	makeAuditLogEntrySchema,
	makeAuditLogsResponseSchema,
	makeErrorBodySchema,
	makeOrganizationFiltersSchema,
	makeOrganizationsResponseSchema,
	makeTeamFiltersSchema,
	type MakeAuditLogEntry,
	type MakeAuditLogsResponse,
	type MakeErrorBody,
	type MakeSortBy,
	type MakeSortDir,
	type MakeZone,
} from './make/schemas';
import { type MakeEmulator, makeSandboxBaseUrl, startMakeEmulator } from './make';
import { ANCHOR, fetchReply, type Reply, useEmulator } from './testing';

const mk = useEmulator(startMakeEmulator, { anchor: ANCHOR });

const RATE_LIMIT_MESSAGE = 'Requests limit for organization exceeded, please try again later.';

const orgLog = (id: number | string = mk.organization.id): string => `/audit-logs/organization/${id}`;
const teamLog = (id: number | string = mk.teamAdminTeam.id): string => `/audit-logs/team/${id}`;

interface CallOptions {
	token?: string | null;
	scheme?: string;
	zone?: MakeZone;
	method?: string;
	emulator?: MakeEmulator;
}

async function call(path: string, options: CallOptions = {}): Promise<Reply> {
	const { token = mk.apiKey, scheme = 'Token', zone = 'eu1.make.com', method, emulator = mk } = options;
	const headers: Record<string, string> = token === null ? {} : { Authorization: `${scheme} ${token}` };
	return await fetchReply(`${makeSandboxBaseUrl(emulator, zone)}${path}`, { method, headers });
}

async function list(path: string, query = '', options: CallOptions = {}): Promise<MakeAuditLogsResponse> {
	const reply = await call(`${path}${query ? `?${query}` : ''}`, options);
	expect({ status: reply.status, body: reply.status === 200 ? 'ok' : reply.body }).toEqual({ status: 200, body: 'ok' });
	return makeAuditLogsResponseSchema.parse(reply.body);
}

/** Offset paging as a client does it: on while a page is full (by the limit the API applied). */
async function walk(path: string, query = '', limit = 100, options: CallOptions = {}): Promise<MakeAuditLogEntry[]> {
	const entries: MakeAuditLogEntry[] = [];
	for (let offset = 0, pages = 0; pages < 200; pages++) {
		const page = await list(path, `${query ? `${query}&` : ''}pg[offset]=${offset}&pg[limit]=${limit}`, options);
		entries.push(...page.auditLogs);
		if (page.auditLogs.length < page.pg.limit) break;
		offset += page.auditLogs.length;
	}
	return entries;
}

function errorOf(reply: Reply, status: number): MakeErrorBody {
	expect(reply.status).toBe(status);
	const body = makeErrorBodySchema.parse(reply.body);
	expect(body.code).toBe(`SC${status}`);
	return body;
}

/** The entry's properties in the order of Make's OpenAPI. */
const OPENAPI_FIELD_ORDER =
	'uuid createdAt triggeredAt organizationId organization eventName team actor targetId version'.split(' ');

const uuids = (entries: MakeAuditLogEntry[]): string[] => entries.map((entry) => entry.uuid);
const day = (entry: MakeAuditLogEntry): string => new Date(entry.triggeredAt * 1000).toISOString().slice(0, 10);

/** The sort key of each field as docs/api/make.md#sorting describes it. */
const SORT_KEYS: Record<MakeSortBy, (entry: MakeAuditLogEntry) => string | number> = {
	actor: (entry) => entry.actor.name,
	createdAt: (entry) => entry.createdAt,
	eventName: (entry) => entry.eventName,
	organization: (entry) => entry.organization.name,
	targetId: (entry) => entry.targetId,
	team: (entry) => entry.team?.name ?? '',
	triggeredAt: (entry) => entry.triggeredAt,
};

describe('zones and auth (make.md#zones, #auth)', () => {
	it('serves each zone under its own base URL, and a token works in its own zone only', async () => {
		expect(Object.keys(mk.zoneTokens).sort()).toEqual([...MAKE_ZONES].sort());
		for (const zone of MAKE_ZONES) {
			expect(mk.zonePaths[zone]).toBe(`/${zone}/api/v2`);
			for (const other of MAKE_ZONES) {
				const reply = await call('/organizations', { token: mk.zoneTokens[zone], zone: other });
				if (other === zone) expect(reply.status).toBe(200);
				else
					expect(errorOf(reply, 401)).toEqual({
						detail: 'Invalid credentials.',
						message: 'Access denied',
						code: 'SC401',
					});
			}
		}
	});

	it('reads an organization only in its own zone: elsewhere it is unknown (404)', async () => {
		const initech = mk.organizations.otherZone;
		expect(initech.zone).toBe('us1.make.com');
		const us1 = { token: mk.zoneTokens['us1.make.com'], zone: 'us1.make.com' as const };
		expect((await list(orgLog(initech.id), '', us1)).auditLogs.length).toBe(10);
		errorOf(await call(orgLog(initech.id), { token: mk.apiKey, zone: 'us1.make.com' }), 401);
		expect(errorOf(await call(orgLog(initech.id)), 404).detail).toBe('Organization not found.');
		expect(errorOf(await call(orgLog(), us1), 404).detail).toBe('Organization not found.');
		expect(errorOf(await call(teamLog(initech.teams[0].id)), 404).detail).toBe('Team not found.');
	});

	it('accepts Token for API tokens and Bearer for OAuth access tokens, and nothing else', async () => {
		const path = `${orgLog()}?pg[limit]=1`;
		expect((await call(path)).status).toBe(200);
		expect((await call(path, { scheme: 'token' })).status).toBe(200);
		expect((await call(path, { token: mk.tokens.oauth, scheme: 'Bearer' })).status).toBe(200);
		expect(mk.apiKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(mk.tokens.oauth).not.toMatch(/^[0-9a-f-]{36}$/);
		for (const options of [
			{ token: null },
			{ token: 'not-a-token' },
			{ scheme: 'Bearer' },
			{ scheme: 'Basic' },
			{ token: mk.tokens.oauth, scheme: 'Token' },
		]) {
			errorOf(await call(path, options), 401);
		}
	});

	it('answers unknown zones, routes and methods with Make-shaped 404 and 405 bodies', async () => {
		const origin = mk.url;
		for (const path of ['/eu3.make.com/api/v2/organizations', '/api/v2/organizations', '/eu1.make.com/api/v1/organizations']) {
			const reply = await fetchReply(`${origin}${path}`, { headers: { Authorization: `Token ${mk.apiKey}` } });
			expect(errorOf(reply, 404).detail).toBe('Route not found.');
		}
		const post = await call(orgLog(), { method: 'POST' });
		errorOf(post, 405);
		expect(post.headers.get('allow')).toBe('GET');
	});
});

describe('scope and roles (make.md#auth)', () => {
	it('refuses a token without organization:read on all five endpoints, but lists its organizations', async () => {
		const event = mk.visibleEvents()[0];
		for (const path of [orgLog(), `${orgLog()}/filters`, teamLog(), `${teamLog()}/filters`, `/audit-logs/${mk.organization.id}/${event.uuid}`]) {
			expect(errorOf(await call(path, { token: mk.tokens.noScope }), 403).detail).toBe(
				'The access token is missing the scope organization:read.',
			);
		}
		expect((await call('/organizations', { token: mk.tokens.noScope })).status).toBe(200);
	});

	it('answers 403 "Access denied." without the Owner/Admin or Team Admin role', async () => {
		const denied = { detail: 'Access denied.', message: 'Permission denied', code: 'SC403' };
		const event = mk.visibleEvents()[0];
		for (const path of [orgLog(), `${orgLog()}/filters`, `/audit-logs/${mk.organization.id}/${event.uuid}`, teamLog()]) {
			expect(errorOf(await call(path, { token: mk.tokens.member }), 403)).toEqual(denied);
		}
		// The Team Admin reads their team's log and filters, nothing else.
		expect(errorOf(await call(orgLog(), { token: mk.tokens.teamAdmin }), 403)).toEqual(denied);
		expect(errorOf(await call(teamLog(mk.teams[1].id), { token: mk.tokens.teamAdmin }), 403)).toEqual(denied);
		expect((await list(teamLog(), '', { token: mk.tokens.teamAdmin })).auditLogs).toHaveLength(10);
		expect((await call(`${teamLog()}/filters`, { token: mk.tokens.teamAdmin })).status).toBe(200);
		// The admin is a plain member of Globex.
		expect(errorOf(await call(orgLog(mk.organizations.memberOnly.id)), 403)).toEqual(denied);
	});

	it('answers 403 for an organization that is not on the Enterprise plan, even to its Owner', async () => {
		const hooli = mk.organizations.notEnterprise;
		expect(hooli.plan).toBe('core');
		expect(errorOf(await call(orgLog(hooli.id)), 403).detail).toBe(
			'Audit logs are available only for organizations on the Enterprise plan.',
		);
	});

	it('checks token, scope, path id, existence, role, then the query', async () => {
		const bad = '?pg[limit]=0';
		errorOf(await call(`${orgLog('abc')}${bad}`, { token: 'nope' }), 401);
		errorOf(await call(`${orgLog('abc')}${bad}`, { token: mk.tokens.noScope }), 403);
		expect(errorOf(await call(`${orgLog('abc')}${bad}`), 400).detail).toBe('Parameter organizationId must be an integer.');
		errorOf(await call(`${orgLog(999999)}${bad}`), 404);
		expect(errorOf(await call(`${orgLog()}${bad}`, { token: mk.tokens.member }), 403).detail).toBe('Access denied.');
		expect(errorOf(await call(`${orgLog()}${bad}`), 400).suberrors).toEqual([
			{ message: 'pg[limit] must be an integer >= 1' },
		]);
		expect(errorOf(await call(`${teamLog('1.5')}`), 400).detail).toBe('Parameter teamId must be an integer.');
		expect(errorOf(await call(`/audit-logs/-3/${mk.visibleEvents()[0].uuid}`), 400).code).toBe('SC400');
	});
});

describe('endpoints (make.md#endpoints, #responses)', () => {
	it('lists the organization log newest first, ten by default, echoing pg', async () => {
		const page = await list(orgLog());
		expect(page.pg).toEqual({ sortBy: 'triggeredAt', sortDir: 'desc', limit: 10, offset: 0 });
		expect(page.auditLogs).toEqual(mk.visibleEvents().slice(0, 10));
		const all = mk.visibleEvents();
		expect(all).toHaveLength(1000);
		for (let i = 1; i < all.length; i++) expect(all[i - 1].triggeredAt).toBeGreaterThanOrEqual(all[i].triggeredAt);
		expect(all[0].triggeredAt * 1000).toBeLessThan(Date.parse(ANCHOR));
		expect(Date.parse(ANCHOR) / 1000 - all[all.length - 1].triggeredAt).toBeLessThanOrEqual(30 * 24 * 3600);
	});

	it('sends entries exactly as the schema says: epoch-second triggeredAt, team or null, version or null', () => {
		const all = mk.visibleEvents();
		for (const entry of all) {
			expect(makeAuditLogEntrySchema.parse(entry)).toEqual(entry);
			expect(Object.keys(entry)).toEqual(OPENAPI_FIELD_ORDER);
			expect(entry.organization).toEqual({ id: mk.organization.id, name: 'Acme Robotics' });
			// Stored at most five seconds after it happened.
			const lag = Date.parse(entry.createdAt) - entry.triggeredAt * 1000;
			expect(lag >= 0 && lag < 5000).toBe(true);
		}
		expect(all.some((entry) => entry.team === null)).toBe(true);
		expect(all.some((entry) => entry.version !== null)).toBe(true);
		expect(new Set(uuids(all)).size).toBe(all.length);
		const names = new Set(all.map((entry) => entry.eventName));
		for (const documented of MAKE_DOCUMENTED_EVENTS) expect(names.has(documented)).toBe(true);
		expect(names.size).toBeGreaterThanOrEqual(15);
	});

	it('lists a team log with the team entries only, and ignores a team parameter there', async () => {
		const team = mk.teamAdminTeam;
		expect(team.name).toBe('R&D Team');
		const entries = await walk(teamLog(), '', 100, { token: mk.tokens.teamAdmin });
		expect(entries).toEqual(mk.teamEvents(team.id));
		expect(entries.length).toBeGreaterThan(100);
		expect(entries.every((entry) => entry.team?.id === team.id)).toBe(true);
		const ignored = await list(teamLog(), `team=${mk.teams[1].id}`);
		expect(ignored.auditLogs).toEqual(entries.slice(0, 10));
	});

	it('returns the filter catalogue: users, teams and grouped events; a team catalogue has no teams', async () => {
		const orgReply = await call(`${orgLog()}/filters`);
		const filters = makeOrganizationFiltersSchema.parse(orgReply.body);
		expect(filters.teams).toEqual(mk.teams.map(({ id, name }) => ({ id, name })));
		expect(filters.users.map((user) => user.name)).toEqual(expect.arrayContaining(['Build & Release Bot', 'Quinn = QA [EU] #1']));
		expect(filters.events.map((group) => group.header)).toEqual(['Keys', 'Connections', 'Webhooks', 'Users', 'Teams', 'Scenarios']);
		expect(filters.events[0].items[0]).toEqual({ label: 'Key created', value: 'key_created' });
		const values = new Set(filters.events.flatMap((group) => group.items.map((item) => item.value)));
		for (const entry of mk.visibleEvents()) expect(values.has(entry.eventName)).toBe(true);

		const teamReply = await call(`${teamLog()}/filters`, { token: mk.tokens.teamAdmin });
		expect(Object.keys(teamReply.body as object).sort()).toEqual(['events', 'users']);
		const teamFilters = makeTeamFiltersSchema.parse(teamReply.body);
		expect(teamFilters.users.map((user) => user.id).sort()).toEqual([...mk.teamAdminTeam.memberIds].sort());
		const teamValues = teamFilters.events.flatMap((group) => group.items.map((item) => item.value));
		expect(teamValues).not.toContain('key_created');
		for (const entry of mk.teamEvents(mk.teamAdminTeam.id)) expect(teamValues).toContain(entry.eventName);
	});

	it('returns a detail by organization and uuid: the bare entry plus details', async () => {
		const all = mk.visibleEvents();
		const roleChange = all.find((entry) => entry.eventName === 'user_role_changed');
		const key = all.find((entry) => entry.eventName === 'key_created');
		if (!roleChange || !key) throw new Error('seed lacks a role change or a key');
		const detailOf = async (entry: MakeAuditLogEntry, uuid = entry.uuid) => {
			const reply = await call(`/audit-logs/${mk.organization.id}/${uuid}`);
			expect(reply.status).toBe(200);
			return makeAuditLogDetailSchema.parse(reply.body);
		};
		const role = await detailOf(roleChange);
		const { details, ...entry } = role;
		expect(entry).toEqual(roleChange);
		expect(details).toEqual({ role: { from: expect.any(String), to: expect.any(String) }, ...(roleChange.team && { userEmail: expect.any(String) }) });
		expect((await detailOf(key)).details).toEqual({ keyName: expect.any(String), scopes: expect.arrayContaining(['organization:read']) });
		// INFERRED: hyphens and case do not matter.
		expect((await detailOf(key, key.uuid.replace(/-/g, '').toUpperCase())).uuid).toBe(key.uuid);

		const foreign = mk.organizationEvents(mk.organizations.memberOnly.id)[0];
		expect(errorOf(await call(`/audit-logs/${mk.organization.id}/${foreign.uuid}`), 404).detail).toBe('Audit log not found.');
		errorOf(await call(`/audit-logs/${mk.organization.id}/c37c7292-35cd-4dc4-9113-21b23beaea7d`), 404);
		// The Team Admin may read an entry of their team, not another's.
		const own = mk.teamEvents(mk.teamAdminTeam.id)[0];
		const other = mk.teamEvents(mk.teams[2].id)[0];
		expect((await call(`/audit-logs/${mk.organization.id}/${own.uuid}`, { token: mk.tokens.teamAdmin })).status).toBe(200);
		errorOf(await call(`/audit-logs/${mk.organization.id}/${other.uuid}`, { token: mk.tokens.teamAdmin }), 403);
	});

	it('lists the caller’s organizations in every zone, with cols[] and pg', async () => {
		const plain = makeOrganizationsResponseSchema.parse((await call('/organizations')).body);
		expect(plain.organizations).toEqual([
			{ id: 1742, name: 'Acme Robotics', zone: 'eu1.make.com', timezoneId: 113 },
			{ id: 2203, name: 'Globex Partners', zone: 'eu1.make.com', timezoneId: 113 },
			{ id: 1888, name: 'Hooli Starter', zone: 'eu1.make.com', timezoneId: 113 },
			{ id: 3107, name: 'Initech US', zone: 'us1.make.com', timezoneId: 19 },
		]);
		expect(plain.pg).toMatchObject({ sortBy: 'name', sortDir: 'asc', offset: 0 });

		const query = 'cols[]=id&cols[]=license&cols[]=isPaused';
		const eu1 = makeOrganizationsResponseSchema.parse((await call(`/organizations?${query}`)).body);
		const us1 = makeOrganizationsResponseSchema.parse(
			(await call(`/organizations?${query}`, { token: mk.zoneTokens['us1.make.com'], zone: 'us1.make.com' })).body,
		);
		const byId = (response: typeof eu1, id: number) => response.organizations.find((org) => org.id === id);
		expect(byId(eu1, 1742)).toEqual({ id: 1742, license: { apiLimit: 1000, auditLogsDays: 365 }, isPaused: false });
		expect(byId(eu1, 3107)).toEqual({ id: 3107, license: {}, isPaused: null });
		expect(byId(us1, 3107)).toEqual({ id: 3107, license: { apiLimit: 1000, auditLogsDays: 365 }, isPaused: false });
		expect(byId(us1, 1742)).toEqual({ id: 1742, license: {}, isPaused: null });

		const paged = makeOrganizationsResponseSchema.parse((await call('/organizations?cols[]=id&pg[sortBy]=id&pg[offset]=1&pg[limit]=2')).body);
		expect(paged.organizations).toEqual([{ id: 1888 }, { id: 2203 }]);
		expect(paged.pg).toEqual({ sortBy: 'id', sortDir: 'asc', offset: 1, limit: 2 });
		const member = makeOrganizationsResponseSchema.parse((await call('/organizations?cols[]=name', { token: mk.tokens.member })).body);
		expect(member.organizations).toEqual([{ name: 'Acme Robotics' }]);
		expect(errorOf(await call('/organizations?cols[]=secret'), 400).suberrors).toHaveLength(1);
	});
});

describe('query parameters (make.md#query-parameters)', () => {
	it('reads event as a scalar, as event[]= and as event[0]=, percent-encoded keys included', async () => {
		const expected = mk.visibleEvents({ event: ['login'] });
		expect(expected.length).toBeGreaterThan(50);
		for (const query of ['event=login', 'event[]=login', 'event[0]=login', 'event%5B%5D=login', 'event%5B0%5D=login']) {
			const page = await list(orgLog(), `${query}&pg[limit]=100`);
			expect(page.auditLogs).toEqual(expected.slice(0, 100));
		}
		const two = mk.visibleEvents({ event: ['key_created', 'connection_created'] });
		expect(new Set(two.map((entry) => entry.eventName))).toEqual(new Set(['key_created', 'connection_created']));
		for (const query of [
			'event[0]=key_created&event[1]=connection_created',
			'event[]=key_created&event[]=connection_created',
			'event=key_created&event=connection_created',
		]) {
			expect(await walk(orgLog(), query)).toEqual(two);
		}
		expect((await list(orgLog(), 'event[]=no_such_event')).auditLogs).toEqual([]);
	});

	it.each([
		['R&D Team', 60101],
		['Ops [EU] #1', 60102],
		['Équipe Zürich', 60103],
		['Sales + Marketing (100%)', 60104],
	])('filters by team %s by id or by percent-encoded name, in either bracket style', async (name, id) => {
		const expected = mk.organizationEvents(undefined, { team: [id] });
		expect(expected.length).toBeGreaterThan(20);
		expect(expected.every((entry) => entry.team?.id === id && entry.team.name === name)).toBe(true);
		const encoded = encodeURIComponent(name);
		const form = new URLSearchParams([['team[]', name]]).toString();
		for (const query of [`team=${id}`, `team[]=${id}`, `team[0]=${encoded}`, `team[]=${encoded}`, `team=${encoded}`, form]) {
			expect(await walk(orgLog(), query)).toEqual(expected);
		}
		// Sent raw, the name breaks the query (`&` splits it, `#` ends the URL, `+` is a space, `%` an escape).
		if (/[&#+%]/.test(name)) expect((await list(orgLog(), `team[]=${name}`)).auditLogs).toEqual([]);
	});

	it('takes several teams, mixing ids and names, and never matches entries without a team', async () => {
		const [rd, ops] = mk.teams;
		const both = await walk(orgLog(), `team[]=${rd.id}&team[]=${encodeURIComponent(ops.name)}`);
		expect(both).toEqual(mk.organizationEvents(undefined, { team: [rd.id, ops.id] }));
		expect(new Set(both.map((entry) => entry.team?.id))).toEqual(new Set([rd.id, ops.id]));
		expect((await list(orgLog(), 'team=99999')).auditLogs).toEqual([]);
	});

	it.each([
		['bot', 'Build & Release Bot'],
		['quinn', 'Quinn = QA [EU] #1'],
		['zoe', 'Zoë Ångström'],
	] as const)('filters by author (%s) by id or by percent-encoded name', async (who, name) => {
		const person = mk.people[who];
		expect(person.name).toBe(name);
		const expected = mk.visibleEvents({ author: [person.id] });
		expect(expected.length).toBeGreaterThan(20);
		expect(expected.every((entry) => entry.actor.id === person.id)).toBe(true);
		for (const query of [
			`author=${person.id}`,
			`author[0]=${person.id}`,
			`author[]=${encodeURIComponent(name)}`,
			new URLSearchParams([['author[0]', name]]).toString(),
		]) {
			expect(await walk(orgLog(), query)).toEqual(expected);
		}
		// On a team log too.
		const team = await walk(teamLog(), `author[]=${encodeURIComponent(name)}`);
		expect(team).toEqual(mk.teamEvents(mk.teamAdminTeam.id, { author: [name] }));
	});

	it('ANDs the filters together', async () => {
		const { quinn } = mk.people;
		const query = `team[]=${encodeURIComponent('Ops [EU] #1')}&author[]=${quinn.id}&event[]=scenario_updated&event[]=login`;
		const entries = await walk(orgLog(), query);
		expect(entries.length).toBeGreaterThan(0);
		expect(entries.every((e) => e.team?.id === 60102 && e.actor.id === quinn.id && e.eventName === 'scenario_updated')).toBe(true);
		expect(entries).toEqual(
			mk.visibleEvents({ team: [60102], author: [quinn.id], event: ['scenario_updated', 'login'] }),
		);
	});
});

describe('dates (make.md#dates)', () => {
	it('takes whole UTC days, both ends inclusive; the time of a date-time is ignored', async () => {
		const expected = mk.visibleEvents().filter((entry) => day(entry) === '2026-10-05');
		expect(expected.length).toBeGreaterThan(10);
		for (const value of ['2026-10-05', '2026-10-05T13:00:00Z', '2026-10-05T13:00:00.000Z', encodeURIComponent('2026-10-05T23:59:00+00:00')]) {
			expect(await walk(orgLog(), `dateFrom=${value}&dateTo=${value}`)).toEqual(expected);
		}
		// Events from before 13:00 come back for dateFrom=…T13:00:00Z: the node must cut exact times itself.
		const hours = expected.map((entry) => new Date(entry.triggeredAt * 1000).getUTCHours());
		expect(Math.min(...hours)).toBeLessThan(13);
		expect(Math.max(...hours)).toBeGreaterThanOrEqual(13);
		// The UTC date of a date-time with an offset.
		const shifted = await walk(orgLog(), `dateFrom=${encodeURIComponent('2026-10-05T23:30:00-02:00')}&dateTo=2026-10-06`);
		expect(shifted).toEqual(mk.visibleEvents().filter((entry) => day(entry) === '2026-10-06'));
	});

	it('filters a range of days, and an inverted range is empty, not an error', async () => {
		const range = await walk(orgLog(), 'dateFrom=2026-10-05&dateTo=2026-10-07&pg[sortDir]=asc');
		expect(new Set(range.map(day))).toEqual(new Set(['2026-10-05', '2026-10-06', '2026-10-07']));
		expect(range).toEqual(mk.visibleEvents({ dateFrom: '2026-10-05', dateTo: '2026-10-07', sortDir: 'asc' }));
		expect(await walk(orgLog(), 'dateFrom=2026-10-30')).toEqual(mk.visibleEvents().filter((entry) => day(entry) >= '2026-10-30'));
		expect((await list(orgLog(), 'dateFrom=2026-10-07&dateTo=2026-10-05')).auditLogs).toEqual([]);
	});

	it.each(['dateFrom=2026-13-01', 'dateFrom=2026-02-30', 'dateTo=yesterday', 'dateTo=1793490102', 'dateFrom=', 'dateFrom[]=2026-10-01&dateFrom[]=2026-10-02'])(
		'%s → 400',
		async (query) => {
			const body = errorOf(await call(`${orgLog()}?${query}`), 400);
			expect(body.suberrors?.[0].message).toMatch(/^date(From|To) /);
		},
	);
});

describe('sorting (make.md#sorting)', () => {
	it.each(MAKE_SORT_FIELDS.flatMap((field) => (['asc', 'desc'] as const).map((dir) => [field, dir] as const)))(
		'sorts by %s %s, ties by a stable internal id',
		async (sortBy: MakeSortBy, sortDir: MakeSortDir) => {
			const entries = await walk(orgLog(), `pg[sortBy]=${sortBy}&pg[sortDir]=${sortDir}`);
			expect(entries).toHaveLength(1000);
			expect(entries).toEqual(mk.organizationEvents(undefined, { sortBy, sortDir }));
			const key = SORT_KEYS[sortBy];
			for (let i = 1; i < entries.length; i++) {
				const [a, b] = [key(entries[i - 1]), key(entries[i])];
				expect(sortDir === 'asc' ? a <= b : a >= b).toBe(true);
			}
			const reverse = mk.organizationEvents(undefined, { sortBy, sortDir: sortDir === 'asc' ? 'desc' : 'asc' });
			expect(reverse).toEqual([...entries].reverse());
		},
	);

	it('defaults to triggeredAt desc (also when only sortBy is given) and puts entries without a team first ascending', async () => {
		const onlyBy = await list(orgLog(), 'pg[sortBy]=eventName');
		expect(onlyBy.pg.sortDir).toBe('desc');
		const byTeam = mk.visibleEvents({ sortBy: 'team', sortDir: 'asc' });
		expect(byTeam[0].team).toBeNull();
		// Every entry shares the organization: that order is the internal id's, i.e. oldest first.
		expect(mk.visibleEvents({ sortBy: 'organization', sortDir: 'asc' })).toEqual(mk.visibleEvents({ sortDir: 'asc' }));
	});

	it.each(['pg[sortBy]=uuid', 'pg[sortBy]=TriggeredAt', 'pg[sortDir]=DESC', 'pg[sortDir]=up', 'pg[sortBy][]=actor'])('%s → 400', async (query) => {
		errorOf(await call(`${orgLog()}?${query}`), 400);
	});
});

describe('paging (make.md#paging, #page-size)', () => {
	it('pages by offset and limit; a limit above 100 is capped and pg.limit says so', async () => {
		const all = mk.visibleEvents();
		const capped = await list(orgLog(), 'pg[limit]=500');
		expect(capped.pg.limit).toBe(100);
		expect(capped.auditLogs).toEqual(all.slice(0, 100));
		const tail = await list(orgLog(), 'pg%5Boffset%5D=950&pg%5Blimit%5D=100');
		expect(tail.pg).toEqual({ sortBy: 'triggeredAt', sortDir: 'desc', limit: 100, offset: 950 });
		expect(tail.auditLogs).toEqual(all.slice(950));
		expect((await list(orgLog(), 'pg[offset]=5000')).auditLogs).toEqual([]);
		const odd = await walk(orgLog(), '', 37);
		expect(odd).toEqual(all);
		expect(new Set(uuids(odd)).size).toBe(1000);
	});

	it.each(['pg[limit]=0', 'pg[limit]=-1', 'pg[limit]=abc', 'pg[limit]=2.5', 'pg[limit]=', 'pg[limit]=5&pg[limit]=6', 'pg[offset]=-1', 'pg[offset]=x', 'pg=5'])(
		'%s → 400',
		async (query) => {
			errorOf(await call(`${orgLog()}?${query}`), 400);
		},
	);

	it('places same-second bursts across the default page boundaries', async () => {
		const all = mk.visibleEvents();
		for (const [limit, boundaries] of [
			[10, [10, 20, 50, 100, 200, 300]],
			[100, [100, 200, 300]],
		] as const) {
			for (const boundary of boundaries) {
				const before = await list(orgLog(), `pg[offset]=${boundary - limit}&pg[limit]=${limit}`);
				const after = await list(orgLog(), `pg[offset]=${boundary}&pg[limit]=${limit}`);
				expect(before.auditLogs[limit - 1].triggeredAt).toBe(after.auditLogs[0].triggeredAt);
				expect(before.auditLogs[limit - 1].uuid).not.toBe(after.auditLogs[0].uuid);
			}
		}
		const asc = mk.visibleEvents({ sortDir: 'asc' });
		for (const boundary of [10, 100]) expect(asc[boundary - 1].triggeredAt).toBe(asc[boundary].triggeredAt);
		let shared = 0;
		for (let i = 1; i < all.length; i++) if (all[i - 1].triggeredAt === all[i].triggeredAt) shared++;
		expect(shared).toBeGreaterThanOrEqual(20);
	});
});

describe('total count (make.md#total-count)', () => {
	it('adds pg.totalCount only when asked', async () => {
		const asked = await list(orgLog(), 'event[]=login&pg[returnTotalCount]=true&pg[limit]=5');
		expect(asked.pg.totalCount).toBe(mk.visibleEvents({ event: ['login'] }).length);
		expect(asked.auditLogs).toHaveLength(5);
		for (const query of ['', 'pg[returnTotalCount]=false']) {
			expect('totalCount' in (await list(orgLog(), query)).pg).toBe(false);
		}
		errorOf(await call(`${orgLog()}?pg[returnTotalCount]=maybe`), 400);
	});

	it('refuses pg[returnTotalCount]=true with 400 while the totalCountForbidden switch is on', async () => {
		mk.setFaults({ totalCountForbidden: true });
		expect(errorOf(await call(`${orgLog()}?pg[returnTotalCount]=true`), 400).detail).toBe(
			'Parameter pg[returnTotalCount] is available only for session-authenticated requests.',
		);
		errorOf(await call(`${teamLog()}?pg[returnTotalCount]=1`), 400);
		expect((await call(`${orgLog()}?pg[returnTotalCount]=false`)).status).toBe(200);
		expect((await call(orgLog())).status).toBe(200);
		mk.setFaults({});
		expect((await list(orgLog(), 'pg[returnTotalCount]=true')).pg.totalCount).toBe(1000);
		// Also as a start/reset option, through the control endpoint.
		await fetch(`${mk.controlUrl}/reset`, { method: 'POST', body: JSON.stringify({ totalCountForbidden: true }) });
		errorOf(await call(`${orgLog()}?pg[returnTotalCount]=true`), 400);
	});
});

describe('rate limit (make.md#rate-limits)', () => {
	it('answers 429 with Retry-After once an organization spent its minute, whoever calls', async () => {
		mk.reset({ rateLimit: { perWindow: 3, windowMs: 60_000 } });
		expect((await call(orgLog())).status).toBe(200);
		expect((await call(orgLog(), { token: mk.tokens.member })).status).toBe(403);
		expect((await call(`${orgLog()}/filters`)).status).toBe(200);
		// 401s and unknown organizations are not counted against it.
		errorOf(await call(orgLog(), { token: 'nope' }), 401);
		errorOf(await call(orgLog(4242)), 404);
		const throttled = await call(orgLog());
		expect(errorOf(throttled, 429)).toEqual({ detail: RATE_LIMIT_MESSAGE, message: RATE_LIMIT_MESSAGE, code: 'SC429' });
		const retryAfter = Number(throttled.headers.get('retry-after'));
		expect(retryAfter >= 59 && retryAfter <= 60).toBe(true);
		errorOf(await call(teamLog(), { token: mk.tokens.teamAdmin }), 429);
		// Another organization has its own budget.
		const us1 = { token: mk.zoneTokens['us1.make.com'], zone: 'us1.make.com' as const };
		expect((await call(orgLog(mk.organizations.otherZone.id), us1)).status).toBe(200);
	});

	it('gives the budget back when the window ends, and lower plans their own per-minute limit', async () => {
		mk.reset({ rateLimit: { perWindow: 1, windowMs: 300 } });
		expect((await call(orgLog())).status).toBe(200);
		errorOf(await call(orgLog()), 429);
		await new Promise((resolve) => setTimeout(resolve, 350));
		expect((await call(orgLog())).status).toBe(200);

		// Core plan: 60 a minute (each answer is the plan's 403 until the limit's 429).
		const hooli = orgLog(mk.organizations.notEnterprise.id);
		for (let i = 0; i < 60; i++) expect((await call(hooli)).status).toBe(403);
		errorOf(await call(hooli), 429);
	});
});

describe('inserting entries', () => {
	it('inserts "now" and returns the entries as the list shows them, newest first', async () => {
		const inserted = mk.insert({ count: 3 });
		expect(inserted).toHaveLength(3);
		expect(Math.abs(Date.now() / 1000 - inserted[0].triggeredAt)).toBeLessThan(5);
		expect(inserted[0].triggeredAt - inserted[2].triggeredAt).toBe(2);
		const page = await list(orgLog(), 'pg[limit]=3&pg[returnTotalCount]=true');
		expect(page.auditLogs).toEqual(inserted);
		expect(page.pg.totalCount).toBe(1003);
		const burst = mk.insert({ count: 4, spacingSeconds: 0, at: '2026-10-31T23:59:59.000Z' });
		expect(new Set(burst.map((entry) => entry.triggeredAt))).toEqual(new Set([Date.parse('2026-10-31T23:59:59Z') / 1000]));
		// Same second: the later insert first, newest first.
		expect((await list(orgLog(), 'dateFrom=2026-10-31&dateTo=2026-10-31&pg[limit]=4')).auditLogs).toEqual(burst);
	});

	it('takes overrides and a team or organization target', async () => {
		const { quinn } = mk.people;
		const [entry] = mk.insert({
			teamId: 60102,
			events: [{ eventName: 'webhook_disabled', actorId: quinn.id, details: { webhookName: 'Stripe events', reason: 'too many errors' } }],
		});
		expect(entry).toMatchObject({ eventName: 'webhook_disabled', team: { id: 60102, name: 'Ops [EU] #1' }, actor: quinn, organizationId: 1742 });
		const detail = makeAuditLogDetailSchema.parse((await call(`/audit-logs/1742/${entry.uuid}`)).body);
		expect(detail.details).toEqual({ webhookName: 'Stripe events', reason: 'too many errors' });
		expect(mk.teamEvents(60102)[0]).toEqual(entry);

		const teamOnly = mk.insert({ teamId: 60101, count: 20 });
		expect(teamOnly.every((e) => e.team?.id === 60101)).toBe(true);

		const [us] = mk.insert({ organizationId: mk.organizations.otherZone.id });
		const us1 = { token: mk.zoneTokens['us1.make.com'], zone: 'us1.make.com' as const };
		expect((await list(orgLog(3107), 'pg[limit]=1', us1)).auditLogs).toEqual([us]);
		expect(mk.visibleEvents().map((e) => e.uuid)).not.toContain(us.uuid);

		for (const bad of [
			{ events: [{ actorId: 1 }] },
			{ events: [{ triggeredAt: Date.now() }] },
			{ events: [{ organization: { id: 1, name: 'x' } }] },
			{ teamId: 60301, organizationId: 1742 },
			{ organizationId: 5 },
		]) {
			expect(() => mk.insert(bad as never)).toThrow();
		}
	});

	it('inserts through the control endpoint too, and rejects bad input with 400', async () => {
		const response = await fetch(`${mk.controlUrl}/events`, {
			method: 'POST',
			body: JSON.stringify({ count: 2, spacingSeconds: 10, events: [{ eventName: 'key_created' }, { team: null }] }),
		});
		expect(response.status).toBe(201);
		const { data } = (await response.json()) as { data: unknown[] };
		const entries = data.map((item) => makeAuditLogEntrySchema.parse(item));
		expect(entries[1].eventName).toBe('key_created');
		expect(entries[0].team).toBeNull();
		expect(entries[0].triggeredAt - entries[1].triggeredAt).toBe(10);
		expect((await list(orgLog(), 'pg[limit]=2')).auditLogs).toEqual(entries);
		const bad = await fetch(`${mk.controlUrl}/events`, { method: 'POST', body: JSON.stringify({ events: [{ version: 'v2' }] }) });
		expect(bad.status).toBe(400);
		const info = (await (await fetch(`${mk.controlUrl}/info`)).json()) as Record<string, unknown>;
		expect(info).toMatchObject({
			provider: 'make',
			apiKey: mk.apiKey,
			zonePaths: { 'us1.make.com': '/us1.make.com/api/v2' },
			organizations: { main: { id: 1742, zone: 'eu1.make.com', plan: 'enterprise' } },
			eventCounts: { main: 1002 },
		});
	});

	it('is deterministic per seed and anchor', () => {
		const before = mk.visibleEvents();
		mk.reset({ seed: 12 });
		expect(mk.visibleEvents()).not.toEqual(before);
		mk.reset({ seed: 11 });
		expect(mk.visibleEvents()).toEqual(before);
	});
});

describe('faults', () => {
	it('injects Make-shaped 429 and 5xx, malformed bodies and dropped sockets', async () => {
		mk.setFaults({ status429: { times: 1, retryAfterSeconds: 7 }, status5xx: { times: 1, status: 503 } });
		const throttled = await call(orgLog());
		expect(errorOf(throttled, 429).message).toBe(RATE_LIMIT_MESSAGE);
		expect(throttled.headers.get('retry-after')).toBe('7');
		const failed = await call(orgLog());
		expect(failed.status).toBe(503);
		expect(failed.body).toEqual({ detail: 'Something went wrong. Please try again later.', message: 'Internal Server Error', code: 'SC503' });
		expect((await call(orgLog())).status).toBe(200);

		mk.setFaults({ malformed: { times: 1 } });
		const malformed = await call(orgLog());
		expect(malformed.status).toBe(200);
		expect(malformed.body).toBeUndefined();

		mk.setFaults({ drop: { times: 1 } });
		await expect(fetch(`${makeSandboxBaseUrl(mk)}${orgLog()}`, { headers: { Authorization: `Token ${mk.apiKey}` } })).rejects.toThrow();
		expect((await call(orgLog())).status).toBe(200);
	});

	it('inserts on a continuation page of the log being paged: newest-first offsets then repeat entries', async () => {
		const before = mk.visibleEvents();
		mk.setFaults({ insertDuringPaging: { count: 3, times: 1 } });
		const seen = await walk(orgLog());
		const after = mk.visibleEvents();
		expect(after).toHaveLength(1003);
		expect(seen).toHaveLength(1003);
		expect(seen.slice(100, 103)).toEqual(before.slice(97, 100));
		for (const entry of after.slice(0, 3)) expect(uuids(seen)).not.toContain(entry.uuid);
		expect(mk.requests().filter((request) => request.fault === 'insertDuringPaging')).toHaveLength(1);

		// A team log gets the insert in that team; oldest first, the inserts are read at the end.
		mk.reset();
		mk.setFaults({ insertDuringPaging: { count: 2, times: 1 } });
		const team = await walk(teamLog(), 'pg[sortDir]=asc');
		expect(team).toEqual(mk.teamEvents(mk.teamAdminTeam.id, { sortDir: 'asc' }));
		expect(mk.visibleEvents()).toHaveLength(1002);
		expect(team.slice(-2).every((entry) => entry.team?.id === mk.teamAdminTeam.id)).toBe(true);
	});

	it('never faults, counts or logs the control endpoints; filters and details are no continuation', async () => {
		mk.setFaults({ insertDuringPaging: { count: 1 } });
		await call(`${orgLog()}/filters?pg[offset]=10`);
		await call(`/organizations?pg[offset]=1`);
		expect(mk.visibleEvents()).toHaveLength(1000);
		mk.setFaults({ status5xx: { times: 5 } });
		expect((await fetch(`${mk.controlUrl}/info`)).status).toBe(200);
		expect(mk.requests()).toHaveLength(2);
		expect(mk.requests()[0].headers.authorization).toBe(`Token ${mk.apiKey}`);
	});
});
