/**
 * Webflow workspace audit logs and site activity logs routes (docs/api/webflow.md). `#anchor`
 * references below are sections of that page. Behaviour the docs leave open is marked INFERRED.
 *
 * Check order on both routes (INFERRED; Webflow documents the statuses, not their order):
 *   rate limit 429 → bearer 401 → scope 403 `missing_scopes` → resource 404 →
 *   plan 403 `not_enterprise_plan_*` → ownership 403 `forbidden` → query 400 → 200.
 */
import {
	WEBFLOW_SCOPES,
	WEBFLOW_SITE_ACTIVITY_LOGS_BETA_PATH,
	WEBFLOW_SITE_ACTIVITY_LOGS_PATH,
	WEBFLOW_WORKSPACE_AUDIT_LOGS_PATH,
	webflowErrorMessages,
	webflowSiteActivityLogsQuerySchema,
	webflowWorkspaceAuditLogsQuerySchema,
	type WebflowErrorBody,
	type WebflowErrorCode,
	type WebflowEventType,
	type WebflowSiteActivityLogsResponse,
	type WebflowValidationDetail,
	type WebflowWorkspaceAuditLogsResponse,
} from './schemas';
import {
	cachedRows,
	type EmulatorRequest,
	type EmulatorResponse,
	type FixedWindowDecision,
	FixedWindowLimiter,
	guarded,
	json,
	type HttpHooks,
	type Route,
} from '../kit';
import {
	type DraftState,
	type StoredSiteEvent,
	type StoredWorkspaceEvent,
	type WebflowSite,
	type WebflowToken,
	type WebflowWorkspace,
	type WebflowWorld,
} from './fixtures';

export interface WebflowRateLimitOptions {
	/** Requests per token per window (`X-RateLimit-Limit`); default 120 (CMS/Business plans, docs/api/webflow.md#rate-limits-and-headers). */
	perWindow: number;
	/** Window length; Webflow's is a minute (60 000). */
	windowMs: number;
}

/** Everything the routes read; `reset` swaps it as a whole. */
export interface WebflowState {
	world: WebflowWorld;
	/** Oldest first by `(ms, seq)`: the `asc` order; `desc` is its reverse. */
	workspaceEvents: StoredWorkspaceEvent[];
	/** Per site id, oldest first by `(ms, seq)`. */
	siteEvents: Map<string, StoredSiteEvent[]>;
	/** Every site-event id in use (ids are unique across sites). */
	siteEventIds: Set<string>;
	/** Last `seq` handed out. */
	seq: number;
	/** Where generated workspace records continue from (the AI toggle alternates). */
	draft: DraftState;
	rateLimit: WebflowRateLimitOptions;
	limiter: FixedWindowLimiter;
	/**
	 * The order of site activity logs is undocumented: Webflow documents only that there is no
	 * sort (docs/api/webflow.md#site-activity-order).
	 * Newest first by default; this switch serves them oldest first, the other reading.
	 */
	siteOldestFirst: boolean;
}

// ---------------------------------------------------------------------------------------------
// Bodies and headers
// ---------------------------------------------------------------------------------------------

export function errorBody(
	code: WebflowErrorCode,
	message: string,
	details: WebflowErrorBody['details'] = [],
): WebflowErrorBody {
	return { code, message, externalReference: null, details };
}

function error(
	status: number,
	code: WebflowErrorCode,
	message: string,
	details: WebflowErrorBody['details'] = [],
	headers: Record<string, string> = {},
): EmulatorResponse {
	return json(status, errorBody(code, message, details), headers);
}

/** The decision taken for each API request, read again when its response is finalized. */
const decisions = new WeakMap<EmulatorRequest, FixedWindowDecision>();

function rateLimitHeaders(decision: FixedWindowDecision): Record<string, string> {
	return {
		'X-RateLimit-Limit': String(decision.limit),
		'X-RateLimit-Remaining': String(decision.remaining),
	};
}

/** The presented bearer token (scheme case-insensitive), if any. */
function bearerToken(req: EmulatorRequest): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
	return match ? match[1] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

type Step<T> = { ok: true; value: T } | { ok: false; response: EmulatorResponse };

