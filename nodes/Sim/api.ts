import type { IDataObject } from 'n8n-workflow';

import type { Envelope } from '../shared/envelope';
import { expectEnvelope } from '../shared/envelope';
import type { ApiClient, ProviderApi } from '../shared/transport';
import { isObject } from '../shared/transport';
import type { PaginationStrategy } from '../shared/paginate';
import { paginate, repeatedPageError } from '../shared/paginate';
import type { SimAuditLogEntry as AuditLogEntry } from './types';

export type { AuditLogEntry };

export const AUDIT_LOGS_PATH = '/api/v1/audit-logs';
export const MAX_PAGE_SIZE = 100;

/** The 403 messages of Sim's enterprise gate, each with what the user can do about it. */
const FORBIDDEN_HINTS: Array<[RegExp, string]> = [
	[/admin or owner/i, 'The API key belongs to a user without the admin or owner role. Use a key of an organization admin or owner.'],
	[/enterprise subscription/i, 'Audit logs need an active Sim Enterprise subscription for the organization.'],
	[/not a member of any organization/i, "The API key's user belongs to no organization. Audit logs are per organization."],
	[/AUDIT_LOGS_ENABLED|ENTERPRISE_ENABLED/, 'On a self-hosted Sim, set AUDIT_LOGS_ENABLED=true on the server.'],
];

export const simApi: ProviderApi = {
	name: 'Sim',
	credentialType: 'simAuditLogApi',
	baseUrlOf: (credentials) => String(credentials.baseUrl ?? ''),
	// Sim limits requests with a token bucket, not how many run at once (docs/api/sim.md#rate-limits-and-headers).
	maxConcurrency: 8,
	describeError(status, body) {
		const message = isObject(body) && typeof body.error === 'string' ? body.error : `HTTP ${status}`;
		if (status === 401) {
			return { message, hint: 'Check the API key in the Sim credential. Sim keys start with sk-sim- and can be revoked or expire.' };
		}
		if (status === 403) {
			const hint = FORBIDDEN_HINTS.find(([pattern]) => pattern.test(message))?.[1];
			return { message, hint: hint ?? 'The API key lacks access to audit logs: an organization admin or owner on the Enterprise plan is required.' };
		}
		if (status === 400) {
			const paths = isObject(body) && Array.isArray(body.details) ? fieldsOf(body.details) : [];
			return {
				message,
				hint: paths.length
					? `Sim rejected the filter ${paths.map((p) => `"${p}"`).join(', ')}. Check its value.`
					: 'Check the filter values: Sim rejected the request.',
			};
		}
		if (status === 404) return { message, hint: 'No audit log with this ID exists in your organization.' };
		return { message };
	},
};

function fieldsOf(details: unknown[]): string[] {
	return details.flatMap((detail) =>
		isObject(detail) && Array.isArray(detail.path) ? [detail.path.join('.')] : [],
	);
}

export interface SimFilters {
	action?: string;
	resourceTypes?: string[];
	resourceId?: string;
	workspaceId?: string;
	actorId?: string;
	/** Epoch ms, inclusive. */
	startDate?: number;
	/** Epoch ms, inclusive. */
	endDate?: number;
	includeDeparted?: boolean;
}

function filterQuery(filters: SimFilters): IDataObject {
	const qs: IDataObject = {};
	if (filters.action) qs.action = filters.action;
	if (filters.resourceTypes?.length) qs.resourceType = filters.resourceTypes.join(',');
	if (filters.resourceId) qs.resourceId = filters.resourceId;
	if (filters.workspaceId) qs.workspaceId = filters.workspaceId;
	if (filters.actorId) qs.actorId = filters.actorId;
	if (filters.startDate !== undefined) qs.startDate = new Date(filters.startDate).toISOString();
	if (filters.includeDeparted !== undefined) qs.includeDeparted = String(filters.includeDeparted);
	return qs;
}

export const timeOf = (entry: AuditLogEntry) => Date.parse(entry.createdAt);

/**
 * What the nodes read of a list page (docs/api/sim.md): the rows, each row's ID (identity)
 * and time (the next page's window), and the cursor.
 */
const PAGE: Envelope = {
	data: 'array',
	'data[]': 'object',
	'data[].id': 'string',
	'data[].createdAt': 'date',
	nextCursor: 'string?',
};

type PageBody = { data: AuditLogEntry[]; nextCursor?: string | null };

const rowsOf = (body: unknown) => (body as PageBody).data;

/**
 * Sim pages newest first with a cursor of {createdAt, id}. Sim stores microseconds but
 * its cursor and dates carry milliseconds, so plain cursor paging can skip rows that
 * share the last row's millisecond, and an `endDate` on a row's millisecond can drop it
 * (docs/api/sim.md#precision-quirk). So each page after the first is a time window whose
 * upper bound, `endDate`, is one millisecond past the previous page's last row: that
 * millisecond is read again in full and rows already delivered are dropped by ID. Only when a
 * whole page falls inside one millisecond does it continue with Sim's own cursor.
 */
