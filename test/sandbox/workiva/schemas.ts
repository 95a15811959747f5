/**
 * Workiva activities API, wire facts in code (docs/api/workiva.md): paths per version and path
 * style, versions, scopes, paging bounds and the documented error bodies. The response shapes
 * themselves are Workiva's OpenAPI subset (`openapi.json`), checked with `openapi.ts`; the plain
 * types the nodes read are in nodes/Workiva/types.ts.
 */
import type { WorkivaApiVersion, WorkivaErrorDetails, WorkivaErrorResponse } from '../../../nodes/Workiva/types';

// ---------------------------------------------------------------------------------------------
// Hosts, versions, paths (docs/api/workiva.md#regions, #versions, #endpoints, #path-style)
// ---------------------------------------------------------------------------------------------

export const WORKIVA_REGION_ORIGINS = {
	us: 'https://api.app.wdesk.com',
	eu: 'https://api.eu.wdesk.com',
	apac: 'https://api.apac.wdesk.com',
} as const;

export const WORKIVA_VERSIONS: readonly WorkivaApiVersion[] = ['2022-01-01', '2026-01-01'];
/** A request without `X-Version` is routed to 2022-01-01 until it sunsets. */
export const WORKIVA_DEFAULT_VERSION: WorkivaApiVersion = '2022-01-01';
export const WORKIVA_VERSION_HEADER = 'X-Version';

/** 2022-01-01 documents every activities path under this prefix; the 2026-01-01 spec without it. */
export const WORKIVA_ADMIN_PREFIX = '/admin/v1';

/** The five operations, unprefixed (`:param` = one path segment), by operationId. */
export const WORKIVA_ACTIVITY_PATHS = {
	getOrganizationActivities: '/organizations/:organizationId/activities',
	getOrganizationWorkspaceActivities: '/organizations/:organizationId/workspaces/:workspaceId/activities',
	getActivityById: '/activities/:activityId',
	getActivityActions: '/activityActions',
	getActivityActionById: '/activityActions/:activityActionId',
} as const;

export type WorkivaOperationId = keyof typeof WORKIVA_ACTIVITY_PATHS;

/** `/iam/v1/oauth2/token` is documented (and the spec's `tokenUrl`); the spec's path table says `/oauth2/token`. */
export const WORKIVA_GRANT_PATH = '/iam/v1/oauth2/token';
export const WORKIVA_GRANT_PATH_ALT = '/oauth2/token';

export type WorkivaPathStyle = 'admin' | 'bare';

/** The documented path style of each version (docs/api/workiva.md#path-style). */
export const WORKIVA_DOCUMENTED_PATH_STYLE: Record<WorkivaApiVersion, WorkivaPathStyle> = {
	'2022-01-01': 'admin',
	'2026-01-01': 'bare',
};

/** A concrete URL path for an operation, in a path style. */
export function workivaPath(
	operationId: WorkivaOperationId,
	params: Record<string, string> = {},
	style: WorkivaPathStyle = 'admin',
): string {
	const path = WORKIVA_ACTIVITY_PATHS[operationId].replace(/:(\w+)/g, (_, name: string) => {
		if (params[name] === undefined) throw new Error(`${operationId} needs ${name}`);
		return encodeURIComponent(params[name]);
	});
	return style === 'admin' ? `${WORKIVA_ADMIN_PREFIX}${path}` : path;
}

// ---------------------------------------------------------------------------------------------
// Scopes, principals, paging (docs/api/workiva.md#auth, #order-and-paging)
// ---------------------------------------------------------------------------------------------

/** `activity:read` opens every activities route; `organization:read` none of them. */
export const WORKIVA_SCOPES = { activityRead: 'activity:read', organizationRead: 'organization:read' } as const;

/** The example `expires_in` of the token docs (about ten minutes). */
export const WORKIVA_TOKEN_EXPIRES_IN = 599;

/** `$maxpagesize`: 1 to 1000, and 1000 when left out. */
export const WORKIVA_MAX_PAGE_SIZE = 1000;
export const WORKIVA_DEFAULT_PAGE_SIZE = WORKIVA_MAX_PAGE_SIZE;

/** The OData-style query options, as spelled on the wire. */
export const WORKIVA_QUERY = { filter: '$filter', maxPageSize: '$maxpagesize', next: '$next', orderBy: '$orderBy' } as const;

export const WORKIVA_PRINCIPAL_TYPES = {
	user: 'com.workiva.iam.principal.user',
	/** INFERRED: a non-user performer type (the docs show users only). */
	service: 'com.workiva.iam.principal.service',
} as const;

export const WORKIVA_TARGET_TYPES = {
	user: 'com.workiva.administration.user',
	workspace: 'com.workiva.administration.workspace',
	/** INFERRED below: the docs show users and workspaces only. */
	group: 'com.workiva.administration.group',
	role: 'com.workiva.administration.role',
	organization: 'com.workiva.administration.organization',
	file: 'com.workiva.content.file',
	oauthClient: 'com.workiva.iam.oauth_client',
	retentionPolicy: 'com.workiva.activity.retention_policy',
} as const;

// ---------------------------------------------------------------------------------------------
// Errors (docs/api/workiva.md#errors)
// ---------------------------------------------------------------------------------------------

/** The canned error examples of every operation, per status. */
export const WORKIVA_CANNED_ERRORS = {
	400: { code: '400BadRequest', message: 'The request was unacceptable, often due to a missing or invalid parameter' },
	401: { code: '401Unauthorized', message: 'No valid API token provided' },
	403: { code: '403Forbidden', message: 'The API token does not have permissions to perform the request' },
	404: { code: '404NotFound', message: 'The requested resource could not be found' },
	409: { code: '409Conflict', message: 'The request conflicts with another request' },
	429: { code: '429TooManyRequests', message: 'Too many requests have been made against the API in too short a time' },
	500: {
		code: '500InternalServerError',
		message: 'The server encountered an unexpected condition that prevented it from fulfilling the request',
	},
	503: {
		code: '503ServiceUnavailable',
		message: 'The server cannot handle the request due to a temporary overload or scheduled maintenance',
	},
} as const;

export type WorkivaCannedStatus = keyof typeof WORKIVA_CANNED_ERRORS;

/**
 * A rejected query option: the `ErrorResponse` example's code. Its use for `$filter`,
 * `$maxpagesize`, `$next` and `X-Version` (not only `$orderBy`) is INFERRED.
 */
export const WORKIVA_BAD_ARGUMENT = 'BadArgument';

/** `details[].code` values (INFERRED, after the example's `InvalidOrder`). */
export const WORKIVA_DETAIL_CODES = {
	invalidFilter: 'InvalidFilter',
	unsupportedField: 'UnsupportedField',
	unsupportedOperator: 'UnsupportedOperator',
	invalidValue: 'InvalidValue',
	invalidOrder: 'InvalidOrder',
	invalidPageSize: 'InvalidPageSize',
	invalidNext: 'InvalidNextToken',
	invalidVersion: 'UnsupportedVersion',
	invalidParameter: 'InvalidParameter',
} as const;

/**
 * The error body for a version: 2026-01-01 bodies name the version (`ErrorResponse.version`);
 * the 2022-01-01 examples have no such field (INFERRED: absent there).
 */
export function workivaErrorBody(
	version: WorkivaApiVersion | undefined,
	error: { code: string; message: string; target?: string; details?: WorkivaErrorDetails[] },
): WorkivaErrorResponse {
	return { ...error, ...(version === '2026-01-01' && { version }) };
}
