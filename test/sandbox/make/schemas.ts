/**
 * Make (make.com) audit-log API, wire format (docs/api/make.md). This is the spec in code: the
 * sandbox emulator validates with these schemas and tests check responses against them. Where
 * Make's docs are silent, the choice is marked INFERRED (or ASSUMED, for the page size). It is
 * test code: the nodes read the plain types of nodes/Make/types.ts, and the checks at the
 * bottom keep the two from drifting apart.
 */
import { z } from 'zod';

import type * as Nodes from '../../../nodes/Make/types';
import type { Assignable, Expect, SameKeys } from '../kit';

// ---------------------------------------------------------------------------------------------
// Zones, paths, scopes (docs/api/make.md#zones, #auth, #endpoints)
// ---------------------------------------------------------------------------------------------

/** The published zones (the OpenAPI `servers` list). */
export const MAKE_ZONES = [
	'eu1.make.com',
	'eu2.make.com',
	'us1.make.com',
	'us2.make.com',
	'eu1.make.celonis.com',
	'us1.make.celonis.com',
] as const;

export type MakeZone = (typeof MAKE_ZONES)[number];

export const MAKE_DEFAULT_ZONE: MakeZone = 'eu1.make.com';

export function isMakeZone(value: string): value is MakeZone {
	return (MAKE_ZONES as readonly string[]).includes(value);
}

/** Every API path starts here, on the zone's host: `https://{zone}/api/v2`. */
export const MAKE_API_PREFIX = '/api/v2';

/** The real base URL of a zone. */
export function makeZoneBaseUrl(zone: MakeZone): string {
	return `https://${zone}${MAKE_API_PREFIX}`;
}

/**
 * Sandbox only: every zone lives on the emulator's one port under its own path prefix, so
 * `http://127.0.0.1:<port>/eu1.make.com/api/v2` stands for `https://eu1.make.com/api/v2`
 * (docs/api/make.md#sandbox).
 */
export function makeSandboxZonePath(zone: string): string {
	return `/${zone}${MAKE_API_PREFIX}`;
}

/** Route patterns below a zone prefix (`:param` = one path segment). */
export const MAKE_PATHS = {
	organizationAuditLogs: '/audit-logs/organization/:organizationId',
	organizationFilters: '/audit-logs/organization/:organizationId/filters',
	teamAuditLogs: '/audit-logs/team/:teamId',
	teamFilters: '/audit-logs/team/:teamId/filters',
	auditLogDetail: '/audit-logs/:organizationId/:uuid',
	organizations: '/organizations',
} as const;

/** The scope all five audit-log endpoints require. */
export const MAKE_AUDIT_SCOPE = 'organization:read';

/** `Authorization: Token <api token>`; OAuth access tokens go as `Bearer <token>`. */
export const MAKE_AUTH_SCHEMES = ['Token', 'Bearer'] as const;

export type MakeAuthScheme = (typeof MAKE_AUTH_SCHEMES)[number];

/** The official SDK's test: API tokens are UUIDv4 (`isAPIKey`); anything else is OAuth. */
export const MAKE_API_TOKEN_PATTERN =
	/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------------------------------------
// Paging and sorting (docs/api/make.md#paging, #page-size, #sorting)
// ---------------------------------------------------------------------------------------------

export const MAKE_SORT_FIELDS = [
	'actor',
	'createdAt',
	'eventName',
	'organization',
	'targetId',
	'team',
	'triggeredAt',
] as const;

export type MakeSortBy = (typeof MAKE_SORT_FIELDS)[number];

export const MAKE_SORT_DIRS = ['asc', 'desc'] as const;

export type MakeSortDir = (typeof MAKE_SORT_DIRS)[number];

/** Documented default order: `triggeredAt` descending. */
export const MAKE_DEFAULT_SORT_BY: MakeSortBy = 'triggeredAt';
export const MAKE_DEFAULT_SORT_DIR: MakeSortDir = 'desc';

/** ASSUMED: the maximum `pg[limit]` for audit logs is undocumented; larger requests are capped. */
export const MAKE_AUDIT_MAX_LIMIT = 100;
/** INFERRED: the default `pg[limit]` is undocumented. */
export const MAKE_AUDIT_DEFAULT_LIMIT = 10;

