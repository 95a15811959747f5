import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Envelope } from '../shared/envelope';
import { expectEnvelope } from '../shared/envelope';
import type { PaginationStrategy } from '../shared/paginate';
import { checkOffsetEcho, paginate } from '../shared/paginate';
import type { ApiClient, ApiRequest, ProviderApi } from '../shared/transport';
import { isObject } from '../shared/transport';
import { shown } from '../shared/validate';
import type { MakeAuditLogDetail, MakeAuditLogEntry, MakeFiltersResponse, MakeOrganization } from './types';

export type { MakeAuditLogDetail, MakeAuditLogEntry, MakeFiltersResponse, MakeOrganization };

/**
 * Make documents no maximum `pg[limit]` for audit logs; 100 is our assumption
 * (docs/api/make.md#page-size). Paging also believes the `pg.limit` the API echoes, so a
 * server that applies a smaller maximum cannot make a full page look like the last one.
 */
export const MAX_PAGE_SIZE = 100;

/** The API base of a Make credential: the zone's, or a private instance's (docs/api/make.md#zones). */
export function makeBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return credentials.zone === 'custom' ? String(credentials.baseUrl ?? '') : `https://${String(credentials.zone)}/api/v2`;
}

const ROLE_HINT =
	'Audit logs need a token with the organization:read scope, an Enterprise plan, and the organization Owner or Admin role (Team Admin for a team\'s log).';

export const makeApi: ProviderApi = {
	name: 'Make',
	credentialType: 'makeAuditLogApi',
	baseUrlOf: makeBaseUrl,
	// Make limits requests per organization and minute, not how many run at once (docs/api/make.md#rate-limits).
	maxConcurrency: 8,
	// Make reads PHP-style arrays: event[]=a&event[]=b (docs/api/make.md#query-parameters).
	arrayFormat: 'brackets',
	describeError(status, body) {
		// Make's body is { detail, message, code: "SC4xx" }; its SDK shows `detail` first (docs/api/make.md#errors).
		const detail = isObject(body) && typeof body.detail === 'string' ? body.detail : undefined;
		const message = isObject(body) && typeof body.message === 'string' ? body.message : undefined;
		const text = [message, detail].filter((part, index, all) => part && all.indexOf(part) === index).join(': ') || `HTTP ${status}`;
		if (status === 401) {
			return { message: text, hint: 'Check the API token and the zone in the Make credential: a token works only in the zone it was made in.' };
		}
		if (status === 403) return { message: text, hint: ROLE_HINT };
		if (status === 404) return { message: text, hint: 'Check the organization, team or audit-log ID: Make found none that this token can see.' };
		if (status === 429) {
			return { message: text, hint: 'Make limits requests per organization (Enterprise: 1,000 a minute). Poll less often or raise Max Retries / Max Wait.' };
		}
		if (status === 400) return { message: text, hint: 'Check the filter values: Make rejected the request.' };
		return { message: text };
	},
};

/* ----- Parameters ----- */

/** An organization or team ID: Make's are positive integers. Checked before any request. */
export function requireIntegerId(node: INode, label: string, value: unknown, itemIndex?: number): number {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^[1-9]\d{0,15}$/.test(text)) {
		throw new NodeOperationError(node, `Parameter "${label}" must be a numeric Make ID`, {
			description: `Got ${shown(value ?? '')}. Pick it from the list, or enter the number from the Make URL, e.g. 123456.`,
			itemIndex,
		});
	}
	return Number(text);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireUuid(node: INode, label: string, value: unknown, itemIndex?: number): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!UUID.test(text)) {
		throw new NodeOperationError(node, `Parameter "${label}" must be an audit-log UUID`, {
			description: `Got ${shown(value ?? '')}. Use the entry's uuid, e.g. c37c7292-35cd-4dc4-9113-21b23beaea7d.`,
			itemIndex,
		});
	}
	return text.toLowerCase();
}

