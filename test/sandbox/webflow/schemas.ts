/**
 * Webflow workspace audit logs and site activity logs, wire format (docs/api/webflow.md). This is
 * the spec in code: the sandbox emulator validates with these schemas and tests check responses
 * against them. Where the docs are silent, the choice is marked INFERRED. It is test code: the
 * nodes read the plain types of nodes/Webflow/types.ts, and the checks at the bottom keep the
 * two from drifting apart.
 */
import { z } from 'zod';

import type * as Nodes from '../../../nodes/Webflow/types';
import type { Assignable, Expect, SameKeys } from '../kit';

// ---------------------------------------------------------------------------------------------
// Endpoints, scopes, limits (docs/api/webflow.md#base-url-and-auth, #workspace-audit-logs)
// ---------------------------------------------------------------------------------------------

/** Origin of the real API; every path below starts with `/v2` (or `/beta`). */
export const WEBFLOW_DEFAULT_BASE_URL = 'https://api.webflow.com';
/** Route patterns (`:param` = one path segment). */
export const WEBFLOW_WORKSPACE_AUDIT_LOGS_PATH = '/v2/workspaces/:workspaceIdOrSlug/audit_logs';
export const WEBFLOW_SITE_ACTIVITY_LOGS_PATH = '/v2/sites/:siteId/activity_logs';
/** The same site route as documented for the v2.0.0-beta docs host path (docs/api/webflow.md#site-activity-logs). */
export const WEBFLOW_SITE_ACTIVITY_LOGS_BETA_PATH = '/beta/sites/:siteId/activity_logs';

export function webflowWorkspaceAuditLogsPath(workspaceIdOrSlug: string): string {
	return `/v2/workspaces/${encodeURIComponent(workspaceIdOrSlug)}/audit_logs`;
}

export function webflowSiteActivityLogsPath(siteId: string): string {
	return `/v2/sites/${encodeURIComponent(siteId)}/activity_logs`;
}

export const WEBFLOW_SCOPES = {
	/** Workspace audit logs; held by Enterprise workspace API tokens. */
	workspaceActivity: 'workspace_activity:read',
	/** Site activity logs; site tokens / OAuth app tokens, never workspace tokens. */
	siteActivity: 'site_activity:read',
} as const;

export const WEBFLOW_MAX_LIMIT = 100;
/** INFERRED: the default `limit` is undocumented (docs/api/webflow.md#defaults); examples show 10 and 25. */
export const WEBFLOW_DEFAULT_LIMIT = 25;
/** INFERRED: the default `sortOrder` is undocumented (docs/api/webflow.md#defaults). */
export const WEBFLOW_DEFAULT_SORT_ORDER = 'desc';

/** Response headers on every API response. Webflow sends no `X-RateLimit-Reset` (docs/api/webflow.md#rate-limits-and-headers). */
export const WEBFLOW_RATE_LIMIT_HEADERS = {
	limit: 'x-ratelimit-limit',
	remaining: 'x-ratelimit-remaining',
	/** Seconds, on 429 only. */
	retryAfter: 'retry-after',
} as const;

// ---------------------------------------------------------------------------------------------
// Enums (docs/api/webflow.md#workspace-audit-log-items, #site-activity-logs)
// ---------------------------------------------------------------------------------------------

export const WEBFLOW_EVENT_TYPES = [
	'user_access',
	'custom_role',
	'workspace_membership',
	'site_membership',
	'workspace_invitation',
	/** The sixth type, added ~2026-03-04. Singular: the changelog's `workspace_settings` is wrong. */
	'workspace_setting',
] as const;

export type WebflowEventType = (typeof WEBFLOW_EVENT_TYPES)[number];

export const WEBFLOW_EVENT_SUB_TYPES = {
	user_access: ['login', 'logout'],
	custom_role: ['role_created', 'role_updated', 'role_deleted'],
	workspace_membership: ['user_added', 'user_removed', 'user_role_updated'],
	site_membership: [
		'user_added',
		'user_removed',
		'user_role_updated',
		'user_granular_access_updated',
	],
	workspace_invitation: [
		'invite_sent',
		'invite_accepted',
		'invite_updated',
		'invite_canceled',
		'invite_declined',
		'access_request_accepted',
	],
	workspace_setting: ['setting_updated'],
} as const;

export type WebflowEventSubType<T extends WebflowEventType = WebflowEventType> =
	(typeof WEBFLOW_EVENT_SUB_TYPES)[T][number];

export const WEBFLOW_USER_TYPES = ['member', 'guest', 'reviewer', 'client'] as const;