export function auditLogPages(filters: SimFilters): PaginationStrategy<AuditLogEntry> {
	const base = filterQuery(filters);
	const window = (upperMs: number | undefined, pageSize: number): IDataObject => ({
		...base,
		...(upperMs !== undefined ? { endDate: new Date(upperMs).toISOString() } : {}),
		limit: pageSize,
	});
	// A user's inclusive endDate is sent one millisecond later and applied exactly by `keep`.
	const userEnd = filters.endDate;
	return {
		first: (pageSize) => ({
			url: AUDIT_LOGS_PATH,
			qs: window(userEnd === undefined ? undefined : userEnd + 1, pageSize),
		}),
		items: rowsOf,
		envelope: PAGE,
		next(page, pageSize) {
			const rows = page.items;
			const { nextCursor } = page.body as PageBody;
			if (!nextCursor || rows.length === 0) return null;
			const lastMs = timeOf(rows[rows.length - 1]);
			const upper = lastMs + 1;
			// Rows of the boundary millisecond come again; ask for that many more.
			const repeated = rows.filter((row) => timeOf(row) === lastMs).length;
			const size = Math.min(MAX_PAGE_SIZE, pageSize + repeated);
			if (page.request.qs?.endDate === new Date(upper).toISOString()) {
				return { url: AUDIT_LOGS_PATH, qs: { ...window(upper, size), cursor: nextCursor } };
			}
			return { url: AUDIT_LOGS_PATH, qs: window(upper, size) };
		},
	};
}

/**
 * Lists audit logs, newest first. Sim filters by time, so a Return All may walk windows of
 * time at once: [from, until) is `startDate` from (Sim's `>=` on stored microseconds takes
 * that whole millisecond) and the quirk-safe pages below `until`, whose last millisecond
 * `auditLogPages` reads whole; rows at `until` itself are the next window's (`keep`).
 */
export async function listAuditLogs(client: ApiClient, filters: SimFilters, limit?: number) {
	const { startDate, endDate } = filters;
	const strategy: PaginationStrategy<AuditLogEntry> = {
		...auditLogPages(filters),
		timeWindows: {
			newestFirst: true,
			timeOf,
			unitMs: 1,
			range: { from: startDate, until: endDate === undefined ? undefined : endDate + 1 },
			window(from, until) {
				const windowEnd = until === undefined ? endDate : Math.min(until - 1, endDate ?? until - 1);
				return {
					strategy: auditLogPages({ ...filters, startDate: from === undefined ? startDate : Math.max(from, startDate ?? from), endDate: windowEnd }),
					keep: windowEnd === undefined ? undefined : (entry) => timeOf(entry) <= windowEnd,
				};
			},
		},
	};
	return await paginate(client, strategy, {
		limit,
		maxPageSize: MAX_PAGE_SIZE,
		idOf: (entry) => entry.id,
		keep: filters.endDate === undefined ? undefined : (entry) => timeOf(entry) <= filters.endDate!,
	});
}

/**
 * Where a newest-first walk continues: below `upper` (epoch ms, inclusive), with Sim's own
 * cursor when a whole page fell inside one millisecond.
 */
export type SimAnchor = { upper: number } | { upper: number; cursor: string };

/**
 * One page of the trigger's walk: the newest rows at or after `since` and at or below the
 * anchor. The next anchor re-reads the boundary millisecond, as `auditLogPages` does.
 */
export async function auditLogPageBelow(
	client: ApiClient,
	filters: SimFilters,
	anchor: SimAnchor | null,
	since: number | undefined,
): Promise<{ events: AuditLogEntry[]; next: SimAnchor | null }> {
	const qs: IDataObject = { ...filterQuery({ ...filters, startDate: since }), limit: MAX_PAGE_SIZE };
	if (anchor) qs.endDate = new Date(anchor.upper).toISOString();
	if (anchor && 'cursor' in anchor) qs.cursor = anchor.cursor;
	const response = await client.request({ url: AUDIT_LOGS_PATH, qs });
	const { data: rows, nextCursor } = expectEnvelope<PageBody>(client, response, PAGE);
	if (!nextCursor || rows.length === 0) return { events: rows, next: null };
	const lastMs = timeOf(rows[rows.length - 1]);
	// A page wholly inside one millisecond can only go on with Sim's cursor.
	const next: SimAnchor = anchor?.upper === lastMs + 1 ? { upper: lastMs + 1, cursor: nextCursor } : { upper: lastMs + 1 };
	// The same cursor again would read this page again, and the engine, which reuses the pages
	// it read, would go round forever.
	if (anchor && 'cursor' in anchor && 'cursor' in next && anchor.cursor === next.cursor) {
		throw repeatedPageError(client, JSON.stringify([AUDIT_LOGS_PATH, qs]));
	}
	return { events: rows, next };
}

/** `GET /api/v1/audit-logs/{id}`: the entry under `data`. */
const ENTRY: Envelope = { data: 'object', 'data.id': 'string' };

export async function getAuditLog(client: ApiClient, id: string): Promise<AuditLogEntry> {
	const response = await client.request({ url: `${AUDIT_LOGS_PATH}/${encodeURIComponent(id)}` });
	return expectEnvelope<{ data: AuditLogEntry }>(client, response, ENTRY).data;
}