/** `GET /organizations` (INFERRED: its sort keys, defaults and cap). */
export const MAKE_ORGANIZATION_SORT_FIELDS = ['id', 'name'] as const;
export const MAKE_ORGANIZATIONS_MAX_LIMIT = 10_000;

/** Columns `GET /organizations?cols[]=` can pick; `*` picks all. */
export const MAKE_ORGANIZATION_COLUMNS = [
	'id',
	'name',
	'zone',
	'timezoneId',
	'countryId',
	'license',
	'isPaused',
	'serviceName',
	'teams',
] as const;

export type MakeOrganizationColumn = (typeof MAKE_ORGANIZATION_COLUMNS)[number];

/** What the list returns without `cols[]` (the SDK's default columns). */
export const MAKE_ORGANIZATION_DEFAULT_COLUMNS: readonly MakeOrganizationColumn[] = [
	'id',
	'name',
	'zone',
	'timezoneId',
];

// ---------------------------------------------------------------------------------------------
// Rate limits (docs/api/make.md#rate-limits)
// ---------------------------------------------------------------------------------------------

/** Requests per minute per organization, by plan. */
export const MAKE_PLAN_RATE_LIMITS = { core: 60, pro: 120, teams: 240, enterprise: 1000 } as const;

export type MakePlan = keyof typeof MAKE_PLAN_RATE_LIMITS;

// ---------------------------------------------------------------------------------------------
// Event catalogue (docs/api/make.md#filters-catalogue): what `/filters` lists under `events`
// ---------------------------------------------------------------------------------------------

/** Event names in Make's docs; every other name in the catalogue is INFERRED. */
export const MAKE_DOCUMENTED_EVENTS = [
	'key_created',
	'connection_created',
	'webhook_disabled',
	'webhook_updated',
	'webhook_deleted',
] as const;

/** Grouped as `/filters` returns them: `{ header, items: [{ label, value }] }`. */
export const MAKE_EVENT_CATALOGUE = [
	{ header: 'Keys', events: ['key_created', 'key_deleted'] },
	{ header: 'Connections', events: ['connection_created', 'connection_updated', 'connection_deleted'] },
	{ header: 'Webhooks', events: ['webhook_created', 'webhook_updated', 'webhook_disabled', 'webhook_deleted'] },
	{ header: 'Users', events: ['login', 'user_invited', 'user_removed', 'user_role_changed'] },
	{ header: 'Teams', events: ['team_created', 'team_deleted'] },
	{ header: 'Scenarios', events: ['scenario_created', 'scenario_updated', 'scenario_deleted'] },
] as const;

export type MakeEventName = (typeof MAKE_EVENT_CATALOGUE)[number]['events'][number];

export const MAKE_EVENT_NAMES: readonly MakeEventName[] = MAKE_EVENT_CATALOGUE.flatMap(
	(group) => group.events,
);

/** `key_created` → `Key created`. */
export function makeEventLabel(eventName: string): string {
	const words = eventName.split('_').join(' ');
	return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

// ---------------------------------------------------------------------------------------------
// Errors (docs/api/make.md#errors): `{ detail, message, code: "SC<status>" }`
// ---------------------------------------------------------------------------------------------

/** `message` by status. 403 is documented ("Permission denied"), 429 too; the rest INFERRED. */
export const MAKE_ERROR_MESSAGES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Access denied',
	403: 'Permission denied',
	404: 'Not Found',
	405: 'Method Not Allowed',
	429: 'Requests limit for organization exceeded, please try again later.',
	500: 'Internal Server Error',
};

/** `detail` texts. "Access denied." is documented; the others are INFERRED. */
export const makeErrorDetails = {
	invalidCredentials: 'Invalid credentials.',
	missingScope: (scope: string) => `The access token is missing the scope ${scope}.`,
	accessDenied: 'Access denied.',
	notEnterprise: 'Audit logs are available only for organizations on the Enterprise plan.',
	organizationNotFound: 'Organization not found.',
	teamNotFound: 'Team not found.',
	auditLogNotFound: 'Audit log not found.',
	routeNotFound: 'Route not found.',
	methodNotAllowed: 'Method not allowed.',
	rateLimited: 'Requests limit for organization exceeded, please try again later.',
	totalCountForbidden:
		'Parameter pg[returnTotalCount] is available only for session-authenticated requests.',
	internal: 'Something went wrong. Please try again later.',
	notInteger: (name: string) => `Parameter ${name} must be an integer.`,
	invalidParameters: (count: number) => `Validation failed for ${count} parameter(s).`,
} as const;

