/**
 * Make (make.com) audit-log API: what the nodes read (docs/api/make.md). Plain types only, so
 * nothing of the wire spec ships: the zod schemas live with the sandbox
 * (test/sandbox/make/schemas.ts), which checks at compile time that they and these types agree.
 */

/** The published zones; a private instance has its own origin (docs/api/make.md#zones). */
export type MakeZone =
	| 'eu1.make.com'
	| 'eu2.make.com'
	| 'us1.make.com'
	| 'us2.make.com'
	| 'eu1.make.celonis.com'
	| 'us1.make.celonis.com';

/** `pg[sortBy]` of the audit-log lists (docs/api/make.md#sorting). */
export type MakeSortBy =
	| 'actor'
	| 'createdAt'
	| 'eventName'
	| 'organization'
	| 'targetId'
	| 'team'
	| 'triggeredAt';

export type MakeSortDir = 'asc' | 'desc';

/**
 * Make's OpenAPI marks no field as required, and the official SDK documents anonymized users
 * (`anonymized: true`, no name or email). The sandbox always sends every field; read them as
 * possibly missing.
 */
export type MakeUserRef = {
	id?: number;
	name?: string;
	email?: string;
	anonymized?: boolean;
};

export type MakeTeamRef = {
	id?: number;
	name?: string;
};

export type MakeOrganizationRef = {
	id?: number;
	name?: string;
};

/**
 * One audit-log entry, as both list routes return it. It has a UUID (`uuid`), so entries are
 * told apart by that.
 */
export interface MakeAuditLogEntry {
	/** UUIDv4, e.g. `c37c7292-35cd-4dc4-9113-21b23beaea7d`. */
	uuid: string;
	/** When the entry was stored: ISO-8601 with milliseconds. */
	createdAt: string;
	/** When the event happened: whole epoch SECONDS (unit inferred, docs/api/make.md#responses). */
	triggeredAt: number;
	organizationId: number;
	organization: MakeOrganizationRef;
	/** e.g. `key_created`, `connection_created`, `webhook_disabled`. */
	eventName: string;
	/** `null` for organization-level events (logins, API keys, organization membership). */
	team: MakeTeamRef | null;
	actor: MakeUserRef;
	/** Id of the thing acted on, as a string. */
	targetId: string;
	/** Versioned entities only (e.g. a scenario blueprint), else `null`. */
	version: { from: string; to: string } | null;
}

/** `GET /audit-logs/{organizationId}/{uuid}`: the entry (no wrapper) plus `details`. */
export interface MakeAuditLogDetail extends MakeAuditLogEntry {
	/** Free-form, per event: e.g. `{ role: { from, to } }`, `{ keyName, scopes }`. */
	details: Record<string, unknown>;
}

/** The `pg` echo of a list response; `totalCount` only with `pg[returnTotalCount]=true`. */
export interface MakeAuditLogsPg {
	sortBy: MakeSortBy;
	sortDir: MakeSortDir;
	/** The effective page size (requests above the maximum are capped). */
	limit: number;
	offset: number;
	totalCount?: number;
	last?: string;
	showLast?: boolean;
}

export interface MakeAuditLogsResponse {
	auditLogs: MakeAuditLogEntry[];
	pg: MakeAuditLogsPg;
}

/** One group of `/filters` `events`, e.g. `{ header: 'Keys', items: [{ label, value }] }`. */
export type MakeFilterEventGroup = {
	header: string;
	items: Array<{ label: string; value: string }>;
};

export interface MakeTeamFilters {
	users: MakeUserRef[];
	events: MakeFilterEventGroup[];
}

export interface MakeOrganizationFilters extends MakeTeamFilters {
	teams: MakeTeamRef[];
}

/** Either `/filters` response: an organization's has `teams`, a team's has not. */
export interface MakeFiltersResponse extends MakeTeamFilters {
	teams?: MakeTeamRef[];
}

/** One organization of `GET /organizations`: only the columns asked for with `cols[]`. */
export interface MakeOrganization {
	id?: number;
	name?: string;
	/** e.g. `eu1.make.com`: the zone whose base URL reads this organization's logs. */
	zone?: string;
	timezoneId?: number;
	countryId?: number;
	/** Filled in only for organizations of the zone called. */
	license?: Record<string, unknown>;
	isPaused?: boolean | null;
	serviceName?: string;
	teams?: MakeTeamRef[];
}

export interface MakeOrganizationsResponse {
	organizations: MakeOrganization[];
	pg: { sortBy: string; sortDir: MakeSortDir; limit: number; offset: number };
}

/** Every 4xx (and 5xx) body: `code` is `SC<status>`, e.g. `SC403`. */
export interface MakeErrorBody {
	detail: string;
	message: string;
	code: string;
	suberrors?: Array<{ message: string }>;
}
