/**
 * Sim v1 audit-log API routes, in the order the server runs its checks (docs/api/sim.md#check-order).
 * `#anchor` references below are sections of docs/api/sim.md.
 */
import {
	decodeSimCursor,
	encodeSimCursor,
	parseResourceTypes,
	parseSimDate,
	SIM_AUDIT_LOGS_PATH,
	simErrorMessages,
	simListQuerySchema,
	type SimListQuery,
	type SimUserLimits,
} from './schemas';
import {
	type EmulatorRequest,
	type EmulatorResponse,
	guarded,
	json,
	type HttpHooks,
	randomHex,
	type Route,
} from '../kit';
import {
	type SimMember,
	type SimOrg,
	type SimPlan,
	type SimStoredEvent,
	type SimWorld,
	toEntry,
} from './fixtures';

export interface SimRateLimitOptions {
	/** Tokens added per window (enterprise: 500). Capacity is twice this (docs/api/sim.md#rate-limits-and-headers). */
	refillPerWindow: number;
	/** Refill window (Sim: `RATE_LIMIT_WINDOW_MS`, 60 000). */
	windowMs: number;
}

/** Everything the routes read; `reset` swaps it as a whole. */
export interface SimState {
	world: SimWorld;
	/** All stored rows (both orgs), newest first by microsecond. */
	events: SimStoredEvent[];
	/** docs/api/sim.md#precision-quirk: compare stored µs against ms cursors and dates, as the real server does. */
	precisionQuirk: boolean;
	rateLimit: SimRateLimitOptions;
	limiter: TokenBucketLimiter;
	/** `limits.usage.currentPeriodCost` of the enterprise org. */
	usageCost: number;
}

// ---------------------------------------------------------------------------------------------
// Rate limiting (docs/api/sim.md#rate-limits-and-headers): token bucket `api-endpoint`, per org on team/enterprise plans,
// per user otherwise; capacity = 2 × refill; refill happens in whole windows.
// ---------------------------------------------------------------------------------------------

interface BucketConfig {
	key: string;
	refillPerWindow: number;
	windowMs: number;
}

export interface RateLimitDecision {
	allowed: boolean;
	capacity: number;
	remaining: number;
	resetAt: Date;
	retryAfterMs: number;
}

export class TokenBucketLimiter {
	private readonly buckets = new Map<string, { tokens: number; lastRefillAt: number }>();

	consume(config: BucketConfig, now = Date.now()): RateLimitDecision {
		const capacity = config.refillPerWindow * 2;
		const bucket = this.buckets.get(config.key) ?? { tokens: capacity, lastRefillAt: now };
		const windows = Math.floor((now - bucket.lastRefillAt) / config.windowMs);
		if (windows > 0) {
			bucket.tokens = Math.min(capacity, bucket.tokens + windows * config.refillPerWindow);
			bucket.lastRefillAt += windows * config.windowMs;
		}
		const allowed = bucket.tokens >= 1;
		if (allowed) bucket.tokens -= 1;
		this.buckets.set(config.key, bucket);
		const resetAt = new Date(bucket.lastRefillAt + config.windowMs);
		return {
			allowed,
			capacity,
			remaining: Math.floor(bucket.tokens),
			resetAt,
			retryAfterMs: Math.max(0, resetAt.getTime() - now),
		};
	}
}

const PLAN_REFILL: Record<Exclude<SimPlan, 'enterprise'>, number> = { free: 30, team: 200 };

function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
	return {
		'X-RateLimit-Limit': String(decision.capacity),
		'X-RateLimit-Remaining': String(decision.remaining),
		'X-RateLimit-Reset': decision.resetAt.toISOString(),
	};
}

/** docs/api/sim.md#rate-limits-and-headers: 429 body with `retryAfter` in epoch ms, and `Retry-After` in whole seconds. */
function rateLimitResponse(decision: RateLimitDecision): EmulatorResponse {
	return json(
		429,
		{
			error: simErrorMessages.rateLimitExceeded,
			message: `API rate limit exceeded. Please retry after ${decision.resetAt.toISOString()}`,
			retryAfter: decision.resetAt.getTime(),
		},
		{
			...rateLimitHeaders(decision),
			'Retry-After': String(Math.ceil(decision.retryAfterMs / 1000)),
		},
	);
}

