/**
 * Sim v1 audit-log API: what the nodes read (docs/api/sim.md). Plain types only, so nothing of
 * the wire spec ships: the zod schemas live with the sandbox (test/sandbox/sim/schemas.ts),
 * which checks at compile time that they and these types agree.
 */

/**
 * One audit-log row, as `GET /api/v1/audit-logs` and `GET /api/v1/audit-logs/:id` return it.
 * `createdAt` is ISO-8601 with milliseconds.
 */
export interface SimAuditLogEntry {
	/** 21-character URL-safe short id. */
	id: string;
	/** `null` for org-level events. */
	workspaceId: string | null;
	/** `null` for system events. */
	actorId: string | null;
	actorName: string | null;
	actorEmail: string | null;
	/** `resource.verb`, e.g. `workflow.deployed`, `member.role_changed`, `api_key.revoked`. */
	action: string;
	/** e.g. `workflow`, `folder`, `api_key`; member events use `workspace` or `organization`. */
	resourceType: string;
	resourceId: string | null;
	resourceName: string | null;
	description: string | null;
	metadata: Record<string, unknown>;
	createdAt: string;
}