export const WEBFLOW_METHODS = {
	user_access: ['dashboard', 'sso', 'api', 'google'],
	workspace_membership: ['sso', 'dashboard', 'admin', 'access_request'],
	site_membership: ['sso', 'invite', 'scim', 'dashboard', 'admin', 'access_request'],
	workspace_invitation: ['sso', 'dashboard', 'admin'],
	workspace_setting: ['dashboard', 'admin'],
} as const;

/** Only `ai_toggle` exists so far. */
export const WEBFLOW_SETTINGS = ['ai_toggle'] as const;

export const WEBFLOW_SITE_ACTIVITY_EVENTS = [
	'styles_modified',
	'site_published',
	'ix2_modified_on_page',
	'page_dom_modified',
	'cms_item',
	'backup_created',
	'page_custom_code_modified',
	'symbols_modified',
	'variable_modified',
	'variables_modified',
	'cms_collection',
	'page_settings_modified',
	'page_settings_custom_code_modified',
	'ix2_modified_on_component',
	'ix2_modified_on_class',
	'site_custom_code_modified',
	'page_duplicated',
	'secondary_locale_page_content_modified',
	'page_renamed',
	'page_created',
	'page_deleted',
	'site_unpublished',
	'backup_restored',
	'locale_added',
	'branch_created',
	'locale_display_name_updated',
	'locale_subdirectory_updated',
	'branch_merged',
	'locale_tag_updated',
	'branch_deleted',
	'locale_enabled',
	'locale_removed',
	'locale_disabled',
	'library_shared',
	'library_unshared',
	'library_installed',
	'library_uninstalled',
	'library_update_shared',
	'library_update_accepted',
	'branch_review_created',
	'branch_review_approved',
	'branch_review_canceled',
] as const;

export type WebflowSiteActivityEvent = (typeof WEBFLOW_SITE_ACTIVITY_EVENTS)[number];

export const WEBFLOW_RESOURCE_OPERATIONS = [
	'CREATED',
	'MODIFIED',
	'PUBLISHED',
	'UNPUBLISHED',
	'DELETED',
	'GROUP_REORDERED',
	'GROUP_CREATED',
	'GROUP_DELETED',
	'REORDERED',
] as const;

export type WebflowResourceOperation = (typeof WEBFLOW_RESOURCE_OPERATIONS)[number];

// ---------------------------------------------------------------------------------------------
// Errors (docs/api/webflow.md#errors)
// ---------------------------------------------------------------------------------------------

/** `ErrorCode` of the SDK. */
export const WEBFLOW_ERROR_CODES = [
	'bad_request',
	'collection_not_found',
	'conflict',
	'duplicate_collection',
	'duplicate_user_email',
	'ecommerce_not_enabled',
	'forbidden',
	'forms_require_republish',
	'incompatible_webhook_filter',
	'internal_error',
	'invalid_auth_version',
	'invalid_credentials',
	'invalid_domain',
	'invalid_user_email',
	'item_not_found',
	'missing_scopes',
	'no_domains',
	'not_authorized',
	'not_enterprise_plan_site',
	'not_enterprise_plan_workspace',
	'order_not_found',
	'resource_not_found',
	'too_many_requests',
	'unsupported_version',
	'unsupported_webhook_trigger_type',
	'user_limit_reached',
	'user_not_found',
	'users_not_enabled',
	'validation_error',
] as const;

export type WebflowErrorCode = (typeof WEBFLOW_ERROR_CODES)[number];

/** Messages as documented; the ones marked INFERRED are not. */
export const webflowErrorMessages = {
	notAuthorized: 'Request not authorized',
	missingScopes: (scope: string) =>
		`OAuthForbidden: You are missing the following scopes - ${scope}`,
	forbidden: 'User is not authorized to perform this action',
	/** `<what>` after the colon is INFERRED, e.g. `Workspace not found`. */
	notFound: (what: string) => `Requested resource not found: ${what}`,
	notEnterpriseSite: 'This site is not associated with an Enterprise plan',
	/** INFERRED: "the matching workspace message" (docs/api/webflow.md#errors). */
	notEnterpriseWorkspace: 'This workspace is not associated with an Enterprise plan',
	tooManyRequests: 'Too many requests',
	internal: 'An Internal Error occurred',
	/** INFERRED: 400 is not in the current spec (docs/api/webflow.md#validation-errors). */
	validation: 'Validation Error',
} as const;

/**
 * `Error_`: every error status has this body. `details` items are strings or objects; a
 * (sandbox, INFERRED) validation 400 uses `{ param, description }` objects.
 */
export const webflowErrorBodySchema = z.object({
	code: z.enum(WEBFLOW_ERROR_CODES),
	message: z.string(),
	externalReference: z.string().nullable(),
	details: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])),
});

