import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Envelope } from '../shared/envelope';
import { expectEnvelope } from '../shared/envelope';
import { stableHash } from '../shared/hash';
import type { PaginationStrategy } from '../shared/paginate';
import { nextLinkPagination, paginate } from '../shared/paginate';
import type { ApiClient, ProviderApi } from '../shared/transport';
import { isObject } from '../shared/transport';
import { shown } from '../shared/validate';
import type { ActivityFilter } from './filter';
import { buildFilter } from './filter';
import type { WorkivaActivity, WorkivaActivityAction } from './types';

export type { WorkivaActivity, WorkivaActivityAction };

/** Workiva's largest `$maxpagesize`, and its default (docs/api/workiva.md#order-and-paging). */
export const MAX_PAGE_SIZE = 1000;

/** The API host of a Workiva credential: the region's, or a custom one (docs/api/workiva.md#regions). */
export function workivaBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return credentials.region === 'custom'
		? String(credentials.baseUrl ?? '').replace(/\/+$/, '')
		: `https://${String(credentials.region ?? 'api.app.wdesk.com')}`;
}

const ROLE_HINT =
	'The OAuth client needs the activity:read scope, and its user an admin role: Org User, Workspace or Security Admin for organization activities, Workspace Owner for workspace activities.';

export const workivaApi: ProviderApi = {
	name: 'Workiva',
	credentialType: 'workivaOAuth2Api',
	oauth2: true,
	baseUrlOf: workivaBaseUrl,
	// Workiva throttles by load and request rate, not by requests at once (docs/api/workiva.md#rate-limits).
	maxConcurrency: 8,
	// Without the header Workiva routes to 2022-01-01 (docs/api/workiva.md#versions).
	headersOf: (credentials) => ({ 'X-Version': String(credentials.apiVersion || '2026-01-01') }),
	describeError(status, body) {
		const message = isObject(body) && typeof body.message === 'string' ? body.message : `HTTP ${status}`;
		const details = isObject(body) && Array.isArray(body.details) ? body.details.filter(isObject) : [];
		const detail = details.map((entry) => entry.message).filter((text) => typeof text === 'string').join('; ');
		const text = detail ? `${message} (${detail})` : message;
		if (status === 401) return { message: text, hint: 'Check the client ID, the client secret and the region in the Workiva credential.' };
		if (status === 403) return { message: text, hint: ROLE_HINT };
		if (status === 404) return { message: text, hint: 'Check the organization, workspace or activity ID: Workiva found none that this client can see.' };
		if (status === 400) {
			const target = isObject(body) && typeof body.target === 'string' ? ` (${body.target})` : '';
			return { message: text, hint: `Check the filters${target}: Workiva rejected the request.` };
		}
		return { message: text };
	},
};

/** Which paths to call: as documented for 2026-01-01, or with 2022-01-01's /admin/v1 prefix. */
export type PathStyle = 'documented' | 'adminV1';

const prefix = (style: PathStyle) => (style === 'adminV1' ? '/admin/v1' : '');

export type ActivityScope = { organizationId: string } | { organizationId: string; workspaceId: string };

export interface ActivityQuery {
	scope: ActivityScope;
	filter: ActivityFilter;
	order: 'asc' | 'desc';
	pageSize?: number;
	pathStyle: PathStyle;
}

function activitiesPath(scope: ActivityScope, style: PathStyle): string {
	const org = `${prefix(style)}/organizations/${encodeURIComponent(scope.organizationId)}`;
	return 'workspaceId' in scope ? `${org}/workspaces/${encodeURIComponent(scope.workspaceId)}/activities` : `${org}/activities`;
}

export const timeOf = (activity: WorkivaActivity) => Date.parse(activity.activityDateTime);

/**
 * An activity's identity. Workiva does not guarantee stable activity IDs, so it is the
 * `eventId:` tag when there is one, else a hash of everything but the ID
 * (docs/api/workiva.md#activity-ids).
 */
export function activityIdentity(activity: WorkivaActivity): string {
	const tag = activity.tags?.find((entry) => entry.startsWith('eventId:'));
	if (tag) return tag;
	return `content:${stableHash({ ...activity, id: undefined })}`;
}

/**
 * What the nodes read of an activities page (docs/api/workiva.md#order-and-paging): the
 * activities, each one's time and tags (its identity is an `eventId:` tag or a content hash),
 * and the next link.
 */
const ACTIVITIES_PAGE: Envelope = {
	data: 'array',
	'data[]': 'object',
	'data[].activityDateTime': 'date',
	'data[].tags': 'array?',
	'data[].tags[]': 'string',
	'@nextLink': 'string?',
};