// ---------------------------------------------------------------------------------------------
// Who is calling
// ---------------------------------------------------------------------------------------------

interface Caller {
	userId: string;
	membership: { org: SimOrg; role: SimMember['role']; memberIds: Set<string> } | null;
}

function membershipOf(world: SimWorld, userId: string): Caller['membership'] {
	const member = world.members.find((candidate) => candidate.id === userId);
	if (member) {
		return {
			org: world.org,
			role: member.role,
			memberIds: new Set(world.members.map((m) => m.id)),
		};
	}
	if (userId === world.otherOwner.id) {
		return { org: world.otherOrg, role: 'owner', memberIds: new Set([world.otherOwner.id]) };
	}
	return null;
}

function bucketFor(state: SimState, caller: Caller): BucketConfig {
	const { windowMs } = state.rateLimit;
	const org = caller.membership?.org;
	if (org?.plan === 'enterprise')
		return { key: `org:${org.id}`, refillPerWindow: state.rateLimit.refillPerWindow, windowMs };
	if (org?.plan === 'team')
		return { key: `org:${org.id}`, refillPerWindow: PLAN_REFILL.team, windowMs };
	return { key: `user:${caller.userId}`, refillPerWindow: PLAN_REFILL.free, windowMs };
}

type Step<T> = { ok: true; value: T } | { ok: false; response: EmulatorResponse };

type Member = Caller & { membership: NonNullable<Caller['membership']> };

/**
 * docs/api/sim.md#check-order step 1: `X-API-Key` (header names are case-insensitive) → 401 without rate-limit headers;
 * then the bucket → 429. Yields the caller and the rate-limit headers every later answer carries.
 */
function authenticateAndLimit(
	state: SimState,
	req: EmulatorRequest,
): Step<{ caller: Caller; headers: Record<string, string> }> {
	const apiKey = req.header('x-api-key');
	if (!apiKey)
		return { ok: false, response: json(401, { error: simErrorMessages.apiKeyRequired }) };
	const known = Object.values(state.world.keys).find((candidate) => candidate.key === apiKey);
	if (!known) return { ok: false, response: json(401, { error: simErrorMessages.invalidApiKey }) };

	const caller: Caller = {
		userId: known.userId,
		membership: membershipOf(state.world, known.userId),
	};
	const decision = state.limiter.consume(bucketFor(state, caller));
	if (!decision.allowed) return { ok: false, response: rateLimitResponse(decision) };
	return { ok: true, value: { caller, headers: rateLimitHeaders(decision) } };
}

/** docs/api/sim.md#enterprise-gate (`resolveEnterpriseAuditAccess`): first membership, admin/owner role, enterprise plan. */
function enterpriseGate(caller: Caller, headers: Record<string, string>): Step<Member> {
	const membership = caller.membership;
	if (!membership)
		return { ok: false, response: json(403, { error: simErrorMessages.notOrgMember }, headers) };
	if (membership.role !== 'owner' && membership.role !== 'admin') {
		return { ok: false, response: json(403, { error: simErrorMessages.notAdmin }, headers) };
	}
	if (membership.org.plan !== 'enterprise') {
		return { ok: false, response: json(403, { error: simErrorMessages.notEnterprise }, headers) };
	}
	return { ok: true, value: { ...caller, membership } };
}

// ---------------------------------------------------------------------------------------------
// Query (docs/api/sim.md#scope, #ordering-and-paging)
// ---------------------------------------------------------------------------------------------

interface Scope {
	orgId: string;
	workspaceIds: Set<string>;
	memberIds: Set<string>;
	includeDeparted: boolean;
}

function scopeFor(
	state: SimState,
	membership: NonNullable<Caller['membership']>,
	includeDeparted: boolean,
): Scope {
	const workspaceIds = new Set(
		state.world.workspaces.filter((w) => w.organizationId === membership.org.id).map((w) => w.id),
	);
	return {
		orgId: membership.org.id,
		workspaceIds,
		memberIds: membership.memberIds,
		includeDeparted,
	};
}

/** `buildOrgScopeCondition`: org workspaces, or org-level rows; departed actors hidden unless asked. */
function inScope(event: SimStoredEvent, scope: Scope): boolean {
	const inOrg =
		event.workspaceId !== null
			? scope.workspaceIds.has(event.workspaceId)
			: event.metadata.organizationId === scope.orgId ||
				(event.resourceType === 'organization' && event.resourceId === scope.orgId);
	if (!inOrg) return false;
	return scope.includeDeparted || event.actorId === null || scope.memberIds.has(event.actorId);
}