/** Missing, malformed or unknown bearer → 401 (docs/api/webflow.md#errors). */
function authenticate(state: WebflowState, req: EmulatorRequest): Step<WebflowToken> {
	const presented = bearerToken(req);
	const token = Object.values(state.world.tokens).find((known) => known.token === presented);
	if (!token)
		return {
			ok: false,
			response: error(401, 'not_authorized', webflowErrorMessages.notAuthorized),
		};
	return { ok: true, value: token };
}

function requireScope(token: WebflowToken, scope: string): Step<void> {
	if (token.scopes.includes(scope)) return { ok: true, value: undefined };
	return {
		ok: false,
		response: error(403, 'missing_scopes', webflowErrorMessages.missingScopes(scope)),
	};
}

/** Validation 400 (docs/api/webflow.md#validation-errors; INFERRED: not in the current spec). */
function validationError(issues: Array<{ path: Array<string | number>; message: string }>) {
	const details: WebflowValidationDetail[] = issues.map((issue) => ({
		param: issue.path.map(String).join('.'),
		description: issue.message,
	}));
	return error(400, 'validation_error', webflowErrorMessages.validation, details);
}

export function findWorkspace(world: WebflowWorld, idOrSlug: string): WebflowWorkspace | undefined {
	return [world.workspace, world.otherWorkspace].find(
		(workspace) => workspace.id === idOrSlug || workspace.slug === idOrSlug,
	);
}

