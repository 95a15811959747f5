/**
 * Workiva activities API: what the nodes read (docs/api/workiva.md). Plain types only, so nothing
 * of the wire spec ships: the sandbox checks its responses against Workiva's OpenAPI subset
 * (test/sandbox/workiva/openapi.json), and its fixtures are typed with these.
 */

/** `X-Version` values with activities (docs/api/workiva.md#versions). */
export type WorkivaApiVersion = '2022-01-01' | '2026-01-01';

/** Result of the activity action performed. */
export type WorkivaOutcome = 'success' | 'failure' | 'pending' | 'unknown';

/** An entry of the action catalogue (`/activityActions`), also embedded in every activity. */
export interface WorkivaActivityAction {
	/** e.g. `com.workiva.administration.workspace_membership.create`. */
	id: string;
	/** The legacy identifier, e.g. `workspace_membership_create`: the stable key to match on. */
	alias?: string;
	name?: string;
	category?: string;
	/** Identified for removal. */
	deprecated?: boolean;
}

/** Who performed an activity: a user, or another principal type. */
export interface WorkivaPerformer {
	id: string;
	/** e.g. `com.workiva.iam.principal.user`. */
	type: string;
	displayName?: string;
	/** e.g. an email address. */
	uniqueName?: string;
	ipAddress?: string;
}

/** A resource affected by an activity. */
export interface WorkivaTarget {
	id: string;
	/** e.g. `com.workiva.administration.user`, `com.workiva.administration.workspace`. */
	type: string;
	displayName?: string;
	uniqueName?: string;
}

/** The organization as embedded in an activity (the full Organization schema has more fields). */
export interface WorkivaOrganizationRef {
	/** A UUID. */
	id: string;
	name: string;
}

/** The workspace as embedded in an activity; `null` on the activity for org-level actions. */
export interface WorkivaWorkspaceRef {
	/** Opaque, base64-like. */
	id: string;
	name: string;
}

/**
 * One activity. `id` is not guaranteed stable (docs/api/workiva.md#activity-ids): identify an
 * activity by its `eventId:` tag, else by its content.
 */
export interface WorkivaActivity {
	id: string;
	action: WorkivaActivityAction;
	/** ISO-8601 UTC, whole seconds, e.g. `2021-01-30T14:11:02Z`. */
	activityDateTime: string;
	performer: WorkivaPerformer;
	targets: WorkivaTarget[];
	summary?: string;
	outcome?: WorkivaOutcome;
	organization?: WorkivaOrganizationRef;
	workspace?: WorkivaWorkspaceRef | null;
	/** e.g. `correlationId:…`, `eventId:…`. */
	tags?: string[];
	/** Free-form objects, e.g. `{ entityChanges: { propertyName, new, old } }`. */
	attachments?: Array<Record<string, unknown>>;
}

/** A list page: `@nextLink` is absent (or `null`) on the last page. */
export interface WorkivaListResult<T> {
	data: T[];
	'@nextLink'?: string | null;
}

export type WorkivaActivitiesListResult = WorkivaListResult<WorkivaActivity>;
export type WorkivaActivityActionsListResult = WorkivaListResult<WorkivaActivityAction>;

export interface WorkivaErrorDetails {
	code?: string;
	message?: string;
	target?: string;
}

/** Error body of the activities API (every status). */
export interface WorkivaErrorResponse {
	/** e.g. `400BadRequest`, `401Unauthorized`, `BadArgument`. */
	code?: string;
	message?: string;
	/** e.g. `$filter`. */
	target?: string;
	details?: WorkivaErrorDetails[];
	documentationUrl?: string;
	/** The API version in use (2026-01-01 bodies). */
	version?: string;
}

/** 200 body of the token endpoint. */
export interface WorkivaBearerToken {
	access_token: string;
	/** Seconds; Workiva's example says 599. */
	expires_in: number;
	token_type: string;
	/** Space-separated; may differ from the scope requested. */
	scope: string;
}

/** 400/401 body of the token endpoint (RFC 6749 §5.2). */
export interface WorkivaTokenError {
	error?: string;
	error_description?: string;
	error_uri?: string;
}