/**
 * The value the database compares. With the precision quirk (docs/api/sim.md#precision-quirk) that is the stored
 * microsecond; without it the column behaves as if it held milliseconds, so nothing is lost.
 */
function comparable(state: SimState, event: SimStoredEvent): number {
	return state.precisionQuirk
		? event.createdAtMicros
		: Math.floor(event.createdAtMicros / 1000) * 1000;
}

const orderCache = new WeakMap<
	SimStoredEvent[],
	{ precisionQuirk: boolean; rows: SimStoredEvent[] }
>();

/**
 * All rows in `ORDER BY createdAt DESC, id DESC` on the compared value (ids by code unit).
 * Cached per store array; `insert` and `reset` replace the array.
 */
function orderedRows(state: SimState): SimStoredEvent[] {
	const cached = orderCache.get(state.events);
	if (cached && cached.precisionQuirk === state.precisionQuirk) return cached.rows;
	const rows = state.events
		.map((event) => ({ event, at: comparable(state, event) }))
		.sort((a, b) =>
			a.at !== b.at ? b.at - a.at : a.event.id < b.event.id ? 1 : a.event.id > b.event.id ? -1 : 0,
		)
		.map(({ event }) => event);
	orderCache.set(state.events, { precisionQuirk: state.precisionQuirk, rows });
	return rows;
}

/**
 * The newest time a row may have to pass `buildFilter`: the `endDate`, and the cursor's time
 * (both in µs, as `buildFilter` compares them); `Infinity` without either.
 */
function upperBound(query: SimListQuery): number {
	const endAt = query.endDate ? parseSimDate(query.endDate) * 1000 : Infinity;
	const cursor = query.cursor ? decodeSimCursor(query.cursor) : null;
	const cursorAt = cursor ? parseSimDate(cursor.createdAt) * 1000 : Infinity;
	return Math.min(endAt, cursorAt);
}

/**
 * Index of the first row in `orderedRows` whose compared time is at most `upper`. Every row
 * before it is newer than the page can reach, so a deep page of a large store skips them
 * instead of testing each (the result is the same).
 */