export const makeErrorBodySchema = z
	.object({
		detail: z.string(),
		message: z.string(),
		code: z.string().regex(/^SC[45]\d\d$/),
		/** On 400s (INFERRED); the official SDK appends each `message` to the error it shows. */
		suberrors: z.array(z.object({ message: z.string() }).strict()).optional(),
	})
	.strict();

export type MakeErrorBody = z.infer<typeof makeErrorBodySchema>;

export function makeErrorBody(
	status: number,
	detail: string,
	suberrors?: Array<{ message: string }>,
): MakeErrorBody {
	return {
		detail,
		message: MAKE_ERROR_MESSAGES[status] ?? MAKE_ERROR_MESSAGES[status >= 500 ? 500 : 400],
		code: `SC${status}`,
		...(suberrors && { suberrors }),
	};
}

// ---------------------------------------------------------------------------------------------
// Query strings (docs/api/make.md#query-parameters): PHP/qs-style brackets
// ---------------------------------------------------------------------------------------------

/** A parameter as PHP or `qs` would read it: a scalar, a list, or an object of members. */
export type MakeQueryValue = string | string[] | { [member: string]: string | string[] };

/**
 * Reads a query the way Make's server is taken to (INFERRED beyond the documented `event[0]=`):
 * `k=v` is a scalar (repeated: a list); `k[]=v` and `k[0]=v` add to the list `k`, in the order
 * received; `k[name]=v` is member `name` of the object `k` (repeated, or `k[name][]=v`: a list). Keys and values
 * arrive percent-decoded (`URLSearchParams`: `+` is a space, `%2B` a plus).
 */
export function readMakeQuery(searchParams: URLSearchParams): Record<string, MakeQueryValue> {
	const lists = new Map<string, { values: string[]; bracketed: boolean }>();
	const objects = new Map<string, Map<string, { values: string[]; nested: boolean }>>();
	searchParams.forEach((value, key) => {
		// `k[m]` and deeper (`k[m][]`: a list member, which a single-value member refuses).
		const bracket = /^([^[\]]+)\[([^[\]]*)\]((?:\[[^[\]]*\])*)$/.exec(key);
		if (bracket && !/^\d*$/.test(bracket[2])) {
			const members = objects.get(bracket[1]) ?? new Map<string, { values: string[]; nested: boolean }>();
			const member = members.get(bracket[2]) ?? { values: [], nested: false };
			member.values.push(value);
			member.nested ||= bracket[3] !== '';
			members.set(bracket[2], member);
			objects.set(bracket[1], members);
			return;
		}
		const name = bracket ? bracket[1] : key;
		const list = lists.get(name) ?? { values: [], bracketed: false };
		list.values.push(value);
		list.bracketed ||= bracket !== null;
		lists.set(name, list);
	});
	const query: Record<string, MakeQueryValue> = {};
	lists.forEach(({ values, bracketed }, name) => {
		query[name] = bracketed || values.length > 1 ? values : values[0];
	});
	objects.forEach((members, name) => {
		// `k=v` and `k[m]=v` together: the object wins, as in PHP.
		query[name] = Object.fromEntries(
			[...members].map(([member, { values, nested }]) => [member, nested || values.length > 1 ? values : values[0]]),
		);
	});
	return query;
}

const SINGLE = 'must be a single value';

/** A list parameter: a scalar counts as a one-item list. */
const listParam = z
	.union([z.string(), z.array(z.string())], { invalid_type_error: 'must be a value or a list' })
	.transform((value) => (Array.isArray(value) ? value : [value]));