export function findSite(world: WebflowWorld, siteId: string): WebflowSite | undefined {
	return [...world.sites, ...world.otherSites].find((site) => site.id === siteId);
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

export interface WorkspaceFilter {
	sortOrder?: 'asc' | 'desc';
	eventType?: WebflowEventType;
	/** Inclusive bounds (INFERRED), ISO date-times. */
	from?: string;
	to?: string;
}

/** Every matching record in API order (ties keep insertion order; `desc` is the exact reverse). */
export function filterWorkspaceEvents(
	state: WebflowState,
	filter: WorkspaceFilter = {},
): StoredWorkspaceEvent[] {
	const key = JSON.stringify([filter.sortOrder, filter.eventType, filter.from, filter.to]);
	return cachedRows(workspaceCache, state.workspaceEvents, key, () => selectWorkspaceEvents(state, filter)).slice();
}

/** Per store array and filter: a page of a large log need not filter it again. */
const workspaceCache = new WeakMap<StoredWorkspaceEvent[], Map<string, StoredWorkspaceEvent[]>>();
const siteCache = new WeakMap<StoredSiteEvent[], Map<string, StoredSiteEvent[]>>();

function selectWorkspaceEvents(state: WebflowState, filter: WorkspaceFilter): StoredWorkspaceEvent[] {
	const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
	const to = filter.to === undefined ? Infinity : Date.parse(filter.to);
	const rows = state.workspaceEvents.filter(
		(event) =>
			(filter.eventType === undefined || event.item.eventType === filter.eventType) &&
			event.ms >= from &&
			event.ms <= to,
	);
	return (filter.sortOrder ?? 'desc') === 'desc' ? rows.reverse() : rows;
}

/** Newest first; no filters, no sort parameter (docs/api/webflow.md#site-activity-order). */
export function orderedSiteEvents(state: WebflowState, siteId: string): StoredSiteEvent[] {
	const stored = state.siteEvents.get(siteId);
	if (!stored) return [];
	return cachedRows(siteCache, stored, String(state.siteOldestFirst), () =>
		state.siteOldestFirst ? stored.slice() : stored.slice().reverse(),
	).slice();
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

/** `GET /v2/workspaces/:workspaceIdOrSlug/audit_logs` (docs/api/webflow.md#workspace-audit-logs). */
function listWorkspaceAuditLogs(state: WebflowState, req: EmulatorRequest): EmulatorResponse {
	// 1. Bearer token → 401.
	const auth = authenticate(state, req);
	if (!auth.ok) return auth.response;
	const token = auth.value;

	// 2. Scope → 403 missing_scopes (a site token lacks it too: workspace scopes only, docs/api/webflow.md#base-url-and-auth).
	const scope = requireScope(token, WEBFLOW_SCOPES.workspaceActivity);
	if (!scope.ok) return scope.response;

	// 3. Id or slug (docs/api/webflow.md#base-url-and-auth) → 404.
	const workspace = findWorkspace(state.world, req.params.workspaceIdOrSlug);
	if (!workspace)
		return error(404, 'resource_not_found', webflowErrorMessages.notFound('Workspace not found'));

	// 4. Plan (docs/api/webflow.md#errors) → 403. INFERRED: a non-Enterprise token gets this for any existing workspace.
	if (!token.enterprise)
		return error(403, 'not_enterprise_plan_workspace', webflowErrorMessages.notEnterpriseWorkspace);

	// 5. A workspace token reads its own workspace only → 403 forbidden (INFERRED; could be 404).
	if (workspace.id !== token.workspaceId)
		return error(403, 'forbidden', webflowErrorMessages.forbidden);

	// 6. Query → 400 (INFERRED, docs/api/webflow.md#validation-errors).
	const parsed = webflowWorkspaceAuditLogsQuerySchema.safeParse(req.query);
	if (!parsed.success) return validationError(parsed.error.issues);
	const { limit, offset, sortOrder, eventType, from, to } = parsed.data;

	// 7. Offset paging over everything that matches; `total` counts the matches.
	const rows = filterWorkspaceEvents(state, { sortOrder, eventType, from, to });
	const body: WebflowWorkspaceAuditLogsResponse = {
		items: rows.slice(offset, offset + limit).map((event) => event.item),
		pagination: { limit, offset, total: rows.length },
	};
	return json(200, body);
}

/** `GET /v2/sites/:siteId/activity_logs`, also under `/beta` (docs/api/webflow.md#site-activity-logs). */
function listSiteActivityLogs(state: WebflowState, req: EmulatorRequest): EmulatorResponse {
	const auth = authenticate(state, req);
	if (!auth.ok) return auth.response;
	const token = auth.value;

	// A workspace token never holds site scopes (docs/api/webflow.md#base-url-and-auth) → 403 missing_scopes.
	const scope = requireScope(token, WEBFLOW_SCOPES.siteActivity);
	if (!scope.ok) return scope.response;

	const site = findSite(state.world, req.params.siteId);
	if (!site)
		return error(404, 'resource_not_found', webflowErrorMessages.notFound('Site not found'));

	if (!token.enterprise)
		return error(403, 'not_enterprise_plan_site', webflowErrorMessages.notEnterpriseSite);

	if (site.workspaceId !== token.workspaceId)
		return error(403, 'forbidden', webflowErrorMessages.forbidden);

	const parsed = webflowSiteActivityLogsQuerySchema.safeParse(req.query);
	if (!parsed.success) return validationError(parsed.error.issues);
	const { limit, offset } = parsed.data;

	const rows = orderedSiteEvents(state, site.id);
	const body: WebflowSiteActivityLogsResponse = {
		items: rows.slice(offset, offset + limit).map((event) => event.item),
		pagination: { limit, offset, total: rows.length },
	};
	return json(200, body);
}

/** Anything thrown → Webflow's 500 body; the extra header makes emulator bugs visible. */
const handled = (handle: (req: EmulatorRequest) => EmulatorResponse) =>
	guarded(handle, (headers) => error(500, 'internal_error', webflowErrorMessages.internal, [], headers));

export function createWebflowRoutes(getState: () => WebflowState): Route[] {
	const site = handled((req) => listSiteActivityLogs(getState(), req));
	return [
		{
			method: 'GET',
			path: WEBFLOW_WORKSPACE_AUDIT_LOGS_PATH,
			handler: handled((req) => listWorkspaceAuditLogs(getState(), req)),
		},
		{ method: 'GET', path: WEBFLOW_SITE_ACTIVITY_LOGS_PATH, handler: site },
		{ method: 'GET', path: WEBFLOW_SITE_ACTIVITY_LOGS_BETA_PATH, handler: site },
		{ method: 'GET', path: '/v2/token/introspect', handler: handled((req) => introspect(getState(), req)) },
		{ method: 'GET', path: '/v2/sites', handler: handled((req) => listSites(getState(), req)) },
	];
}

/**
 * `GET /v2/sites` (Webflow's List Sites, scope `sites:read`; docs/api/webflow.md#site-list):
 * the sites of the token's workspace, for the nodes' site picker.
 */
function listSites(state: WebflowState, req: EmulatorRequest): EmulatorResponse {
	const auth = authenticate(state, req);
	if (!auth.ok) return auth.response;
	const scope = requireScope(auth.value, 'sites:read');
	if (!scope.ok) return scope.response;
	const sites = state.world.sites.filter((site) => site.workspaceId === auth.value.workspaceId);
	return json(200, {
		sites: sites.map((site) => ({
			id: site.id,
			workspaceId: site.workspaceId,
			displayName: site.displayName,
			shortName: site.shortName,
			previewUrl: `https://screenshots.webflow.com/sites/${site.id}/preview.png`,
			customDomains: [],
		})),
	});
}

/**
 * `GET /v2/token/introspect` (the SDK's `token.introspect()`; not in Webflow's audit-log docs,
 * so its shape here is INFERRED and minimal: docs/api/webflow.md#token-introspection). The
 * credential test calls it: it works for workspace and site tokens alike.
 */
function introspect(state: WebflowState, req: EmulatorRequest): EmulatorResponse {
	const auth = authenticate(state, req);
	if (!auth.ok) return auth.response;
	return json(200, {
		authorization: {
			id: auth.value.token.slice(0, 24),
			grantType: 'workspace_token',
			scope: auth.value.scopes.join(' '),
			authorizedTo: { workspaceIds: [state.world.workspace.id], siteIds: [], userIds: [] },
		},
	});
}

// ---------------------------------------------------------------------------------------------
// Rate limit on every request, headers on every response, fault shapes
// ---------------------------------------------------------------------------------------------

/** Which event store a list request reads: `'workspace'`, a site id, or `undefined`. */
export function listTarget(req: EmulatorRequest): 'workspace' | { siteId: string } | undefined {
	if (req.params.workspaceIdOrSlug !== undefined) return 'workspace';
	if (req.params.siteId !== undefined) return { siteId: req.params.siteId };
	return undefined;
}

export function createWebflowHooks(getState: () => WebflowState): HttpHooks {
	const notFound = (): EmulatorResponse =>
		error(404, 'resource_not_found', webflowErrorMessages.notFound('Route not found'));
	return {
		// The budget is per presented token (docs/api/webflow.md#rate-limits-and-headers); requests without a usable bearer share one
		// anonymous budget (INFERRED). Every API request counts, whatever its outcome.
		before: (req) => {
			const { limiter, rateLimit } = getState();
			const key = bearerToken(req) ?? 'anonymous';
			const decision = limiter.consume(key, rateLimit.perWindow, rateLimit.windowMs);
			decisions.set(req, decision);
			if (decision.allowed) return undefined;
			return error(429, 'too_many_requests', webflowErrorMessages.tooManyRequests, [], {
				'Retry-After': String(decision.retryAfterSeconds),
			});
		},
		// `X-RateLimit-Limit` / `-Remaining` on every response, errors included; no reset header.
		finalize: (req, res) => {
			const decision = decisions.get(req);
			if (!decision) return res;
			return { ...res, headers: { ...rateLimitHeaders(decision), ...(res.headers ?? {}) } };
		},
		notFound,
		// INFERRED: unknown method on a known path looks like an unknown route.
		methodNotAllowed: notFound,
		rateLimited: (_req, retryAfterSeconds) =>
			error(429, 'too_many_requests', webflowErrorMessages.tooManyRequests, [], {
				'Retry-After': String(retryAfterSeconds),
				'X-RateLimit-Remaining': '0',
			}),
		serverError: (_req, status) => error(status, 'internal_error', webflowErrorMessages.internal),
		// A continuation page is a list request with `offset` > 0.
		isContinuation: (req) => {
			if (listTarget(req) === undefined) return false;
			const offset = req.query.offset;
			return typeof offset === 'string' && /^\d+$/.test(offset) && Number(offset) > 0;
		},
	};
}