function firstAtOrBelow(state: SimState, ordered: SimStoredEvent[], upper: number): number {
	if (!(upper < Infinity)) return 0;
	let low = 0;
	let high = ordered.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (comparable(state, ordered[middle]) > upper) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** Rows the admin of the sandbox org sees, in API order (for tests and `visibleEvents`). */
export function visibleRows(state: SimState, includeDeparted = false): SimStoredEvent[] {
	const membership = membershipOf(state.world, state.world.keys.admin.userId);
	if (!membership) return [];
	const scope = scopeFor(state, membership, includeDeparted);
	return orderedRows(state).filter((event) => inScope(event, scope));
}

/**
 * `buildFilterConditions` plus the cursor condition. The query side is JS `Date` (ms); the row
 * side is whatever `comparable` says. Empty strings were turned into "absent" by the schema.
 */
function buildFilter(state: SimState, query: SimListQuery): (event: SimStoredEvent) => boolean {
	const types = query.resourceType ? parseResourceTypes(query.resourceType) : [];
	const startAt = query.startDate ? parseSimDate(query.startDate) * 1000 : undefined;
	const endAt = query.endDate ? parseSimDate(query.endDate) * 1000 : undefined;
	// An undecodable cursor is silently ignored: first page again (docs/api/sim.md#ordering-and-paging).
	const cursor = query.cursor ? decodeSimCursor(query.cursor) : null;
	const cursorAt = cursor ? parseSimDate(cursor.createdAt) * 1000 : undefined;

	return (event) => {
		if (query.action && event.action !== query.action) return false;
		if (types.length > 0 && !types.includes(event.resourceType)) return false;
		if (query.resourceId && event.resourceId !== query.resourceId) return false;
		if (query.workspaceId && event.workspaceId !== query.workspaceId) return false;
		if (query.actorId && event.actorId !== query.actorId) return false;
		const at = comparable(state, event);
		if (startAt !== undefined && at < startAt) return false;
		if (endAt !== undefined && at > endAt) return false;
		if (cursor && cursorAt !== undefined) {
			return at < cursorAt || (at === cursorAt && event.id < cursor.id);
		}
		return true;
	};
}

// ---------------------------------------------------------------------------------------------
// `limits` (docs/api/sim.md#responses): the caller's workflow-execution limits, not the audit-log bucket
// ---------------------------------------------------------------------------------------------

const EXECUTION_LIMITS: Record<SimPlan, { sync: number; async: number; usageLimit: number }> = {
	free: { sync: 10, async: 50, usageLimit: 10 },
	team: { sync: 50, async: 250, usageLimit: 500 },
	enterprise: { sync: 150, async: 1000, usageLimit: 10000 },
};

function userLimits(state: SimState, plan: SimPlan): SimUserLimits {
	const config = EXECUTION_LIMITS[plan];
	const resetAt = new Date(Math.ceil((Date.now() + 1) / 60000) * 60000).toISOString();
	const bucket = (perMinute: number) => ({
		requestsPerMinute: perMinute,
		maxBurst: perMinute * 2,
		remaining: perMinute * 2,
		resetAt,
	});
	return {
		workflowExecutionRateLimit: { sync: bucket(config.sync), async: bucket(config.async) },
		usage: {
			currentPeriodCost: state.usageCost,
			limit: config.usageLimit,
			plan,
			isExceeded: false,
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

/** `GET /api/v1/audit-logs` (docs/api/sim.md#check-order, #query-parameters, #ordering-and-paging, #responses). */
function listAuditLogs(state: SimState, req: EmulatorRequest): EmulatorResponse {
	// 1. Authenticate, then rate-limit (a 401 carries no X-RateLimit-* headers, docs/api/sim.md#rate-limits-and-headers).
	const auth = authenticateAndLimit(state, req);
	if (!auth.ok) return auth.response;
	const { headers } = auth.value;

	// 2. Enterprise gate → 403.
	const gate = enterpriseGate(auth.value.caller, headers);
	if (!gate.ok) return gate.response;
	const { membership } = gate.value;

	// 3. Query validation → 400 `{ error: <first issue>, details: [issues] }`. Repeated keys
	//    arrive as arrays and fail; unknown keys are ignored (docs/api/sim.md#query-parameters).
	const parsed = simListQuerySchema.safeParse(req.query);
	if (!parsed.success) {
		const issues = parsed.error.issues;
		return json(400, { error: issues[0].message, details: issues }, headers);
	}
	const query = parsed.data;

	// 4. actorId must be a *current* member (the docs allow former members; the code does not).
	if (query.actorId && !membership.memberIds.has(query.actorId)) {
		return json(400, { error: simErrorMessages.actorNotMember }, headers);
	}

	// 5. workspaceId must belong to the org.
	const scope = scopeFor(state, membership, query.includeDeparted);
	if (query.workspaceId && !scope.workspaceIds.has(query.workspaceId)) {
		return json(400, { error: simErrorMessages.workspaceNotInOrg }, headers);
	}

	// 6. Query. A non-integer limit passes zod and fails as a SQL LIMIT parameter → 500 (docs/api/sim.md#query-parameters).
	if (!Number.isInteger(query.limit))
		return json(500, { error: simErrorMessages.internal }, headers);
	const matches = buildFilter(state, query);
	const ordered = orderedRows(state);
	const rows: SimStoredEvent[] = [];
	for (let i = firstAtOrBelow(state, ordered, upperBound(query)); i < ordered.length; i++) {
		const event = ordered[i];
		if (inScope(event, scope) && matches(event)) rows.push(event);
		if (rows.length > query.limit) break;
	}
	const page = rows.slice(0, query.limit);
	const last = page[page.length - 1];
	const limits = userLimits(state, membership.org.plan);

	// No further page → `nextCursor` is omitted, not null (docs/api/sim.md#ordering-and-paging). It carries ms only (docs/api/sim.md#precision-quirk).
	if (rows.length > query.limit && last) {
		const nextCursor = encodeSimCursor({ createdAt: last.createdAt, id: last.id });
		return json(200, { data: page.map(toEntry), nextCursor, limits }, headers);
	}
	return json(200, { data: page.map(toEntry), limits }, headers);
}

/** `GET /api/v1/audit-logs/:id` (docs/api/sim.md#check-order, detail route). */
function getAuditLog(state: SimState, req: EmulatorRequest): EmulatorResponse {
	// 1. Authenticate, then rate-limit.
	const auth = authenticateAndLimit(state, req);
	if (!auth.ok) return auth.response;
	const { headers } = auth.value;

	// 2. Param validation: only a NUL character can fail it (docs/api/sim.md#check-order).
	const id = req.params.id;
	if (id.includes('\u0000')) {
		return json(
			400,
			{
				error: simErrorMessages.invalidAuditLogId,
				details: [{ code: 'custom', path: ['id'], message: simErrorMessages.nulCharacter }],
			},
			headers,
		);
	}

	// 3. Enterprise gate → 403.
	const gate = enterpriseGate(auth.value.caller, headers);
	if (!gate.ok) return gate.response;
	const { membership } = gate.value;

	// 4. Lookup within the org scope with departed members included; a whitespace id just misses.
	const scope = scopeFor(state, membership, true);
	const event = state.events.find((candidate) => candidate.id === id && inScope(candidate, scope));
	if (!event) return json(404, { error: simErrorMessages.auditLogNotFound }, headers);
	return json(
		200,
		{ data: toEntry(event), limits: userLimits(state, membership.org.plan) },
		headers,
	);
}

/** docs/api/sim.md#check-order step 6: anything thrown → 500 `{"error":"Internal server error"}`. */
const handled = (handle: (req: EmulatorRequest) => EmulatorResponse) =>
	guarded(handle, (headers) => json(500, { error: simErrorMessages.internal }, headers));

export function createSimRoutes(getState: () => SimState): Route[] {
	return [
		{
			method: 'GET',
			path: SIM_AUDIT_LOGS_PATH,
			handler: handled((req) => listAuditLogs(getState(), req)),
		},
		{
			method: 'GET',
			path: `${SIM_AUDIT_LOGS_PATH}/:id`,
			handler: handled((req) => getAuditLog(getState(), req)),
		},
	];
}

// ---------------------------------------------------------------------------------------------
// Framework behaviour (Next.js route handlers, docs/api/sim.md#framework-behaviour) and fault shapes
// ---------------------------------------------------------------------------------------------

const CORS_HEADERS = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
	'Access-Control-Allow-Headers': 'Content-Type, Authorization, X-API-Key',
};

export function createSimHooks(getState: () => SimState): HttpHooks {
	return {
		// A trailing or doubled slash → 308 to the clean path, query kept.
		before: (req) => {
			const clean = req.path.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
			if (clean === req.path) return undefined;
			return {
				status: 308,
				headers: { Location: req.rawQuery ? `${clean}?${req.rawQuery}` : clean },
			};
		},
		// Every response: CORS headers and an 8-hex-character `x-request-id`.
		finalize: (_req, res) => ({
			...res,
			headers: { ...CORS_HEADERS, ...(res.headers ?? {}), 'x-request-id': randomHex(8) },
		}),
		notFound: () => ({
			status: 404,
			headers: { 'content-type': 'text/html; charset=utf-8' },
			rawBody:
				'<!DOCTYPE html><html><head><title>404: This page could not be found.</title></head><body>404</body></html>',
		}),
		// OPTIONS → 204; HEAD already ran as GET; anything else → 405.
		methodNotAllowed: (req, allowed) =>
			req.method === 'OPTIONS'
				? { status: 204, headers: { Allow: [...allowed, 'HEAD', 'OPTIONS'].join(', ') } }
				: { status: 405, headers: { Allow: [...allowed, 'HEAD', 'OPTIONS'].join(', ') } },
		rateLimited: (_req, retryAfterSeconds) => {
			const { refillPerWindow } = getState().rateLimit;
			const resetAt = new Date(Date.now() + retryAfterSeconds * 1000);
			return rateLimitResponse({
				allowed: false,
				capacity: refillPerWindow * 2,
				remaining: 0,
				resetAt,
				retryAfterMs: retryAfterSeconds * 1000,
			});
		},
		serverError: (_req, status) => json(status, { error: simErrorMessages.internal }),
		// A continuation page is a list request with a non-empty cursor, or with an endDate:
		// quirk-safe clients page by moving endDate down instead of following the cursor.
		isContinuation: (req) =>
			req.path === SIM_AUDIT_LOGS_PATH &&
			['cursor', 'endDate'].some((key) => typeof req.query[key] === 'string' && req.query[key] !== ''),
	};
}
