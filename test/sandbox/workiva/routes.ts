/**
 * Workiva activities API and its OAuth2 token endpoint (docs/api/workiva.md). `#anchor` references
 * are sections of that page. Behaviour the docs leave open is marked INFERRED.
 *
 * Check order (INFERRED; Workiva documents the statuses, not their order):
 *   per-client rate limit 429 → `X-Version` 400 → bearer 401 → scope 403 → path style 404 →
 *   path parameters 400/404 → query options 400 → 200.
 */
import type { WorkivaActivity, WorkivaActivityAction, WorkivaApiVersion } from '../../../nodes/Workiva/types';
import {
	cachedRows,
	createRandom,
	type EmulatorRequest,
	type EmulatorResponse,
	FixedWindowLimiter,
	guarded,
	type HttpHooks,
	json,
	type Random,
	type Route,
} from '../kit';
import type { OAuth2HttpRequest, OAuth2Server } from '../oauth2';
import { activityIdFor, type StoredActivity, type WorkivaWorld } from './fixtures';
import { type FilterNode, matchesFilter, parseFilter, parseOrderBy, QueryOptionError, type SortDirection } from './filter';
import {
	WORKIVA_ACTIVITY_PATHS,
	WORKIVA_ADMIN_PREFIX,
	WORKIVA_BAD_ARGUMENT,
	WORKIVA_CANNED_ERRORS,
	WORKIVA_DEFAULT_PAGE_SIZE,
	WORKIVA_DEFAULT_VERSION,
	WORKIVA_DETAIL_CODES,
	WORKIVA_DOCUMENTED_PATH_STYLE,
	WORKIVA_MAX_PAGE_SIZE,
	WORKIVA_QUERY,
	WORKIVA_SCOPES,
	WORKIVA_GRANT_PATH,
	WORKIVA_GRANT_PATH_ALT,
	WORKIVA_VERSION_HEADER,
	WORKIVA_VERSIONS,
	workivaErrorBody,
	type WorkivaCannedStatus,
	type WorkivaOperationId,
	type WorkivaPathStyle,
} from './schemas';

export interface WorkivaRateLimitOptions {
	/** Requests per client per window, token endpoint included; the legacy guide's 50 per second. */
	perWindow: number;
	windowMs: number;
}

/** Everything the routes read; `reset` swaps it as a whole. */
export interface WorkivaState {
	world: WorkivaWorld;
	/** Oldest first by `(ms, seq)`. */
	activities: StoredActivity[];
	/** Last `seq` handed out. */
	seq: number;
	oauth: OAuth2Server;
	/** Access token → client id: the rate-limit key of API calls. */
	tokenClients: Map<string, string>;
	rateLimit: WorkivaRateLimitOptions;
	limiter: FixedWindowLimiter;
	/** Switch: a new `id` for every activity on every read (#activity-ids). */
	unstableIds: boolean;
	/** Switch: issue `$next` as the documented example's offset token, which shifts under inserts (#next-link). */
	offsetCursor: boolean;
	/** Switch: each version answers under its documented path style only (#path-style). */
	strictPathStyle: boolean;
	/** Switch: `@nextLink` on this origin instead of the emulator's own (#next-link). */
	foreignNextLink: string | null;
	/** Ids handed out by `unstableIds` → the activity's `seq`, so a reissued id can still be read. */
	reissued: Map<string, number>;
	idRandom: Random;
}

// ---------------------------------------------------------------------------------------------
// Versions and error bodies (#versions, #errors)
// ---------------------------------------------------------------------------------------------

/** The requested version: the header, else 2022-01-01; `undefined` for a value Workiva does not know. */
export function requestedVersion(req: EmulatorRequest): WorkivaApiVersion | undefined {
	const raw = req.header(WORKIVA_VERSION_HEADER);
	if (raw === undefined) return WORKIVA_DEFAULT_VERSION;
	return WORKIVA_VERSIONS.find((version) => version === raw.trim());
}

function failure(
	status: WorkivaCannedStatus,
	version: WorkivaApiVersion | undefined,
	headers: Record<string, string> = {},
): EmulatorResponse {
	return json(status, workivaErrorBody(version, WORKIVA_CANNED_ERRORS[status]), headers);
}