function integerParam(name: string, min: number) {
	return z.string({ invalid_type_error: SINGLE }).transform((value, ctx) => {
		if (!/^-?\d+$/.test(value) || Number(value) < min) {
			const bound = min === 0 ? 'a non-negative integer' : `an integer >= ${min}`;
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${name} must be ${bound}` });
			return z.NEVER;
		}
		return Number(value);
	});
}

function enumParam<T extends readonly [string, ...string[]]>(name: string, values: T) {
	return z
		.string({ invalid_type_error: SINGLE })
		.refine((value): value is T[number] => (values as readonly string[]).includes(value), {
			message: `${name} must be one of: ${values.join(', ')}`,
		});
}

/**
 * The UTC day (`YYYY-MM-DD`) a `dateFrom`/`dateTo` value names: a date as documented, or a
 * date-time as the docs' examples send (its UTC date; INFERRED). A date-time without a zone is
 * read as UTC. `null` if it is neither.
 */
export function makeDayOf(value: string): string | null {
	if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
		const ms = Date.parse(`${value}T00:00:00Z`);
		return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value) ? value : null;
	}
	const dateTime = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(value);
	if (!dateTime || makeDayOf(dateTime[1]) === null) return null;
	const ms = Date.parse(dateTime[4] ? value : `${value}Z`);
	return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}

function dayParam(name: string) {
	return z.string({ invalid_type_error: SINGLE }).transform((value, ctx) => {
		const day = makeDayOf(value);
		if (day === null) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${name} must be a date (YYYY-MM-DD)` });
			return z.NEVER;
		}
		return day;
	});
}

