/**
 * Make audit-log API routes (docs/api/make.md), one set per zone under the zone's path prefix
 * (`/<zone>/api/v2/...`, docs/api/make.md#sandbox). `#anchor` references below are sections of
 * that page. Behaviour the docs leave open is marked INFERRED.
 *
 * Check order on the audit-log routes (INFERRED; Make documents statuses, not their order):
 *   401 token (per zone) → 403 scope → 400 path id → 404 organization/team → 429 per-org
 *   limit → 403 role → 403 plan → 400 query → 200.
 */
import type { z } from 'zod';

import {
	cachedRows,
	type EmulatorRequest,
	type EmulatorResponse,
	type FixedWindowLimiter,
	guarded,
	type HttpHooks,
	json,
	type Route,
} from '../kit';
import {
	allOrgs,
	compareStored,
	findUser,
	type MakeOrg,
	type MakeStoredEvent,
	type MakeTeam,
	type MakeToken,
	type MakeWorld,
	toEntry,
} from './fixtures';
import {
	isMakeZone,
	MAKE_AUDIT_SCOPE,
	MAKE_EVENT_CATALOGUE,
	MAKE_ORGANIZATION_COLUMNS,
	MAKE_ORGANIZATION_DEFAULT_COLUMNS,
	MAKE_PATHS,
	MAKE_PLAN_RATE_LIMITS,
	makeAuditLogsQuerySchema,
	type MakeAuditLogsResponse,
	type MakeEventName,
	makeErrorBody,
	makeErrorDetails,
	type MakeFilterEventGroup,
	type MakeOrganization,
	type MakeOrganizationColumn,
	makeOrganizationsQuerySchema,
	type MakeSortBy,
	type MakeSortDir,
	makeSandboxZonePath,
	type MakeZone,
	readMakeQuery,
	makeEventLabel,
} from './schemas';

export interface MakeRateLimitOptions {
	/** Requests per window for an Enterprise organization (Make: 1000 a minute). */
	perWindow: number;
	/** Window length; Make's is a minute (60 000). Other plans get their own per-minute budget in the same window. */
	windowMs: number;
}

/** Everything the routes read; `reset` swaps it as a whole. */
export interface MakeState {
	world: MakeWorld;
	/** Every organization's entries, oldest first by (`triggeredAt`, `seq`). */
	events: MakeStoredEvent[];
	/** Last `seq` handed out. */
	seq: number;
	rateLimit: MakeRateLimitOptions;
	limiter: FixedWindowLimiter;
	/**
	 * docs/api/make.md#total-count: Make refuses `pg[returnTotalCount]=true` on token-authenticated calls on some endpoints.
	 * On: every list call asking for it gets 400.
	 */
	totalCountForbidden: boolean;
}

// ---------------------------------------------------------------------------------------------
// Failing: a thrown MakeFailure is the response
// ---------------------------------------------------------------------------------------------

class MakeFailure extends Error {
	constructor(readonly response: EmulatorResponse) {
		super(`HTTP ${response.status}`);
	}
}

function fail(
	status: number,
	detail: string,
	options: { headers?: Record<string, string>; suberrors?: Array<{ message: string }> } = {},
): never {
	throw new MakeFailure(json(status, makeErrorBody(status, detail, options.suberrors), options.headers));
}

// ---------------------------------------------------------------------------------------------
// Who is calling, and may they
// ---------------------------------------------------------------------------------------------

/** The zone of this request (its path prefix). */
function zoneOf(req: EmulatorRequest): MakeZone {
	const zone = req.params.zone;
	if (!isMakeZone(zone)) fail(404, makeErrorDetails.routeNotFound);
	return zone;
}

/**
 * docs/api/make.md#auth: `Token <api token>` or `Bearer <oauth token>`, each token known only in its own zone.
 * INFERRED: the scheme must fit the token (an API token sent as Bearer is refused).
 */
function authenticate(state: MakeState, req: EmulatorRequest): MakeToken {
	const zone = zoneOf(req);
	const presented = /^(Token|Bearer)\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
	const token = presented
		? Object.values(state.world.tokens).find(
				(candidate) =>
					candidate.token === presented[2] &&
					candidate.zone === zone &&
					candidate.scheme.toLowerCase() === presented[1].toLowerCase(),
			)
		: undefined;
	if (!token) fail(401, makeErrorDetails.invalidCredentials);
	return token;
}