/** 400 for a refused option or parameter, shaped like the `ErrorResponse` example (#errors). */
function badArgument(version: WorkivaApiVersion | undefined, error: QueryOptionError): EmulatorResponse {
	const what = error.option.startsWith('$') ? `${error.option} option` : error.option;
	return json(
		400,
		workivaErrorBody(version, {
			code: WORKIVA_BAD_ARGUMENT,
			message: `The provided ${what} is not supported.`,
			target: error.option,
			details: [{ code: error.detailCode, message: error.message, target: error.detailTarget }],
		}),
	);
}

// ---------------------------------------------------------------------------------------------
// Query options (#filter, #order-and-paging)
// ---------------------------------------------------------------------------------------------

const ACTIVITY_OPTIONS: readonly string[] = Object.values(WORKIVA_QUERY);
/** `/activityActions` documents no `$filter` (INFERRED: refused rather than ignored). */
const ACTION_OPTIONS: readonly string[] = [WORKIVA_QUERY.maxPageSize, WORKIVA_QUERY.next, WORKIVA_QUERY.orderBy];
/** INFERRED: the catalogue's sortable fields are undocumented. */
const ACTION_ORDER_FIELDS = ['id', 'alias', 'name'] as const;

/** Single values of the allowed `$` options; other `$` options and repeats are refused. */
function readOptions(req: EmulatorRequest, allowed: readonly string[]): Record<string, string | undefined> {
	const options: Record<string, string | undefined> = {};
	for (const [key, value] of Object.entries(req.query)) {
		if (!key.startsWith('$')) continue; // INFERRED: other parameters are ignored.
		if (!allowed.includes(key))
			throw new QueryOptionError(key, WORKIVA_DETAIL_CODES.invalidParameter, key, `The query option '${key}' is not supported here`);
		if (Array.isArray(value))
			throw new QueryOptionError(key, WORKIVA_DETAIL_CODES.invalidParameter, key, `The query option '${key}' is repeated`);
		options[key] = value;
	}
	return options;
}

/** `$maxpagesize`: an integer 1–1000; absent = 1000 (INFERRED: out of range is a 400, not clamped). */
function readPageSize(raw: string | undefined): number | undefined {
	if (raw === undefined) return undefined;
	const size = /^\d+$/.test(raw) ? Number(raw) : NaN;
	if (!(size >= 1 && size <= WORKIVA_MAX_PAGE_SIZE)) {
		throw new QueryOptionError(
			WORKIVA_QUERY.maxPageSize,
			WORKIVA_DETAIL_CODES.invalidPageSize,
			raw,
			`$maxpagesize must be an integer from 1 to ${WORKIVA_MAX_PAGE_SIZE}`,
		);
	}
	return size;
}

// ---------------------------------------------------------------------------------------------
// Cursors (#next-link): keyset within a snapshot by default, the documented offset form on a switch
// ---------------------------------------------------------------------------------------------

type Key = [number, number];

type Cursor =
	| { kind: 'keyset'; key: Key; snapshot: number; query: string }
	| { kind: 'offset'; limit: number; offset: number };

/** FNV-1a, to bind a keyset cursor to its query without carrying the query. */
function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return hash.toString(36);
}

function encodeCursor(cursor: Cursor): string {
	if (cursor.kind === 'offset') {
		// The spec's example token is exactly this: base64 of `%24limit=100&%24offset=100`.
		return Buffer.from(`%24limit=${cursor.limit}&%24offset=${cursor.offset}`).toString('base64').replace(/=+$/, '');
	}
	return Buffer.from(JSON.stringify({ k: cursor.key, s: cursor.snapshot, q: cursor.query })).toString('base64url');
}

function decodeCursor(token: string): Cursor | undefined {
	const offset = /^(?:%24|\$)limit=(\d+)&(?:%24|\$)offset=(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
	if (offset) return { kind: 'offset', limit: Number(offset[1]), offset: Number(offset[2]) };
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown; s?: unknown; q?: unknown };
		const { k, s, q } = parsed;
		const isKey = Array.isArray(k) && k.length === 2 && k.every((n) => typeof n === 'number');
		if (isKey && typeof s === 'number' && typeof q === 'string') return { kind: 'keyset', key: k as Key, snapshot: s, query: q };
	} catch {
		// Not JSON: an invalid token.
	}
	return undefined;
}