const booleanParam = (name: string) =>
	z.string({ invalid_type_error: SINGLE }).transform((value, ctx) => {
		if (['true', '1'].includes(value)) return true;
		if (['false', '0'].includes(value)) return false;
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${name} must be true or false` });
		return z.NEVER;
	});

/** `pg[offset]`, `pg[limit]`, `pg[sortBy]` (one of `sortFields`), `pg[sortDir]`: Make's list paging. */
function pagingParams<S extends readonly [string, ...string[]]>(sortFields: S) {
	return z.object({
		offset: integerParam('pg[offset]', 0).optional(),
		limit: integerParam('pg[limit]', 1).optional(),
		sortBy: enumParam('pg[sortBy]', sortFields).optional(),
		sortDir: enumParam('pg[sortDir]', MAKE_SORT_DIRS).optional(),
	});
}

/**
 * `pg[...]` of the audit-log lists. A `pg[limit]` above the maximum is capped (ASSUMED), below 1
 * a 400 (INFERRED). `pg[last]` (keyset paging, key undocumented) is accepted and ignored
 * (INFERRED, docs/api/make.md#paging). Unknown members are ignored.
 */
export const makeAuditLogsPgSchema = pagingParams(MAKE_SORT_FIELDS)
	.extend({ returnTotalCount: booleanParam('pg[returnTotalCount]').optional(), last: z.unknown().optional() })
	.transform(({ offset, limit, sortBy, sortDir, returnTotalCount }) => ({
		offset: offset ?? 0,
		limit: Math.min(limit ?? MAKE_AUDIT_DEFAULT_LIMIT, MAKE_AUDIT_MAX_LIMIT),
		sortBy: sortBy ?? MAKE_DEFAULT_SORT_BY,
		// INFERRED: `desc` also when only `pg[sortBy]` is given.
		sortDir: sortDir ?? MAKE_DEFAULT_SORT_DIR,
		returnTotalCount: returnTotalCount ?? false,
	}));

const pgObject = z.record(z.string(), z.union([z.string(), z.array(z.string())]), {
	invalid_type_error: 'pg must be given as pg[member]=value',
});

/**
 * Query of both list routes, as `readMakeQuery` returns it. `team` is for the organization list
 * only (the team route ignores it); unknown parameters are ignored.
 */
export const makeAuditLogsQuerySchema = z.object({
	team: listParam.optional(),
	event: listParam.optional(),
	author: listParam.optional(),
	dateFrom: dayParam('dateFrom').optional(),
	dateTo: dayParam('dateTo').optional(),
	pg: pgObject.optional().default({}).pipe(makeAuditLogsPgSchema),
});

export type MakeAuditLogsQueryInput = z.input<typeof makeAuditLogsQuerySchema>;
export type MakeAuditLogsQuery = z.output<typeof makeAuditLogsQuerySchema>;

/** `GET /organizations`: `cols[]` and `pg[...]` (INFERRED: defaults `name` asc, all rows). */
export const makeOrganizationsQuerySchema = z.object({
	cols: listParam
		.pipe(z.array(z.enum([...MAKE_ORGANIZATION_COLUMNS, '*'])))
		.optional(),
	pg: pgObject
		.optional()
		.default({})
		.pipe(
			pagingParams(MAKE_ORGANIZATION_SORT_FIELDS).transform((pg) => ({
				offset: pg.offset ?? 0,
				limit: Math.min(pg.limit ?? MAKE_ORGANIZATIONS_MAX_LIMIT, MAKE_ORGANIZATIONS_MAX_LIMIT),
				sortBy: pg.sortBy ?? 'name',
				sortDir: pg.sortDir ?? 'asc',
			})),
		),
});

export type MakeOrganizationsQuery = z.output<typeof makeOrganizationsQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Responses (docs/api/make.md#responses)
// ---------------------------------------------------------------------------------------------

export const makeUserRefSchema = z
	.object({ id: z.number().int(), name: z.string(), email: z.string().email() })
	.strict();
export const makeTeamRefSchema = z.object({ id: z.number().int(), name: z.string() }).strict();
export const makeOrganizationRefSchema = z
	.object({ id: z.number().int(), name: z.string() })
	.strict();
export const makeVersionSchema = z.object({ from: z.string(), to: z.string() }).strict();

export type MakeUserRef = z.infer<typeof makeUserRefSchema>;
export type MakeTeamRef = z.infer<typeof makeTeamRefSchema>;
export type MakeVersion = z.infer<typeof makeVersionSchema>;

/**
 * One audit-log entry, field order as in Make's OpenAPI (`additionalProperties: false`).
 * `triggeredAt` is whole epoch SECONDS (INFERRED unit: the schema says integer only);
 * `createdAt` is when the entry was stored, ISO-8601 with milliseconds.
 */
export const makeAuditLogEntrySchema = z
	.object({
		/** UUIDv4, e.g. `c37c7292-35cd-4dc4-9113-21b23beaea7d`. */
		uuid: z.string().uuid(),
		createdAt: z.string().datetime({ precision: 3 }),
		triggeredAt: z.number().int().positive().lt(10_000_000_000, 'epoch seconds, not milliseconds'),
		organizationId: z.number().int(),
		organization: makeOrganizationRefSchema,
		/** e.g. `key_created`, `webhook_disabled` (docs/api/make.md#filters-catalogue). */
		eventName: z.string(),
		/** `null` for organization-level events such as logins and API keys (INFERRED). */
		team: makeTeamRefSchema.nullable(),
		actor: makeUserRefSchema,
		/** Id of the thing acted on, as a string. */
		targetId: z.string(),
		/** Versioned entities only (e.g. a scenario blueprint), else `null` (INFERRED). */
		version: makeVersionSchema.nullable(),
	})
	.strict();

export type MakeAuditLogEntry = z.infer<typeof makeAuditLogEntrySchema>;

/** The detail: the entry at top level (no wrapper) plus a free-form `details` object. */
export const makeAuditLogDetailSchema = makeAuditLogEntrySchema
	.extend({ details: z.record(z.string(), z.unknown()) })
	.strict();

export type MakeAuditLogDetail = z.infer<typeof makeAuditLogDetailSchema>;

/** `pg` echoes the effective paging; `totalCount` only with `pg[returnTotalCount]=true`. */
export const makeAuditLogsPgResponseSchema = z
	.object({
		sortBy: z.enum(MAKE_SORT_FIELDS),
		sortDir: z.enum(MAKE_SORT_DIRS),
		limit: z.number().int().positive(),
		offset: z.number().int().nonnegative(),
		totalCount: z.number().int().nonnegative().optional(),
		/** Keyset paging only (not emulated). */
		last: z.string().optional(),
		showLast: z.boolean().optional(),
	})
	.strict();

export const makeAuditLogsResponseSchema = z
	.object({ auditLogs: z.array(makeAuditLogEntrySchema), pg: makeAuditLogsPgResponseSchema })
	.strict();

export type MakeAuditLogsResponse = z.infer<typeof makeAuditLogsResponseSchema>;

export const makeFilterEventGroupSchema = z
	.object({
		header: z.string(),
		items: z.array(z.object({ label: z.string(), value: z.string() }).strict()),
	})
	.strict();

export type MakeFilterEventGroup = z.infer<typeof makeFilterEventGroupSchema>;

export const makeOrganizationFiltersSchema = z
	.object({
		users: z.array(makeUserRefSchema),
		teams: z.array(makeTeamRefSchema),
		events: z.array(makeFilterEventGroupSchema),
	})
	.strict();

export type MakeOrganizationFilters = z.infer<typeof makeOrganizationFiltersSchema>;

/** Same as the organization's, without `teams`. */
export const makeTeamFiltersSchema = makeOrganizationFiltersSchema.omit({ teams: true }).strict();

export type MakeTeamFilters = z.infer<typeof makeTeamFiltersSchema>;

/**
 * One organization of `GET /organizations`: the columns asked for (`cols[]`), by default
 * `id`, `name`, `zone`, `timezoneId`. `license` and `isPaused` are filled in only for
 * organizations of the zone called; elsewhere `{}` and `null` (INFERRED shape).
 */
export const makeOrganizationSchema = z
	.object({
		id: z.number().int(),
		name: z.string(),
		zone: z.string(),
		timezoneId: z.number().int(),
		countryId: z.number().int(),
		license: z.record(z.string(), z.unknown()),
		isPaused: z.boolean().nullable(),
		serviceName: z.string(),
		teams: z.array(makeTeamRefSchema),
	})
	.partial()
	.strict();

export type MakeOrganization = z.infer<typeof makeOrganizationSchema>;

export const makeOrganizationsResponseSchema = z
	.object({
		organizations: z.array(makeOrganizationSchema),
		pg: z
			.object({
				sortBy: z.enum(MAKE_ORGANIZATION_SORT_FIELDS),
				sortDir: z.enum(MAKE_SORT_DIRS),
				limit: z.number().int().positive(),
				offset: z.number().int().nonnegative(),
			})
			.strict(),
	})
	.strict();

export type MakeOrganizationsResponse = z.infer<typeof makeOrganizationsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// The nodes' plain types must accept everything this spec sends, under the same field names
// ---------------------------------------------------------------------------------------------

/** Wire type → the nodes' type that must accept it. */
interface WirePairs {
	entry: [MakeAuditLogEntry, Nodes.MakeAuditLogEntry];
	detail: [MakeAuditLogDetail, Nodes.MakeAuditLogDetail];
	list: [MakeAuditLogsResponse, Nodes.MakeAuditLogsResponse];
	organizationFilters: [MakeOrganizationFilters, Nodes.MakeOrganizationFilters];
	teamFilters: [MakeTeamFilters, Nodes.MakeTeamFilters];
	eitherFilters: [MakeOrganizationFilters | MakeTeamFilters, Nodes.MakeFiltersResponse];
	organizations: [MakeOrganizationsResponse, Nodes.MakeOrganizationsResponse];
	error: [MakeErrorBody, Nodes.MakeErrorBody];
	sortBy: [MakeSortBy, Nodes.MakeSortBy];
	sortByBack: [Nodes.MakeSortBy, MakeSortBy];
	zone: [MakeZone, Nodes.MakeZone];
	zoneBack: [Nodes.MakeZone, MakeZone];
}

/** The names of the pairs that do not hold: must be none. */
type BrokenPairs = {
	[K in keyof WirePairs]: Assignable<WirePairs[K][0], WirePairs[K][1]> extends true ? never : K;
}[keyof WirePairs];

export type MakeWireChecks = [
	Expect<[BrokenPairs] extends [never] ? true : false>,
	// Same field names, so nothing the API sends goes unread under another name.
	Expect<SameKeys<MakeAuditLogEntry, Nodes.MakeAuditLogEntry>>,
	Expect<SameKeys<MakeAuditLogDetail, Nodes.MakeAuditLogDetail>>,
];