function requireScope(token: MakeToken): void {
	if (!token.scopes.includes(MAKE_AUDIT_SCOPE)) fail(403, makeErrorDetails.missingScope(MAKE_AUDIT_SCOPE));
}

/** Organization and team ids are integers (docs/api/make.md#endpoints); anything else is a 400. */
function integerParam(req: EmulatorRequest, name: string): number {
	const value = req.params[name];
	if (!/^\d{1,15}$/.test(value)) {
		fail(400, makeErrorDetails.notInteger(name), { suberrors: [{ message: makeErrorDetails.notInteger(name) }] });
	}
	return Number(value);
}

function orgInZone(state: MakeState, zone: MakeZone, id: number): MakeOrg {
	const org = allOrgs(state.world).find((candidate) => candidate.id === id && candidate.zone === zone);
	if (!org) fail(404, makeErrorDetails.organizationNotFound);
	return org;
}

function teamInZone(state: MakeState, zone: MakeZone, id: number): { org: MakeOrg; team: MakeTeam } {
	for (const org of allOrgs(state.world)) {
		const team = org.zone === zone ? org.teams.find((candidate) => candidate.id === id) : undefined;
		if (team) return { org, team };
	}
	return fail(404, makeErrorDetails.teamNotFound);
}

/** docs/api/make.md#rate-limits: per organization, by plan; every request that reached an organization counts. */
function countRequest(state: MakeState, org: MakeOrg): void {
	const { limiter, rateLimit } = state;
	const perWindow = org.plan === 'enterprise' ? rateLimit.perWindow : MAKE_PLAN_RATE_LIMITS[org.plan];
	const decision = limiter.consume(`org:${org.id}`, perWindow, rateLimit.windowMs);
	if (!decision.allowed) {
		fail(429, makeErrorDetails.rateLimited, { headers: { 'Retry-After': String(decision.retryAfterSeconds) } });
	}
}

const isOrgAdmin = (org: MakeOrg, userId: number) => ['owner', 'admin'].includes(org.roles[userId] ?? '');

/** docs/api/make.md#auth: Owner/Admin of the organization, or (team logs) Team Admin of the team; then the plan. */
function requireAccess(org: MakeOrg, userId: number, team?: MakeTeam): void {
	const teamAdmin = team !== undefined && (org.teamAdmins[userId] ?? []).includes(team.id);
	// INFERRED: organization Owners and Admins may read every team's log too.
	if (!isOrgAdmin(org, userId) && !teamAdmin) fail(403, makeErrorDetails.accessDenied);
	if (org.plan !== 'enterprise') fail(403, makeErrorDetails.notEnterprise);
}

// ---------------------------------------------------------------------------------------------
// Selecting and ordering entries (docs/api/make.md#query-parameters, #dates, #sorting)
// ---------------------------------------------------------------------------------------------

/** Which log, which filters, which order: what the list routes and the direct calls share. */
export interface MakeEventQuery {
	/** Organization log: team ids or names (an entry without a team never matches). */
	team?: Array<string | number>;
	/** User ids or names. */
	author?: Array<string | number>;
	event?: string[];
	/** Inclusive UTC days, `YYYY-MM-DD` (a date-time counts as its UTC day). */
	dateFrom?: string;
	dateTo?: string;
	sortBy?: MakeSortBy;
	sortDir?: MakeSortDir;
}

export type MakeLogScope = { organizationId: number } | { teamId: number };

const DAY_S = 24 * 60 * 60;

const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 1000;

/** Matches a `{ id, name }` against ids or names, exactly (INFERRED: case-sensitive names). */
function matchesRef(ref: { id: number; name: string } | null, wanted: Array<string | number> | undefined): boolean {
	if (wanted === undefined) return true;
	if (ref === null) return false;
	return wanted.some((value) => String(value) === String(ref.id) || value === ref.name);
}

/** The sort key of an entry (INFERRED: `actor`, `team`, `organization` sort by name; no team sorts first ascending). */
function sortKey(event: MakeStoredEvent, sortBy: MakeSortBy): string | number {
	const { detail } = event;
	switch (sortBy) {
		case 'actor':
			return detail.actor.name;
		case 'organization':
			return detail.organization.name;
		case 'team':
			return detail.team === null ? '' : detail.team.name;
		case 'triggeredAt':
			return detail.triggeredAt;
		default:
			return detail[sortBy];
	}
}