export type WebflowErrorBody = z.infer<typeof webflowErrorBodySchema>;

export const webflowValidationDetailSchema = z.object({
	param: z.string(),
	description: z.string(),
});

export type WebflowValidationDetail = z.infer<typeof webflowValidationDetailSchema>;

// ---------------------------------------------------------------------------------------------
// Queries (docs/api/webflow.md#workspace-audit-logs). Input: the parsed query string (a repeated key arrives as an array).
// INFERRED throughout: what is rejected with 400 and with which wording (docs/api/webflow.md#validation-errors).
// ---------------------------------------------------------------------------------------------

const SINGLE_VALUE = 'Must be a single value';

function integerParam(min: number, max?: number) {
	const range = max === undefined ? `>= ${min}` : `between ${min} and ${max}`;
	return z.string({ invalid_type_error: SINGLE_VALUE }).transform((value, ctx) => {
		const parsed = Number(value);
		if (!/^-?\d+$/.test(value) || parsed < min || (max !== undefined && parsed > max)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Must be an integer ${range}` });
			return z.NEVER;
		}
		return parsed;
	});
}

function enumParam<T extends readonly [string, ...string[]]>(values: T) {
	return z
		.string({ invalid_type_error: SINGLE_VALUE })
		.refine((value): value is T[number] => (values as readonly string[]).includes(value), {
			message: `Must be one of: ${values.join(', ')}`,
		});
}

/** RFC 3339 date-time with `Z` or an offset, any fraction (`Date#toISOString()` qualifies). */
const dateTimeParam = z
	.string({ invalid_type_error: SINGLE_VALUE })
	.datetime({ offset: true, message: 'Must be an ISO 8601 date-time' });

const limitParam = integerParam(1, WEBFLOW_MAX_LIMIT).optional();
const offsetParam = integerParam(0).optional();

/**
 * `GET /v2/workspaces/{workspace_id_or_slug}/audit_logs`. Unknown keys are ignored.
 * INFERRED: defaults (limit 25, sortOrder desc), `from`/`to` both inclusive, and 400s for
 * out-of-range or non-integer numbers, unknown enum values, non-date-times and repeated keys.
 */
export const webflowWorkspaceAuditLogsQuerySchema = z.object({
	limit: limitParam.transform((value) => value ?? WEBFLOW_DEFAULT_LIMIT),
	offset: offsetParam.transform((value) => value ?? 0),
	sortOrder: enumParam(['asc', 'desc'] as const)
		.optional()
		.transform((value) => value ?? WEBFLOW_DEFAULT_SORT_ORDER),
	/** One value only; no arrays (docs/api/webflow.md#workspace-audit-logs). */
	eventType: enumParam(WEBFLOW_EVENT_TYPES).optional(),
	from: dateTimeParam.optional(),
	to: dateTimeParam.optional(),
});

export type WebflowWorkspaceAuditLogsQueryInput = z.input<
	typeof webflowWorkspaceAuditLogsQuerySchema
>;
export type WebflowWorkspaceAuditLogsQuery = z.output<typeof webflowWorkspaceAuditLogsQuerySchema>;

/** `GET /v2/sites/{site_id}/activity_logs`: `limit` and `offset` only, no filters, no sort. */
export const webflowSiteActivityLogsQuerySchema = z.object({
	limit: limitParam.transform((value) => value ?? WEBFLOW_DEFAULT_LIMIT),
	offset: offsetParam.transform((value) => value ?? 0),
});

export type WebflowSiteActivityLogsQuery = z.output<typeof webflowSiteActivityLogsQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Workspace audit log items (docs/api/webflow.md#workspace-audit-log-items). The SDK types every field as optional; the schemas
// require what every documented item carries (base fields, payload) and keep payload fields
// optional, since which ones appear depends on the sub-type.
// ---------------------------------------------------------------------------------------------

const isoDateTime = z.string().datetime({ offset: true });

export const webflowUserRefSchema = z.object({ id: z.string(), email: z.string() });
export const webflowWorkspaceRefSchema = z.object({ id: z.string(), slug: z.string() });
export const webflowSiteRefSchema = z.object({ id: z.string(), slug: z.string() });

export type WebflowUserRef = z.infer<typeof webflowUserRefSchema>;
export type WebflowWorkspaceRef = z.infer<typeof webflowWorkspaceRefSchema>;

export const WEBFLOW_ACTOR_TYPES = ['person', 'token'] as const;

/** A user. The id may be `null` (event types page, "Actor"); the email is always there. */
export const webflowPersonActorSchema = z
	.object({ type: z.literal('person'), id: z.string().nullable(), email: z.string() })
	.strict();

/**
 * An API token: `id` is the token's authorization ID, not a user ID, and there is no email
 * (typed `email?: undefined`, so `actor.email` reads on either kind of actor).
 */
export const webflowTokenActorSchema = z
	.object({ type: z.literal('token'), id: z.string(), email: z.undefined().optional() })
	.strict();

/** Who performed the action (`actor.type`: `person` or `token`). */
export const webflowActorSchema = z.discriminatedUnion('type', [
	webflowPersonActorSchema,
	webflowTokenActorSchema,
]);

export type WebflowActor = z.infer<typeof webflowActorSchema>;
export type WebflowPersonActor = z.infer<typeof webflowPersonActorSchema>;
export type WebflowTokenActor = z.infer<typeof webflowTokenActorSchema>;

export const webflowGranularAccessSchema = z.object({
	id: z.string(),
	name: z.string(),
	type: z.literal('cms'),
	restricted: z.boolean(),
});

export type WebflowGranularAccess = z.infer<typeof webflowGranularAccessSchema>;

const userType = z.enum(WEBFLOW_USER_TYPES);

export const webflowUserAccessPayloadSchema = z.object({
	method: z.enum(WEBFLOW_METHODS.user_access).optional(),
	/** Geolocation of the IP, e.g. `Ashburn US`. */
	location: z.string().optional(),
	ipAddress: z.string().optional(),
});

export const webflowCustomRolePayloadSchema = z.object({
	roleName: z.string().optional(),
	previousRoleName: z.string().optional(),
});

export const webflowWorkspaceMembershipPayloadSchema = z.object({
	targetUser: webflowUserRefSchema.optional(),
	method: z.enum(WEBFLOW_METHODS.workspace_membership).optional(),
	userType: userType.optional(),
	roleName: z.string().optional(),
	previousRoleName: z.string().optional(),
});

export const webflowSiteMembershipPayloadSchema = z.object({
	site: webflowSiteRefSchema.optional(),
	targetUser: webflowUserRefSchema.optional(),
	method: z.enum(WEBFLOW_METHODS.site_membership).optional(),
	userType: userType.optional(),
	roleName: z.string().optional(),
	previousRoleName: z.string().optional(),
	/** On `user_granular_access_updated`, and on `user_added` too (docs/api/webflow.md#workspace-audit-log-items). */
	granularAccess: webflowGranularAccessSchema.optional(),
});

export const webflowWorkspaceInvitationPayloadSchema = z.object({
	targetUser: webflowUserRefSchema.optional(),
	method: z.enum(WEBFLOW_METHODS.workspace_invitation).optional(),
	userType: userType.optional(),
	roleName: z.string().optional(),
	previousRoleName: z.string().optional(),
	targetUsers: z.array(webflowUserRefSchema).optional(),
});

export const webflowWorkspaceSettingPayloadSchema = z.object({
	setting: z.enum(WEBFLOW_SETTINGS).optional(),
	/** Strings, e.g. `"false"`. */
	previousValue: z.string().optional(),
	value: z.string().optional(),
	method: z.enum(WEBFLOW_METHODS.workspace_setting).optional(),
});

/** Field order as in Webflow's OpenAPI: timestamp, actor, workspace, eventType, eventSubType, payload. */
function item<T extends WebflowEventType, P extends z.ZodTypeAny>(eventType: T, payload: P) {
	const subTypes = WEBFLOW_EVENT_SUB_TYPES[eventType] as unknown as readonly [
		WebflowEventSubType<T>,
		...Array<WebflowEventSubType<T>>,
	];
	return z.object({
		/** ISO-8601 with milliseconds, e.g. `2025-04-29T20:30:06.622Z`. */
		timestamp: isoDateTime,
		actor: webflowActorSchema,
		workspace: webflowWorkspaceRefSchema,
		eventType: z.literal(eventType),
		eventSubType: z.enum(subTypes),
		payload,
	});
}

export const webflowUserAccessItemSchema = item('user_access', webflowUserAccessPayloadSchema);
export const webflowCustomRoleItemSchema = item('custom_role', webflowCustomRolePayloadSchema);
export const webflowWorkspaceMembershipItemSchema = item(
	'workspace_membership',
	webflowWorkspaceMembershipPayloadSchema,
);
export const webflowSiteMembershipItemSchema = item(
	'site_membership',
	webflowSiteMembershipPayloadSchema,
);
export const webflowWorkspaceInvitationItemSchema = item(
	'workspace_invitation',
	webflowWorkspaceInvitationPayloadSchema,
);
export const webflowWorkspaceSettingItemSchema = item(
	'workspace_setting',
	webflowWorkspaceSettingPayloadSchema,
);

/**
 * `WorkspaceAuditLogItem`: a union discriminated on `eventType`. Items carry no id, so clients
 * have to tell records apart by content (two records can differ in the payload only).
 */
export const webflowWorkspaceAuditLogItemSchema = z.discriminatedUnion('eventType', [
	webflowUserAccessItemSchema,
	webflowCustomRoleItemSchema,
	webflowWorkspaceMembershipItemSchema,
	webflowSiteMembershipItemSchema,
	webflowWorkspaceInvitationItemSchema,
	webflowWorkspaceSettingItemSchema,
]);

export type WebflowWorkspaceAuditLogItem = z.infer<typeof webflowWorkspaceAuditLogItemSchema>;
export type WebflowUserAccessItem = z.infer<typeof webflowUserAccessItemSchema>;
export type WebflowCustomRoleItem = z.infer<typeof webflowCustomRoleItemSchema>;
export type WebflowWorkspaceMembershipItem = z.infer<typeof webflowWorkspaceMembershipItemSchema>;
export type WebflowSiteMembershipItem = z.infer<typeof webflowSiteMembershipItemSchema>;
export type WebflowWorkspaceInvitationItem = z.infer<typeof webflowWorkspaceInvitationItemSchema>;
export type WebflowWorkspaceSettingItem = z.infer<typeof webflowWorkspaceSettingItemSchema>;

/** All three fields required; `total` counts every record matching the filters. */
export const webflowPaginationSchema = z.object({
	limit: z.number().int(),
	offset: z.number().int(),
	total: z.number().int(),
});

export type WebflowPagination = z.infer<typeof webflowPaginationSchema>;

export const webflowWorkspaceAuditLogsResponseSchema = z.object({
	items: z.array(webflowWorkspaceAuditLogItemSchema),
	pagination: webflowPaginationSchema,
});

export type WebflowWorkspaceAuditLogsResponse = z.infer<
	typeof webflowWorkspaceAuditLogsResponseSchema
>;

// ---------------------------------------------------------------------------------------------
// Site activity log items (docs/api/webflow.md#site-activity-logs)
// ---------------------------------------------------------------------------------------------

export const webflowSiteActivityLogItemSchema = z.object({
	/** 24-hex object id. */
	id: z.string().regex(/^[0-9a-f]{24}$/),
	createdOn: isoDateTime,
	lastUpdated: isoDateTime,
	event: z.enum(WEBFLOW_SITE_ACTIVITY_EVENTS),
	resourceOperation: z.enum(WEBFLOW_RESOURCE_OPERATIONS),
	/** `null` for system events such as automatic backups (docs/api/webflow.md#site-activity-logs). */
	user: z.object({ id: z.string(), displayName: z.string() }).nullable(),
	resourceId: z.string().nullable(),
	resourceName: z.string().nullable(),
	newValue: z.string().nullable(),
	previousValue: z.string().nullable(),
	/** A free object, or `null` (never `{}`) when the event has none (docs/api/webflow.md#site-activity-logs). */
	payload: z.record(z.string(), z.unknown()).nullable(),
});

export type WebflowSiteActivityLogItem = z.infer<typeof webflowSiteActivityLogItemSchema>;

/** Newest first (`createdOn` desc); same pagination object as the workspace route. */
export const webflowSiteActivityLogsResponseSchema = z.object({
	items: z.array(webflowSiteActivityLogItemSchema),
	pagination: webflowPaginationSchema,
});

export type WebflowSiteActivityLogsResponse = z.infer<typeof webflowSiteActivityLogsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// The nodes' plain types must accept everything this spec sends, under the same field names
// ---------------------------------------------------------------------------------------------

export type WebflowItemChecks = [
	Expect<Assignable<WebflowWorkspaceAuditLogItem, Nodes.WebflowWorkspaceAuditLogItem>>,
	Expect<SameKeys<WebflowWorkspaceAuditLogItem, Nodes.WebflowWorkspaceAuditLogItem>>,
	Expect<Assignable<WebflowActor, Nodes.WebflowActor>>,
	Expect<SameKeys<WebflowPersonActor, Nodes.WebflowActor>>,
	Expect<Assignable<WebflowEventType, Nodes.WebflowEventType>>,
	Expect<Assignable<Nodes.WebflowEventType, WebflowEventType>>,
	Expect<Assignable<WebflowSiteActivityLogItem, Nodes.WebflowSiteActivityLogItem>>,
	Expect<SameKeys<WebflowSiteActivityLogItem, Nodes.WebflowSiteActivityLogItem>>,
];
