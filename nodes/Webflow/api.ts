import type { IDataObject } from 'n8n-workflow';

import type { Envelope } from '../shared/envelope';
import { expectEnvelope } from '../shared/envelope';
import { stableHash } from '../shared/hash';
import type { PaginationStrategy } from '../shared/paginate';
import { offsetAfter, offsetPagination, paginate } from '../shared/paginate';
import type { ApiClient, ProviderApi } from '../shared/transport';
import { isObject } from '../shared/transport';
import type { WebflowSiteActivityLogItem, WebflowWorkspaceAuditLogItem } from './types';

export type { WebflowSiteActivityLogItem, WebflowWorkspaceAuditLogItem };

export const MAX_PAGE_SIZE = 100;

const SCOPE_HINTS: Array<[RegExp, string]> = [
	[
		/workspace_activity:read/,
		'Workspace audit logs need a workspace API token with the workspace_activity:read scope (Workspace settings → Integrations → Workspace API access).',
	],
	[
		/sites:read/,
		'Listing sites needs a token with the sites:read scope. Choose the site By ID instead, or add the scope to the token.',
	],
	[
		/site_activity:read/,
		'Site activity logs need a site token with the site_activity:read scope. A workspace token cannot read site activity logs.',
	],
];

export const webflowApi: ProviderApi = {
	name: 'Webflow',
	credentialType: 'webflowAuditLogApi',
	baseUrlOf: (credentials) => String(credentials.baseUrl ?? ''),
	// Webflow limits requests per token and minute, not how many run at once (docs/api/webflow.md#rate-limits-and-headers).
	maxConcurrency: 8,
	describeError(status, body) {
		const code = isObject(body) && typeof body.code === 'string' ? body.code : undefined;
		const message = isObject(body) && typeof body.message === 'string' ? body.message : `HTTP ${status}`;
		if (status === 401) return { message, hint: 'Check the access token in the Webflow credential: it is missing, revoked or mistyped.' };
		if (status === 403) {
			if (code === 'not_enterprise_plan_workspace' || code === 'not_enterprise_plan_site') {
				return { message, hint: 'Audit and activity logs are available only on Webflow Enterprise plans.' };
			}
			const scopeHint = SCOPE_HINTS.find(([pattern]) => pattern.test(message))?.[1];
			return {
				message,
				hint: scopeHint ?? 'The token lacks the scope or role for this endpoint: workspace_activity:read for workspace audit logs, site_activity:read for site activity logs.',
			};
		}
		if (status === 404) return { message, hint: 'Check the workspace ID or slug, or the site ID: Webflow found none that this token can see.' };
		if (status === 400) return { message, hint: 'Check the filter values (event type, dates, limit): Webflow rejected the request.' };
		return { message };
	},
};

/**
 * What the nodes read of a list page (docs/api/webflow.md): the items and the total, which
 * decides where a walk ends. The `pagination.offset` echo is not relied on: Webflow's own
 * example echoes 0 for a request at offset 1 (docs/api/webflow.md#paging).
 */
const PAGE: Envelope = { items: 'array', 'items[]': 'object', pagination: 'object', 'pagination.total': 'number' };

/** A workspace audit entry has no ID: its identity and the time window both read its time. */
const WORKSPACE_PAGE: Envelope = { ...PAGE, 'items[].timestamp': 'date' };

/** A site activity entry: its ID, and its time, which tells the log's order. */
const SITE_PAGE: Envelope = { ...PAGE, 'items[].id': 'string', 'items[].createdOn': 'date' };

type ListBody<T> = { items: T[]; pagination: { total: number } };

const itemsOf = <T>(body: unknown) => (body as ListBody<T>).items;

export interface WorkspaceQuery {
	workspace: string;
	eventType?: string;
	/** Epoch ms, inclusive. */
	from?: number;
	/** Epoch ms, inclusive. */
	to?: number;
	sortOrder: 'asc' | 'desc';
}

export const workspaceTimeOf = (item: WebflowWorkspaceAuditLogItem) => Date.parse(String(item.timestamp));

/**
 * Whether `from`/`to` are inclusive is undocumented (docs/api/webflow.md#from-and-to-inclusivity),
 * so the window is widened by a millisecond on each side and applied exactly here: right under
 * either reading.
 */