/** Ascending by the key, ties by the internal id; `desc` is the exact reverse. */
function ordering(sortBy: MakeSortBy, sortDir: MakeSortDir) {
	const sign = sortDir === 'asc' ? 1 : -1;
	return (a: MakeStoredEvent, b: MakeStoredEvent): number => {
		const ka = sortKey(a, sortBy);
		const kb = sortKey(b, sortBy);
		const byKey = ka < kb ? -1 : ka > kb ? 1 : 0;
		return sign * (byKey || a.seq - b.seq);
	};
}

/** Every entry of the log matching the query, in API order. */
export function selectEvents(state: MakeState, scope: MakeLogScope, query: MakeEventQuery = {}): MakeStoredEvent[] {
	return cachedRows(selectionCache, state.events, JSON.stringify([scope, query]), () => filterAndSort(state, scope, query)).slice();
}

/** `selectEvents` per store array and query: a page of a large log need not sort it again. */
const selectionCache = new WeakMap<MakeStoredEvent[], Map<string, MakeStoredEvent[]>>();

function filterAndSort(state: MakeState, scope: MakeLogScope, query: MakeEventQuery): MakeStoredEvent[] {
	const from = query.dateFrom === undefined ? -Infinity : dayStart(query.dateFrom);
	const to = query.dateTo === undefined ? Infinity : dayStart(query.dateTo) + DAY_S - 1;
	const events = query.event === undefined ? undefined : new Set(query.event);
	const rows = state.events.filter(({ detail }) => {
		const inLog =
			'teamId' in scope
				? detail.team !== null && detail.team.id === scope.teamId
				: detail.organizationId === scope.organizationId;
		return (
			inLog &&
			(!('organizationId' in scope) || matchesRef(detail.team, query.team)) &&
			matchesRef(detail.actor, query.author) &&
			(events === undefined || events.has(detail.eventName)) &&
			detail.triggeredAt >= from &&
			detail.triggeredAt <= to
		);
	});
	const sortBy = query.sortBy ?? 'triggeredAt';
	const sortDir = query.sortDir ?? 'desc';
	return sortBy === 'triggeredAt' && sortDir === 'asc' ? rows : rows.sort(ordering(sortBy, sortDir));
}

/** A stored entry by organization and uuid (hyphens and case optional, INFERRED). */
export function findEvent(state: MakeState, organizationId: number, uuid: string): MakeStoredEvent | undefined {
	const wanted = uuid.replace(/-/g, '').toLowerCase();
	return state.events.find(
		({ detail }) => detail.organizationId === organizationId && detail.uuid.replace(/-/g, '') === wanted,
	);
}

/** Inserting keeps the store oldest first. */
export function addEvents(state: MakeState, events: MakeStoredEvent[]): void {
	state.events = [...state.events, ...events].sort(compareStored);
}

// ---------------------------------------------------------------------------------------------
// Query validation → 400 (docs/api/make.md#query-parameters)
// ---------------------------------------------------------------------------------------------

/** `['pg', 'limit']` → `pg[limit]`. */
const paramName = (path: Array<string | number>): string =>
	path.length === 0 ? 'query' : `${path[0]}${path.slice(1).map((part) => `[${part}]`).join('')}`;