function invalidNext(message: string): QueryOptionError {
	return new QueryOptionError(WORKIVA_QUERY.next, WORKIVA_DETAIL_CODES.invalidNext, WORKIVA_QUERY.next, message);
}

interface PageInput<T> {
	/** Every matching row, in the requested order. */
	rows: T[];
	/** The sort key `[time or rank, seq]`, and the insertion number a snapshot compares. */
	keyOf(row: T): Key;
	direction: SortDirection;
	/** Which list and filter the cursor belongs to. */
	query: string;
	/** The newest `seq` now (a first page's snapshot). */
	latestSeq: number;
	options: Record<string, string | undefined>;
	offsetCursor: boolean;
}

const after = (key: Key, than: Key, direction: SortDirection): boolean => {
	const order = key[0] - than[0] || key[1] - than[1];
	return direction === 'asc' ? order > 0 : order < 0;
};

/** Index of the first row whose key comes after `key` in the page's direction (rows are in key order). */
function firstAfter<T>(input: PageInput<T>, key: Key): number {
	let low = 0;
	let high = input.rows.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (after(input.keyOf(input.rows[middle]), key, input.direction)) high = middle;
		else low = middle + 1;
	}
	return low;
}

/**
 * One page and the `$next` of the following one, if any. A keyset cursor continues strictly after
 * the last row's key and sees only rows that existed when the first page was read: inserts between
 * pages never shift, repeat or join a walk (INFERRED). An offset cursor counts rows, as the
 * documented example token suggests, so inserts ahead of it shift the pages.
 */
function pageOf<T>(input: PageInput<T>): { page: T[]; next?: string } {
	const nextToken = input.options[WORKIVA_QUERY.next];
	const cursor = nextToken === undefined ? undefined : decodeCursor(nextToken);
	if (nextToken !== undefined && !cursor) throw invalidNext('The $next token is not valid');
	if (cursor?.kind === 'keyset' && cursor.query !== input.query)
		throw invalidNext('The $next token belongs to another list or $filter/$orderBy');

	const asked = readPageSize(input.options[WORKIVA_QUERY.maxPageSize]);
	const size = asked ?? (cursor?.kind === 'offset' ? Math.min(cursor.limit, WORKIVA_MAX_PAGE_SIZE) : WORKIVA_DEFAULT_PAGE_SIZE);
	const offset = cursor?.kind === 'offset' ? cursor.offset : 0;
	let page: T[];
	let more: boolean;
	if (cursor?.kind === 'keyset') {
		// The rows are in key order, so the ones after the cursor are a tail: find where it starts,
		// then take the rows of the snapshot from there (a deep page of a large store skips the rest).
		page = [];
		more = false;
		for (let i = firstAfter(input, cursor.key); i < input.rows.length; i++) {
			const row = input.rows[i];
			if (input.keyOf(row)[1] > cursor.snapshot) continue;
			if (page.length === size) {
				more = true;
				break;
			}
			page.push(row);
		}
	} else {
		page = input.rows.slice(offset, offset + size);
		more = input.rows.length > offset + size;
	}
	if (!more) return { page };
	const next: Cursor = input.offsetCursor
		? { kind: 'offset', limit: size, offset: offset + size }
		: {
				kind: 'keyset',
				key: input.keyOf(page[page.length - 1]),
				snapshot: cursor?.kind === 'keyset' ? cursor.snapshot : input.latestSeq,
				query: input.query,
			};
	return { page, next: encodeCursor(next) };
}

/**
 * `@nextLink`: an absolute URL on the emulator's own origin (or the `foreignNextLink` one), the
 * same path, the request's other options and the new `$next` (#next-link).
 */
function nextLink(state: WorkivaState, req: EmulatorRequest, options: Record<string, string | undefined>, next: string): string {
	// Percent-encoding throughout (`%20`, not `+`), so any URL parser reads it back the same.
	const query = Object.entries({ ...options, [WORKIVA_QUERY.next]: next })
		.filter((entry): entry is [string, string] => entry[1] !== undefined)
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
		.join('&');
	return `${state.foreignNextLink ?? req.origin}${req.path}?${query}`;
}