/** An action catalogue page: each action's ID is its identity. */
const ACTIONS_PAGE: Envelope = { data: 'array', 'data[]': 'object', 'data[].id': 'string', '@nextLink': 'string?' };

/** Get by ID returns the record itself, no wrapper. */
const RECORD: Envelope = { id: 'string' };

type ListBody<T> = { data: T[]; '@nextLink'?: string | null };

const dataOf = <T>(body: unknown) => (body as ListBody<T>).data;
const nextLinkOf = (body: unknown) => (body as ListBody<unknown>)['@nextLink'];

/**
 * Lists activities, following `@nextLink` on the configured origin only. Activities filter by
 * `activityDateTime`, so a Return All may walk windows of time at once: each window is the
 * user's filter and `activityDateTime ge <from> and lt <until>`, exact at any edge.
 */
export async function listActivities(client: ApiClient, query: ActivityQuery, options: { limit?: number; minimum?: number } = {}) {
	const url = activitiesPath(query.scope, query.pathStyle);
	const queryOf = (filter: ActivityFilter, order: 'asc' | 'desc'): IDataObject => {
		const qs: IDataObject = { $orderBy: `activityDateTime ${order}` };
		const expression = buildFilter(filter);
		if (expression) qs.$filter = expression;
		return qs;
	};
	const activities = (filter: ActivityFilter): PaginationStrategy<WorkivaActivity> =>
		nextLinkPagination<WorkivaActivity>({
			url,
			qs: queryOf(filter, query.order),
			limitParam: '$maxpagesize',
			envelope: ACTIVITIES_PAGE,
			itemsOf: dataOf,
			nextLinkOf,
		});
	const { from, to } = query.filter;
	const strategy: PaginationStrategy<WorkivaActivity> = {
		...activities(query.filter),
		timeWindows: {
			newestFirst: query.order === 'desc',
			timeOf,
			// Activities carry whole seconds (docs/api/workiva.md#endpoints).
			unitMs: 1000,
			range: { from, until: to === undefined ? undefined : to + 1 },
			window: (windowFrom, until) => ({
				strategy: activities({ ...query.filter, from: windowFrom === undefined ? from : Math.max(windowFrom, from ?? windowFrom), before: until }),
			}),
			// The list's last activity: the first one in the other order.
			farEnd: async (farClient) => {
				const qs = { ...queryOf(query.filter, query.order === 'desc' ? 'asc' : 'desc'), $maxpagesize: 1 };
				const page = expectEnvelope<ListBody<WorkivaActivity>>(farClient, await farClient.request({ url, qs }), ACTIVITIES_PAGE);
				return page.data.length ? timeOf(page.data[0]) : undefined;
			},
		},
	};
	return await paginate(client, strategy, {
		limit: options.limit,
		minimum: options.minimum,
		maxPageSize: query.pageSize ?? MAX_PAGE_SIZE,
		idOf: activityIdentity,
	});
}

export async function getActivity(client: ApiClient, activityId: string, pathStyle: PathStyle): Promise<WorkivaActivity> {
	const response = await client.request({ url: `${prefix(pathStyle)}/activities/${encodeURIComponent(activityId)}` });
	return expectEnvelope<WorkivaActivity>(client, response, RECORD);
}

export async function listActivityActions(client: ApiClient, pathStyle: PathStyle, limit?: number) {
	return await paginate(
		client,
		nextLinkPagination<WorkivaActivityAction>({
			url: `${prefix(pathStyle)}/activityActions`,
			limitParam: '$maxpagesize',
			envelope: ACTIONS_PAGE,
			itemsOf: dataOf,
			nextLinkOf,
		}),
		{ limit, maxPageSize: MAX_PAGE_SIZE, idOf: (action) => action.id },
	);
}

export async function getActivityAction(client: ApiClient, actionId: string, pathStyle: PathStyle): Promise<WorkivaActivityAction> {
	const response = await client.request({ url: `${prefix(pathStyle)}/activityActions/${encodeURIComponent(actionId)}` });
	return expectEnvelope<WorkivaActivityAction>(client, response, RECORD);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An organization ID: Workiva's are UUIDs. Checked before any request. */
export function requireOrganizationId(node: INode, value: unknown, itemIndex?: number): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!UUID.test(text)) {
		throw new NodeOperationError(node, 'Parameter "Organization ID" must be a UUID', {
			description: `Got ${shown(value ?? '')}. Use the organization's ID, e.g. 0d8bf0f4-5a0c-4a0e-9b7a-3f1c2b6e9d10.`,
			itemIndex,
		});
	}
	return text;
}