function workspacePages(query: WorkspaceQuery): PaginationStrategy<WebflowWorkspaceAuditLogItem> {
	const qs: IDataObject = { sortOrder: query.sortOrder };
	if (query.eventType) qs.eventType = query.eventType;
	if (query.from !== undefined) qs.from = new Date(query.from - 1).toISOString();
	if (query.to !== undefined) qs.to = new Date(query.to + 1).toISOString();
	return offsetPagination({
		url: `/v2/workspaces/${encodeURIComponent(query.workspace)}/audit_logs`,
		qs,
		offsetParam: 'offset',
		limitParam: 'limit',
		envelope: WORKSPACE_PAGE,
		itemsOf: itemsOf<WebflowWorkspaceAuditLogItem>,
		totalOf,
	});
}

/** The total of a page that matched PAGE. */
function totalOf(body: unknown): number {
	return (body as ListBody<unknown>).pagination.total;
}

export async function listWorkspaceAuditLogs(
	client: ApiClient,
	query: WorkspaceQuery,
	{ limit, minimum }: { limit?: number; minimum?: number } = {},
) {
	const inWindow = (item: WebflowWorkspaceAuditLogItem) => {
		const time = workspaceTimeOf(item);
		return (query.from === undefined || time >= query.from) && (query.to === undefined || time <= query.to);
	};
	return await paginate(client, workspacePages(query), {
		limit,
		maxPageSize: MAX_PAGE_SIZE,
		idOf: workspaceEventId,
		keep: query.from === undefined && query.to === undefined ? undefined : inWindow,
		minimum,
	});
}

export const siteTimeOf = (item: WebflowSiteActivityLogItem) => Date.parse(String(item.createdOn));

const sitePath = (siteId: string) => `/v2/sites/${encodeURIComponent(siteId)}/activity_logs`;

/** Whether a page runs oldest first; a page of equal times reads as newest first. */
function isOldestFirst(items: WebflowSiteActivityLogItem[]) {
	return items.length > 1 && siteTimeOf(items[0]) < siteTimeOf(items[items.length - 1]);
}

/**
 * Site activity logs page by offset with no filters, and their order is undocumented
 * (Webflow documents only that there is no sort: docs/api/webflow.md#site-activity-order).
 * The sandbox and, we assume, Webflow serve them newest first. A reader that wants the newest
 * entries (`newestFirst`) checks the first page, and if the log turns out to run oldest first,
 * it jumps to the end and reads backwards. `olderThan` ends the walk at the first page that
 * reaches older entries.
 */
function siteActivityPages(
	siteId: string,
	{ newestFirst, olderThan }: { newestFirst: boolean; olderThan?: number },
): PaginationStrategy<WebflowSiteActivityLogItem> {
	const at = (offset: number, limit: number) => ({ url: sitePath(siteId), qs: { offset, limit } });
	const reachedOlder = (items: WebflowSiteActivityLogItem[]) =>
		olderThan !== undefined && items.some((item) => siteTimeOf(item) < olderThan);
	let backwards = false;
	return {
		first: (pageSize) => at(0, pageSize),
		items: itemsOf<WebflowSiteActivityLogItem>,
		envelope: SITE_PAGE,
		totalOf,
		// Only a plain walk in the API's order moves forward by offset; the trigger's may turn back.
		offsetParam: newestFirst || olderThan !== undefined ? undefined : 'offset',
		next(page, pageSize) {
			const offset = Number(page.request.qs?.offset);
			const total = totalOf(page.body);
			if (!backwards && offset === 0 && newestFirst && isOldestFirst(page.items) && total !== undefined && total > page.items.length) {
				backwards = true;
				return at(Math.max(0, total - pageSize), pageSize);
			}
			if (backwards) {
				if (offset === 0 || reachedOlder(page.items)) return null;
				const previous = Math.max(0, offset - pageSize);
				return at(previous, offset - previous);
			}
			if (newestFirst && reachedOlder(page.items)) return null;
			const nextOffset = offsetAfter({ offset, requested: Number(page.request.qs?.limit), count: page.items.length, total });
			return nextOffset === null ? null : at(nextOffset, pageSize);
		},
	};
}

/**
 * Lists a site's activity log in the API's own order (the node's Get Many), or, for the
 * trigger, the entries at or after `olderThan`. Entries read twice because new ones
 * shifted the offsets are dropped by ID.
 */