// ---------------------------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------------------------

export interface ActivitySelection {
	filter?: FilterNode;
	direction: SortDirection;
	workspaceId?: string;
}

/** Every stored activity the selection matches, in its order. */
export function selectActivities(state: WorkivaState, selection: ActivitySelection): StoredActivity[] {
	const rows = state.activities.filter(
		(row) =>
			(selection.workspaceId === undefined || row.activity.workspace?.id === selection.workspaceId) &&
			(!selection.filter || matchesFilter(selection.filter, row.activity, row.ms)),
	);
	return selection.direction === 'asc' ? rows : rows.reverse();
}

const selectionCache = new WeakMap<StoredActivity[], Map<string, StoredActivity[]>>();

/** The activity as this read shows it: a fresh `id` per read while `unstableIds` is on. */
function render(state: WorkivaState, row: StoredActivity): WorkivaActivity {
	if (!state.unstableIds) return row.activity;
	const id = activityIdFor(state.world.organization.id, state.idRandom.string(32, '0123456789abcdef'));
	if (state.reissued.size > 100_000) state.reissued.clear();
	state.reissued.set(id, row.seq);
	return { ...row.activity, id };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Call = { state: WorkivaState; req: EmulatorRequest; version: WorkivaApiVersion };

/** `organizationId` must be a UUID (400, INFERRED from `format: uuid`) and the caller's organization (else 404). */
function checkOrganization({ state, req, version }: Call): EmulatorResponse | undefined {
	const id = req.params.organizationId;
	if (!UUID.test(id))
		throw new QueryOptionError('organizationId', WORKIVA_DETAIL_CODES.invalidParameter, id, 'organizationId must be a UUID');
	return id.toLowerCase() === state.world.organization.id ? undefined : failure(404, version);
}

/** Both activity lists (#endpoints); `workspaceId` only on the workspace route. */
function listActivities(call: Call): EmulatorResponse {
	const { state, req, version } = call;
	const refused = checkOrganization(call);
	if (refused) return refused;
	const workspaceId = req.params.workspaceId;
	if (workspaceId !== undefined && !state.world.workspaces.some((workspace) => workspace.id === workspaceId))
		return failure(404, version);

	const options = readOptions(req, ACTIVITY_OPTIONS);
	const filterText = options[WORKIVA_QUERY.filter];
	const filter = filterText === undefined ? undefined : parseFilter(filterText);
	const orderText = options[WORKIVA_QUERY.orderBy];
	// INFERRED default: newest first, as the documented example lists them.
	const direction = orderText === undefined ? 'desc' : parseOrderBy(orderText, ['activityDateTime']).direction;

	// The selection is cached per store array and query, so each page of a walk need not redo it.
	const rows = cachedRows(selectionCache, state.activities, JSON.stringify([workspaceId, filterText, direction]), () =>
		selectActivities(state, { filter, direction, workspaceId }),
	);
	const { page, next } = pageOf({
		rows,
		keyOf: (row) => [row.ms, row.seq],
		direction,
		query: fingerprint(`${workspaceId ?? ''}|${filterText ?? ''}|${direction}`),
		latestSeq: state.seq,
		options,
		offsetCursor: state.offsetCursor,
	});
	return json(200, {
		data: page.map((row) => render(state, row)),
		...(next !== undefined && { '@nextLink': nextLink(state, req, options, next) }),
	});
}

/** `GET /activities/{activityId}`: the stored id, or one `unstableIds` handed out. */
function getActivity({ state, req, version }: Call): EmulatorResponse {
	const id = req.params.activityId;
	const seq = state.reissued.get(id);
	const row = state.activities.find((candidate) => candidate.activity.id === id || candidate.seq === seq);
	return row ? json(200, render(state, row)) : failure(404, version);
}

// ---------------------------------------------------------------------------------------------
// Activity actions
// ---------------------------------------------------------------------------------------------

/** The catalogue, by `id` unless `$orderBy` says otherwise (INFERRED default). */
function listActions({ state, req }: Call): EmulatorResponse {
	const options = readOptions(req, ACTION_OPTIONS);
	const orderText = options[WORKIVA_QUERY.orderBy];
	const { field, direction } =
		orderText === undefined ? { field: 'id', direction: 'asc' as const } : parseOrderBy(orderText, ACTION_ORDER_FIELDS);
	const sortKey = field as (typeof ACTION_ORDER_FIELDS)[number];
	const ranked = state.world.actions
		.slice()
		.sort((a, b) => ((a[sortKey] ?? '') < (b[sortKey] ?? '') ? -1 : (a[sortKey] ?? '') > (b[sortKey] ?? '') ? 1 : 0));
	const rank = new Map<WorkivaActivityAction, number>(ranked.map((action, i) => [action, i]));
	const { page, next } = pageOf({
		rows: direction === 'asc' ? ranked : ranked.reverse(),
		keyOf: (action) => [rank.get(action) ?? 0, 0],
		direction,
		query: fingerprint(`actions|${field}|${direction}`),
		latestSeq: 0,
		options,
		offsetCursor: state.offsetCursor,
	});
	return json(200, {
		data: page,
		...(next !== undefined && { '@nextLink': nextLink(state, req, options, next) }),
	});
}

function getAction({ state, req, version }: Call): EmulatorResponse {
	const action = state.world.actions.find((candidate) => candidate.id === req.params.activityActionId);
	return action ? json(200, action) : failure(404, version);
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

const HANDLERS: Record<WorkivaOperationId, (call: Call) => EmulatorResponse> = {
	getOrganizationActivities: listActivities,
	getOrganizationWorkspaceActivities: listActivities,
	getActivityById: getActivity,
	getActivityActions: listActions,
	getActivityActionById: getAction,
};

/** Anything thrown → Workiva's 500 body; the extra header makes emulator bugs visible. */
const handled = (handle: (req: EmulatorRequest) => EmulatorResponse) =>
	guarded(handle, (headers) => failure(500, undefined, headers));

/** The checks every activities route shares (see the order at the top), then the operation. */
function activitiesRoute(
	getState: () => WorkivaState,
	style: WorkivaPathStyle,
	operation: (call: Call) => EmulatorResponse,
): (req: EmulatorRequest) => EmulatorResponse {
	return handled((req) => {
		const state = getState();
		const version = requestedVersion(req);
		if (!version) {
			const raw = req.header(WORKIVA_VERSION_HEADER) ?? '';
			return badArgument(
				undefined,
				new QueryOptionError(
					WORKIVA_VERSION_HEADER,
					WORKIVA_DETAIL_CODES.invalidVersion,
					raw,
					`Version '${raw}' is not supported; use one of ${WORKIVA_VERSIONS.join(', ')}`,
				),
			);
		}
		const bearer = state.oauth.authorize(req, WORKIVA_SCOPES.activityRead, {
			body: (reason) => workivaErrorBody(version, WORKIVA_CANNED_ERRORS[reason === 'insufficient_scope' ? 403 : 401]),
		});
		if (!bearer.ok) return bearer.response;
		if (state.strictPathStyle && WORKIVA_DOCUMENTED_PATH_STYLE[version] !== style) return failure(404, version);
		try {
			return operation({ state, req, version });
		} catch (error) {
			if (error instanceof QueryOptionError) return badArgument(version, error);
			return failure(500, version, { 'x-sandbox-error': String(error).replace(/[^\x20-\x7e]/g, ' ') });
		}
	});
}

/**
 * The token request as the shared OAuth2 server reads it. 2022-01-01 also documents a JSON body,
 * which is handed on as the equivalent form.
 */
function asFormRequest(req: EmulatorRequest): OAuth2HttpRequest {
	const json = (req.header('content-type') ?? '').toLowerCase().startsWith('application/json');
	const body = req.body;
	if (!json || requestedVersion(req) !== '2022-01-01' || typeof body !== 'object' || body === null || Array.isArray(body))
		return req;
	const form = new URLSearchParams();
	for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
		if (typeof value === 'string') form.set(key, value);
	}
	return {
		method: req.method,
		rawBody: form.toString(),
		header: (name) => (name.toLowerCase() === 'content-type' ? 'application/x-www-form-urlencoded' : req.header(name)),
	};
}

/** `POST /iam/v1/oauth2/token` (and the spec's `/oauth2/token`): the shared OAuth2 server (#auth). */
function tokenRoute(getState: () => WorkivaState): (req: EmulatorRequest) => EmulatorResponse {
	return handled((req) => {
		const state = getState();
		const response = state.oauth.handleTokenRequest(asFormRequest(req));
		if (response.status !== 200) return response;
		const body = response.body as { access_token: string; token_type: string };
		const issued = state.oauth.tokens().find((token) => token.accessToken === body.access_token);
		if (issued) state.tokenClients.set(issued.accessToken, issued.clientId);
		// The docs' example says `Bearer`; the shared server writes RFC 6749's lower case.
		return { ...response, body: { ...body, token_type: 'Bearer' } };
	});
}

export function createWorkivaRoutes(getState: () => WorkivaState): Route[] {
	const routes: Route[] = [
		{ method: 'POST', path: WORKIVA_GRANT_PATH, handler: tokenRoute(getState) },
		{ method: 'POST', path: WORKIVA_GRANT_PATH_ALT, handler: tokenRoute(getState) },
	];
	for (const [operationId, path] of Object.entries(WORKIVA_ACTIVITY_PATHS) as Array<[WorkivaOperationId, string]>) {
		routes.push(
			{ method: 'GET', path: `${WORKIVA_ADMIN_PREFIX}${path}`, handler: activitiesRoute(getState, 'admin', HANDLERS[operationId]) },
			{ method: 'GET', path, handler: activitiesRoute(getState, 'bare', HANDLERS[operationId]) },
		);
	}
	return routes;
}

// ---------------------------------------------------------------------------------------------
// Rate limit before every request, fault shapes (#rate-limits)
// ---------------------------------------------------------------------------------------------

/** The client a request counts against: its bearer's client, or the client it authenticates as. */
function rateLimitKey(state: WorkivaState, req: EmulatorRequest): string {
	const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
	if (bearer) return `client:${state.tokenClients.get(bearer[1]) ?? 'unknown-token'}`;
	const basic = /^Basic\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
	if (basic) return `client:${Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0]}`;
	const fromForm = new URLSearchParams(req.rawBody).get('client_id');
	const fromJson = (req.body as { client_id?: unknown } | undefined)?.client_id;
	const clientId = fromForm ?? (typeof fromJson === 'string' ? fromJson : undefined);
	return clientId === undefined ? 'anonymous' : `client:${clientId}`;
}

function tooManyRequests(req: EmulatorRequest, retryAfterSeconds: number): EmulatorResponse {
	return failure(429, requestedVersion(req), { 'Retry-After': String(retryAfterSeconds) });
}

export function createWorkivaHooks(getState: () => WorkivaState): HttpHooks {
	const notFound = (req: EmulatorRequest) => failure(404, requestedVersion(req));
	return {
		// One budget per client across every endpoint, the token endpoint included (INFERRED
		// from the legacy "50 requests per second across all endpoints").
		before: (req) => {
			const { limiter, rateLimit } = getState();
			const decision = limiter.consume(rateLimitKey(getState(), req), rateLimit.perWindow, rateLimit.windowMs);
			return decision.allowed ? undefined : tooManyRequests(req, decision.retryAfterSeconds);
		},
		notFound,
		// INFERRED: a known path with another method looks like an unknown route.
		methodNotAllowed: notFound,
		rateLimited: tooManyRequests,
		serverError: (req, status) => {
			const body = workivaErrorBody(requestedVersion(req), WORKIVA_CANNED_ERRORS[status === 503 ? 503 : 500]);
			return json(status, body);
		},
		// A continuation page is an activities list request with `$next`.
		isContinuation: (req) =>
			req.params.organizationId !== undefined && typeof req.query[WORKIVA_QUERY.next] === 'string',
	};
}

/** A fresh state's mutable parts. */
export function freshRuntime(seed: number): Pick<WorkivaState, 'tokenClients' | 'limiter' | 'reissued' | 'idRandom'> {
	return {
		tokenClients: new Map(),
		limiter: new FixedWindowLimiter(),
		reissued: new Map(),
		idRandom: createRandom(seed ^ 0x1d5),
	};
}
