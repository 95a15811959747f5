/**
 * Webflow workspace audit logs and site activity logs: what the nodes read (docs/api/webflow.md).
 * Plain types only, so nothing of the wire spec ships: the zod schemas live with the sandbox
 * (test/sandbox/webflow/schemas.ts), which checks at compile time that they and these types
 * agree.
 */

export type WebflowEventType =
	| 'user_access'
	| 'custom_role'
	| 'workspace_membership'
	| 'site_membership'
	| 'workspace_invitation'
	| 'workspace_setting';

/** Who performed the action: a user (`person`) or an API token (`token`). */
export interface WebflowActor {
	type: 'person' | 'token';
	/** A person's user ID, which may be `null`; a token's authorization ID (not a user ID). */
	id: string | null;
	/** A person's email address; a token has none. */
	email?: string;
}

/**
 * One workspace audit-log record. It carries no ID: two records can differ in the payload only.
 * `timestamp` is ISO-8601 with milliseconds.
 */
export interface WebflowWorkspaceAuditLogItem {
	timestamp: string;
	actor: WebflowActor;
	workspace: { id: string; slug: string };
	eventType: WebflowEventType;
	/** Depends on `eventType`, e.g. `login`, `user_added`, `setting_updated`. */
	eventSubType: string;
	/** Its fields depend on `eventType` (and on the sub-type). */
	payload: Record<string, unknown>;
}

/** One site activity record (`createdOn` and `lastUpdated` are ISO-8601). */
export interface WebflowSiteActivityLogItem {
	/** 24-hex object ID. */
	id: string;
	createdOn: string;
	lastUpdated: string;
	/** e.g. `site_published`, `cms_item`, `page_renamed`. */
	event: string;
	/** e.g. `CREATED`, `MODIFIED`, `PUBLISHED`. */
	resourceOperation: string;
	/** `null` for system events such as automatic backups. */
	user: { id: string; displayName: string } | null;
	resourceId: string | null;
	resourceName: string | null;
	newValue: string | null;
	previousValue: string | null;
	/** A free object, or `null` (never `{}`) when the event has none. */
	payload: Record<string, unknown> | null;
}