export const SORT_FIELDS = ['triggeredAt', 'createdAt', 'eventName', 'actor', 'organization', 'targetId', 'team'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** Which log: an organization's (optionally narrowed to teams) or one team's. */
export type MakeScope = { organizationId: number } | { teamId: number };

export interface MakeQuery {
	scope: MakeScope;
	events?: string[];
	authors?: string[];
	/** Organization log only: team IDs or names. */
	teams?: string[];
	/** Epoch ms, inclusive. */
	from?: number;
	/** Epoch ms, inclusive. */
	to?: number;
	sortBy: SortField;
	sortDir: 'asc' | 'desc';
}

const logPath = (scope: MakeScope) =>
	'organizationId' in scope
		? `/audit-logs/organization/${encodeURIComponent(scope.organizationId)}`
		: `/audit-logs/team/${encodeURIComponent(scope.teamId)}`;

/** The UTC day of an epoch-ms time, as Make's date filters take it. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The time of an entry. `triggeredAt` is an integer whose unit Make does not state; values
 * seen are epoch seconds, and a value that can only be milliseconds is read as such. Without
 * it, `createdAt` (docs/api/make.md#responses).
 */
export function timeOf(entry: MakeAuditLogEntry): number {
	const triggered = Number(entry.triggeredAt);
	if (Number.isFinite(triggered) && triggered > 0) return triggered > 1e11 ? triggered : triggered * 1000;
	return Date.parse(String(entry.createdAt));
}

function filterQuery(query: MakeQuery): IDataObject {
	const qs: IDataObject = { 'pg[sortBy]': query.sortBy, 'pg[sortDir]': query.sortDir };
	if (query.events?.length) qs.event = query.events;
	if (query.authors?.length) qs.author = query.authors;
	if (query.teams?.length && 'organizationId' in query.scope) qs.team = query.teams;
	// Make filters by whole days, both ends inclusive: the exact times are applied here.
	if (query.from !== undefined) qs.dateFrom = utcDay(query.from);
	if (query.to !== undefined) qs.dateTo = utcDay(query.to);
	return qs;
}

/**
 * What the nodes read of an audit-log page (docs/api/make.md#responses): the entries, each
 * one's uuid (identity), and the `pg` echo of the limit and offset applied.
 */
const AUDIT_LOG_PAGE: Envelope = {
	auditLogs: 'array',
	'auditLogs[]': 'object',
	'auditLogs[].uuid': 'string',
	pg: 'object?',
	'pg.limit': 'number?',
	'pg.offset': 'number?',
};

type PageEcho = { pg?: { limit?: number; offset?: number } | null };

/**
 * Offset paging with `pg[offset]` / `pg[limit]`, ending at a page shorter than the limit
 * applied. Make sends no total (the node does not ask for `pg[returnTotalCount]`), so entries
 * removed during a walk cannot be noticed; entries added are dropped by uuid when re-read.
 */
function auditLogPages(query: MakeQuery, startOffset = 0): PaginationStrategy<MakeAuditLogEntry> {
	const url = logPath(query.scope);
	const base = filterQuery(query);
	const at = (offset: number, limit: number) => ({ url, qs: { ...base, 'pg[offset]': offset, 'pg[limit]': limit } });
	return {
		first: (pageSize) => at(startOffset, pageSize),
		offsetParam: 'pg[offset]',
		envelope: AUDIT_LOG_PAGE,
		items: (body) => (body as { auditLogs: MakeAuditLogEntry[] }).auditLogs,
		check: (request, body) => checkOffsetEcho(body, 'pg.offset', Number(request.qs?.['pg[offset]'])),
		next(page, pageSize) {
			return offsetPageAfter(page.request, page.body, page.items.length, (offset) => at(offset, pageSize));
		},
	};
}

/**
 * The page after one of `count` entries, or null. It ends at a page shorter than the limit
 * applied, which is the one asked for unless `pg.limit` echoes a smaller one: then a server
 * that applies a smaller maximum cannot make a full page look like the last one. A page
 * bigger than asked is used whole and the offset advances by all of it.
 */
function offsetPageAfter<R>(request: ApiRequest, body: unknown, count: number, at: (offset: number) => R): R | null {
	const requested = Number(request.qs?.['pg[limit]']);
	const echoed = (body as PageEcho).pg?.limit;
	const applied = typeof echoed === 'number' && echoed > 0 ? Math.min(echoed, requested) : requested;
	if (count === 0 || count < applied) return null;
	return at(Number(request.qs?.['pg[offset]']) + count);
}

export interface ListOptions {
	limit?: number;
	minimum?: number;
	/** Where the walk starts in the listing (a trigger's bookmark); default 0. */
	startOffset?: number;
	/** Sees every entry the walk reads, in order, before the exact time filter drops any. */
	observe?: (entry: MakeAuditLogEntry) => void;
}

export async function listAuditLogs(client: ApiClient, query: MakeQuery, options: ListOptions = {}) {
	const { observe } = options;
	const inWindow = (entry: MakeAuditLogEntry) => {
		observe?.(entry);
		const time = timeOf(entry);
		return (query.from === undefined || time >= query.from) && (query.to === undefined || time <= query.to);
	};
	const filtered = query.from !== undefined || query.to !== undefined || observe !== undefined;
	return await paginate(client, auditLogPages(query, options.startOffset), {
		limit: options.limit,
		minimum: options.minimum,
		maxPageSize: MAX_PAGE_SIZE,
		idOf: (entry) => entry.uuid,
		keep: filtered ? inWindow : undefined,
	});
}

export async function getAuditLog(client: ApiClient, organizationId: number, uuid: string): Promise<MakeAuditLogDetail> {
	const response = await client.request({
		url: `/audit-logs/${encodeURIComponent(organizationId)}/${encodeURIComponent(uuid)}`,
	});
	return expectEnvelope<MakeAuditLogDetail>(client, response, DETAIL);
}

/** The detail route returns the entry itself, no wrapper. */
const DETAIL: Envelope = { uuid: 'string' };

/**
 * The filter catalogue (docs/api/make.md#filters-catalogue): `users` and `events` always,
 * `teams` for an organization's. The dropdowns and Filter Catalogue read each element's fields.
 */
const FILTERS: Envelope = {
	users: 'array',
	'users[]': 'object',
	events: 'array',
	'events[]': 'object',
	'events[].items': 'array?',
	'events[].items[]': 'object',
	teams: 'array?',
	'teams[]': 'object',
};

export async function getFilterCatalogue(client: ApiClient, scope: MakeScope): Promise<MakeFiltersResponse> {
	const response = await client.request({ url: `${logPath(scope)}/filters` });
	return expectEnvelope<MakeFiltersResponse>(client, response, FILTERS);
}

/** `GET /organizations`: each organization's ID is its identity and the picker's value. */
const ORGANIZATIONS: Envelope = {
	organizations: 'array',
	'organizations[]': 'object',
	'organizations[].id': 'number',
	pg: 'object?',
	'pg.limit': 'number?',
	'pg.offset': 'number?',
};

/**
 * The token's organizations that this zone can read (`GET /organizations`, every page). Make
 * lists the user's organizations in every zone, and fills in `license` only for those of the
 * zone called (docs/api/make.md#organizations), so those are the ones offered; an API that
 * sends no licence at all gets every organization shown.
 */
export async function listOrganizations(client: ApiClient): Promise<MakeOrganization[]> {
	const columns = { cols: ['id', 'name', 'zone', 'license'] };
	const page = (offset: number, limit: number) => ({ url: '/organizations', qs: { ...columns, 'pg[offset]': offset, 'pg[limit]': limit } });
	const { items } = await paginate(
		client,
		{
			first: (pageSize) => page(0, pageSize),
			envelope: ORGANIZATIONS,
			items: (body) => (body as { organizations: MakeOrganization[] }).organizations,
			check: (request, body) => checkOffsetEcho(body, 'pg.offset', Number(request.qs?.['pg[offset]'])),
			next: (previous, pageSize) =>
				offsetPageAfter(previous.request, previous.body, previous.items.length, (offset) => page(offset, pageSize)),
		},
		{ maxPageSize: MAX_PAGE_SIZE, idOf: (organization: MakeOrganization) => String(organization.id) },
	);
	const inThisZone = items.filter((organization) => isObject(organization.license) && Object.keys(organization.license).length > 0);
	return inThisZone.length ? inThisZone : items;
}