function parseQuery<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, req: EmulatorRequest): T {
	const parsed = schema.safeParse(readMakeQuery(req.searchParams));
	if (parsed.success) return parsed.data;
	const suberrors = parsed.error.issues.map((issue) => {
		const name = paramName(issue.path);
		return { message: issue.message.startsWith(name) ? issue.message : `${name} ${issue.message}` };
	});
	return fail(400, makeErrorDetails.invalidParameters(suberrors.length), { suberrors });
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

/** `GET /audit-logs/organization/{organizationId}` and `GET /audit-logs/team/{teamId}` (docs/api/make.md#endpoints, #paging). */
function listAuditLogs(state: MakeState, req: EmulatorRequest, kind: 'organization' | 'team'): EmulatorResponse {
	const token = authenticate(state, req);
	requireScope(token);
	const zone = zoneOf(req);
	const { org, team } =
		kind === 'organization'
			? { org: orgInZone(state, zone, integerParam(req, 'organizationId')), team: undefined }
			: teamInZone(state, zone, integerParam(req, 'teamId'));
	countRequest(state, org);
	requireAccess(org, token.userId, team);

	const { pg, ...filters } = parseQuery(makeAuditLogsQuerySchema, req);
	if (pg.returnTotalCount && state.totalCountForbidden) fail(400, makeErrorDetails.totalCountForbidden);
	const scope: MakeLogScope = team ? { teamId: team.id } : { organizationId: org.id };
	// The team route has no `team` parameter (docs/api/make.md#query-parameters): ignored there.
	const rows = selectEvents(state, scope, {
		...filters,
		team: team ? undefined : filters.team,
		sortBy: pg.sortBy,
		sortDir: pg.sortDir,
	});
	const body: MakeAuditLogsResponse = {
		auditLogs: rows.slice(pg.offset, pg.offset + pg.limit).map(toEntry),
		pg: {
			sortBy: pg.sortBy,
			sortDir: pg.sortDir,
			limit: pg.limit,
			offset: pg.offset,
			...(pg.returnTotalCount && { totalCount: rows.length }),
		},
	};
	return json(200, body);
}

/** The event groups a log can contain: a team's log has no organization-level kinds (INFERRED). */
export function eventGroups(forTeam: boolean): MakeFilterEventGroup[] {
	const organizationOnly = new Set<MakeEventName>(['key_created', 'key_deleted', 'login', 'user_invited', 'user_removed', 'team_deleted']);
	return MAKE_EVENT_CATALOGUE.map((group) => ({
		header: group.header,
		items: group.events
			.filter((eventName) => !forTeam || !organizationOnly.has(eventName))
			.map((eventName) => ({ label: makeEventLabel(eventName), value: eventName })),
	})).filter((group) => group.items.length > 0);
}

const usersOf = (world: MakeWorld, ids: number[]) =>
	ids.flatMap((userId) => {
		const found = findUser(world, userId);
		return found ? [found] : [];
	});

/** `GET /audit-logs/organization/{organizationId}/filters` and the team's (docs/api/make.md#filters-catalogue). */
function getFilters(state: MakeState, req: EmulatorRequest, kind: 'organization' | 'team'): EmulatorResponse {
	const token = authenticate(state, req);
	requireScope(token);
	const zone = zoneOf(req);
	if (kind === 'team') {
		const { org, team } = teamInZone(state, zone, integerParam(req, 'teamId'));
		countRequest(state, org);
		requireAccess(org, token.userId, team);
		return json(200, { users: usersOf(state.world, team.memberIds), events: eventGroups(true) });
	}
	const org = orgInZone(state, zone, integerParam(req, 'organizationId'));
	countRequest(state, org);
	requireAccess(org, token.userId);
	return json(200, {
		users: usersOf(state.world, Object.keys(org.roles).map(Number)),
		teams: org.teams.map(({ id, name }) => ({ id, name })),
		events: eventGroups(false),
	});
}

/** `GET /audit-logs/{organizationId}/{uuid}` (docs/api/make.md#endpoints): another organization's uuid is a 404. */
function getDetail(state: MakeState, req: EmulatorRequest): EmulatorResponse {
	const token = authenticate(state, req);
	requireScope(token);
	const org = orgInZone(state, zoneOf(req), integerParam(req, 'organizationId'));
	countRequest(state, org);
	const event = findEvent(state, org.id, req.params.uuid);
	// INFERRED: a Team Admin may read the detail of an entry of their team.
	const team = event?.detail.team ? org.teams.find((candidate) => candidate.id === event.detail.team?.id) : undefined;
	requireAccess(org, token.userId, team);
	if (!event) fail(404, makeErrorDetails.auditLogNotFound);
	return json(200, event.detail);
}

function organizationView(org: MakeOrg, zone: MakeZone, column: MakeOrganizationColumn): unknown {
	const here = org.zone === zone;
	switch (column) {
		case 'license':
			return here
				? { apiLimit: MAKE_PLAN_RATE_LIMITS[org.plan], ...(org.plan === 'enterprise' && { auditLogsDays: 365 }) }
				: {};
		case 'isPaused':
			return here ? false : null;
		case 'serviceName':
			return org.plan;
		case 'teams':
			return org.teams.map(({ id, name }) => ({ id, name }));
		default:
			return org[column];
	}
}

/**
 * `GET /organizations` (docs/api/make.md#organizations): the caller's organizations in every zone, each
 * with its `zone`. INFERRED: any valid token may call it.
 */
function listOrganizations(state: MakeState, req: EmulatorRequest): EmulatorResponse {
	const token = authenticate(state, req);
	const zone = zoneOf(req);
	const { cols, pg } = parseQuery(makeOrganizationsQuerySchema, req);
	const columns: readonly MakeOrganizationColumn[] =
		cols === undefined ? MAKE_ORGANIZATION_DEFAULT_COLUMNS : cols.includes('*') ? MAKE_ORGANIZATION_COLUMNS : (cols as MakeOrganizationColumn[]);
	const sign = pg.sortDir === 'asc' ? 1 : -1;
	const mine = allOrgs(state.world)
		.filter((org) => org.roles[token.userId] !== undefined)
		.sort((a, b) => sign * (pg.sortBy === 'id' ? a.id - b.id : a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
	const organizations = mine
		.slice(pg.offset, pg.offset + pg.limit)
		.map((org) => Object.fromEntries(columns.map((column) => [column, organizationView(org, zone, column)])) as MakeOrganization);
	return json(200, { organizations, pg });
}

/** A thrown MakeFailure is the answer; anything else → Make's 500 body plus the kit's `x-sandbox-error`. */
const handled = (handle: (req: EmulatorRequest) => EmulatorResponse) =>
	guarded(
		(req) => {
			try {
				return handle(req);
			} catch (error) {
				if (error instanceof MakeFailure) return error.response;
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- sandbox code: guarded() turns it into Make's 500
				throw error;
			}
		},
		(headers) => json(500, makeErrorBody(500, makeErrorDetails.internal), headers),
	);

export function createMakeRoutes(getState: () => MakeState): Route[] {
	const zoned = (path: string) => `${makeSandboxZonePath(':zone')}${path}`;
	const get = (path: string, handle: (state: MakeState, req: EmulatorRequest) => EmulatorResponse): Route => ({
		method: 'GET',
		path: zoned(path),
		handler: handled((req) => handle(getState(), req)),
	});
	// Specific paths first: `/audit-logs/organization/1` must not be read as a detail.
	return [
		get(MAKE_PATHS.organizationFilters, (state, req) => getFilters(state, req, 'organization')),
		get(MAKE_PATHS.teamFilters, (state, req) => getFilters(state, req, 'team')),
		get(MAKE_PATHS.organizationAuditLogs, (state, req) => listAuditLogs(state, req, 'organization')),
		get(MAKE_PATHS.teamAuditLogs, (state, req) => listAuditLogs(state, req, 'team')),
		get(MAKE_PATHS.auditLogDetail, getDetail),
		get(MAKE_PATHS.organizations, listOrganizations),
	];
}

// ---------------------------------------------------------------------------------------------
// HTTP manners and fault shapes
// ---------------------------------------------------------------------------------------------

/** The log a list request pages through, or `undefined` for any other request. */
export function pagedLog(req: EmulatorRequest): MakeLogScope | undefined {
	const match = /\/audit-logs\/(organization|team)\/(\d+)$/.exec(req.path);
	if (!match) return undefined;
	return match[1] === 'team' ? { teamId: Number(match[2]) } : { organizationId: Number(match[2]) };
}

export function createMakeHooks(): HttpHooks {
	return {
		notFound: () => json(404, makeErrorBody(404, makeErrorDetails.routeNotFound)),
		methodNotAllowed: (_req, allowed) =>
			json(405, makeErrorBody(405, makeErrorDetails.methodNotAllowed), { Allow: [...new Set(allowed)].join(', ') }),
		rateLimited: (_req, retryAfterSeconds) =>
			json(429, makeErrorBody(429, makeErrorDetails.rateLimited), { 'Retry-After': String(retryAfterSeconds) }),
		serverError: (_req, status) => json(status, makeErrorBody(status, makeErrorDetails.internal)),
		// A continuation page: a list request with `pg[offset]` > 0.
		isContinuation: (req) => {
			const offset = req.searchParams.get('pg[offset]') ?? '';
			return pagedLog(req) !== undefined && /^\d+$/.test(offset) && Number(offset) > 0;
		},
	};
}