export async function listSiteActivityLogs(
	client: ApiClient,
	siteId: string,
	options: { limit?: number; newestFirst?: boolean; olderThan?: number } = {},
) {
	const { limit, newestFirst = false, olderThan } = options;
	return await paginate(client, siteActivityPages(siteId, { newestFirst, olderThan }), {
		limit,
		maxPageSize: MAX_PAGE_SIZE,
		idOf: (item) => item.id,
		keep: olderThan === undefined ? undefined : (item) => siteTimeOf(item) >= olderThan,
	});
}

/**
 * Where the trigger's walk down a site's activity log continues: below the entry that has
 * `fromOldest` entries older than it. Counted from the oldest end, so new entries arriving
 * at the newest end do not move it. `total` and `oldestFirst` are what the last page said.
 */
export type SiteAnchor = { fromOldest: number; total: number; oldestFirst: boolean };

/**
 * One page, newest first, of a site's activity log below `anchor` (null = the newest
 * entries), whichever order the API serves (docs/api/webflow.md#site-activity-order).
 */
export async function siteActivityPageBelow(
	client: ApiClient,
	siteId: string,
	anchor: SiteAnchor | null,
): Promise<{ events: WebflowSiteActivityLogItem[]; next: SiteAnchor | null }> {
	const read = async (offset: number, limit: number) => {
		const body = await readSitePage(client, siteId, offset, limit);
		return { items: body.items, total: body.pagination.total };
	};
	let offset: number;
	let page: { items: WebflowSiteActivityLogItem[]; total: number };
	let oldestFirst = anchor?.oldestFirst ?? false;
	if (anchor === null) {
		offset = 0;
		page = await read(0, MAX_PAGE_SIZE);
		oldestFirst = isOldestFirst(page.items);
		if (oldestFirst && page.total !== undefined && page.total > page.items.length) {
			offset = Math.max(0, page.total - MAX_PAGE_SIZE);
			page = await read(offset, MAX_PAGE_SIZE);
		}
	} else if (oldestFirst) {
		offset = Math.max(0, anchor.fromOldest - MAX_PAGE_SIZE);
		page = await read(offset, anchor.fromOldest - offset);
	} else {
		offset = Math.max(0, anchor.total - anchor.fromOldest);
		page = await read(offset, MAX_PAGE_SIZE);
	}
	const total = page.total;
	const events = oldestFirst ? [...page.items].reverse() : page.items;
	const olderLeft = oldestFirst ? offset : total - (offset + page.items.length);
	return { events, next: olderLeft > 0 && page.items.length > 0 ? { fromOldest: olderLeft, total, oldestFirst } : null };
}

/** The newest `count` entries, newest first, whichever order the API serves. */
export async function latestSiteActivity(client: ApiClient, siteId: string, count: number) {
	const { items, pagination } = await readSitePage(client, siteId, 0, count);
	// A page bigger than asked is cut to what was asked for, from the newest end.
	if (!isOldestFirst(items)) return items.slice(0, count);
	if (pagination.total <= items.length) return [...items].reverse().slice(0, count);
	const tail = await readSitePage(client, siteId, Math.max(0, pagination.total - count), count);
	return [...tail.items].reverse().slice(0, count);
}

/** One page of a site's activity log, checked against SITE_PAGE. */
async function readSitePage(client: ApiClient, siteId: string, offset: number, limit: number) {
	const response = await client.request({ url: sitePath(siteId), qs: { offset, limit } });
	return expectEnvelope<ListBody<WebflowSiteActivityLogItem>>(client, response, SITE_PAGE);
}

/** A site of the token's workspace, as `GET /v2/sites` lists it (docs/api/webflow.md#site-list). */
export interface WebflowSiteSummary {
	id: string;
	displayName?: string;
	shortName?: string;
}

const SITES: Envelope = { sites: 'array', 'sites[]': 'object', 'sites[].id': 'string' };

/** The sites the token can list (scope sites:read), for the site picker. */
export async function listSites(client: ApiClient): Promise<WebflowSiteSummary[]> {
	const response = await client.request({ url: '/v2/sites' });
	return expectEnvelope<{ sites: WebflowSiteSummary[] }>(client, response, SITES).sites;
}

/**
 * Workspace audit entries carry no ID. Two entries are the same event only if their time,
 * type, subtype, actor and payload all match, so that is what the identity hashes.
 */
export function workspaceEventId(item: WebflowWorkspaceAuditLogItem): string {
	return `wf-${stableHash([item.timestamp, item.eventType, item.eventSubType, item.actor ?? null, item.payload ?? null])}`;
}
