/**
 * Sim v1 audit-log API, wire format (docs/api/sim.md). This is the spec in code: the sandbox
 * emulator validates with these schemas and tests check responses against them. It is test
 * code: the nodes read the plain types of nodes/Sim/types.ts, and the checks at the bottom
 * keep the two from drifting apart.
 *
 * The server validates with zod 4; this package has zod 3 (n8n's own), so the zod-4 default
 * messages that appear in `error` are spelled out here (docs/api/sim.md#query-parameters, wording inferred).
 */
import { z } from 'zod';

import type * as Nodes from '../../../nodes/Sim/types';
import type { Assignable, Expect, SameKeys } from '../kit';

export const SIM_AUDIT_LOGS_PATH = '/api/v1/audit-logs';
export const SIM_API_KEY_HEADER = 'X-API-Key';
export const SIM_DEFAULT_LIMIT = 50;
export const SIM_MAX_LIMIT = 100;

/** Error messages the server sends in `{ "error": ... }` (docs/api/sim.md#errors). */
export const simErrorMessages = {
	apiKeyRequired: 'API key required',
	invalidApiKey: 'Invalid API key',
	rateLimitExceeded: 'Rate limit exceeded',
	notOrgMember: 'Not a member of any organization',
	notAdmin: 'Organization admin or owner role required',
	notEnterprise: 'Active enterprise subscription required',
	auditLogsDisabled:
		'Audit logs are disabled. Set ENTERPRISE_ENABLED or AUDIT_LOGS_ENABLED to enable them.',
	invalidDate: 'Invalid date format. Use ISO 8601.',
	nulCharacter: 'Value cannot contain a NUL character (U+0000)',
	actorNotMember: 'actorId is not a member of your organization',
	workspaceNotInOrg: 'workspaceId does not belong to your organization',
	invalidAuditLogId: 'Invalid audit log ID',
	auditLogNotFound: 'Audit log not found',
	internal: 'Internal server error',
} as const;

// ---------------------------------------------------------------------------------------------
// Query (`v1ListAuditLogsQuerySchema`, docs/api/sim.md#query-parameters)
// ---------------------------------------------------------------------------------------------

/** zod-4 wording for a wrong type, e.g. a repeated key that arrived as an array. */
function expected(type: 'string' | 'number'): z.ZodErrorMap {
	return (issue, ctx) => {
		if (issue.code !== z.ZodIssueCode.invalid_type) return { message: ctx.defaultError };
		const received = issue.received === 'nan' ? 'NaN' : issue.received;
		return { message: `Invalid input: expected ${type}, received ${received}` };
	};
}

/**
 * An optional text parameter. The server keeps `''`, but every use is a truthiness check
 * (`if (params.action)`), so an empty value behaves exactly like an absent one (docs/api/sim.md#query-parameters).
 */
const optionalText = z
	.string({ errorMap: expected('string') })
	.optional()
	.transform((value) => (value === '' ? undefined : value));

/** Anything JS `Date.parse` accepts; `''` is NaN and therefore a 400 (docs/api/sim.md#query-parameters). */
const isoDate = z
	.string({ errorMap: expected('string') })
	.refine((value) => !Number.isNaN(parseSimDate(value)), simErrorMessages.invalidDate);

export const simListQuerySchema = z
	.object({
		action: optionalText,
		/** Comma-separated set; see `parseResourceTypes`. */
		resourceType: optionalText,
		resourceId: optionalText,
		/** Must be one of the org's workspaces (checked after validation, docs/api/sim.md#check-order step 5). */
		workspaceId: optionalText,
		/** Must be a *current* org member (checked after validation, docs/api/sim.md#check-order step 4). */
		actorId: optionalText,
		/** Inclusive: `createdAt >= new Date(startDate)`. */
		startDate: isoDate.optional(),
		/** Inclusive: `createdAt <= new Date(endDate)`. */
		endDate: isoDate.optional(),
		includeDeparted: z
			.enum(['true', 'false'], {
				errorMap: () => ({ message: 'Invalid option: expected one of "true"|"false"' }),
			})
			.optional()
			.default('false')
			.transform((value) => value === 'true'),
		/**
		 * `z.coerce.number()`: `limit=` is 0 (400), `limit=abc` is NaN (400). A non-integer such as
		 * 2.5 passes and then fails in the database (500, docs/api/sim.md#query-parameters).
		 */
		limit: z.coerce
			.number({ errorMap: expected('number') })
			.min(1, 'Too small: expected number to be >=1')
			.max(SIM_MAX_LIMIT, `Too big: expected number to be <=${SIM_MAX_LIMIT}`)
			.optional()
			.default(SIM_DEFAULT_LIMIT),
		/** Opaque; an undecodable cursor is ignored, not rejected (docs/api/sim.md#ordering-and-paging). */
		cursor: optionalText,
	})
	// Unknown parameters are stripped, not rejected (v1 is not strict). The NUL scan runs on the
	// parsed value, so it sees known parameters only and only once the schema passed (docs/api/sim.md#query-parameters).
	.superRefine((query, ctx) => {
		for (const [key, value] of Object.entries(query)) {
			if (typeof value === 'string' && value.includes('\u0000')) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: [key],
					message: simErrorMessages.nulCharacter,
				});
				return;
			}
		}
	});

export type SimListQueryInput = z.input<typeof simListQuerySchema>;
export type SimListQuery = z.output<typeof simListQuerySchema>;

/**
 * `new Date(value)` as the server (running in UTC) reads it: a date-time without a zone is UTC
 * (docs/api/sim.md#query-parameters), a date-only value is 00:00:00Z. Returns epoch ms or NaN. Sub-millisecond digits are
 * dropped, as JS `Date` does.
 */
export function parseSimDate(value: string): number {
	const withoutZone = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
	return Date.parse(withoutZone.test(value) ? `${value.replace(' ', 'T')}Z` : value);
}

/** `resourceType` list: items trimmed, empties dropped, de-duplicated, sorted (docs/api/sim.md#query-parameters). */
export function parseResourceTypes(value: string): string[] {
	const items = value
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');
	return Array.from(new Set(items)).sort();
}

// ---------------------------------------------------------------------------------------------
// Cursor (docs/api/sim.md#ordering-and-paging): standard base64 of JSON `{"createdAt":"<ISO ms>","id":"<id>"}`
// ---------------------------------------------------------------------------------------------

export const simCursorSchema = z.object({
	createdAt: z.string().refine((value) => !Number.isNaN(new Date(value).getTime())),
	id: z.string().min(1),
});

export type SimCursor = z.infer<typeof simCursorSchema>;

export function encodeSimCursor(cursor: SimCursor): string {
	return Buffer.from(JSON.stringify({ createdAt: cursor.createdAt, id: cursor.id })).toString(
		'base64',
	);
}

/** `null` for anything the server would silently ignore (→ first page). */
export function decodeSimCursor(cursor: string): SimCursor | null {
	try {
		const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString());
		const parsed = simCursorSchema.safeParse(decoded);
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

// ---------------------------------------------------------------------------------------------
// Responses (docs/api/sim.md#responses)
// ---------------------------------------------------------------------------------------------

/**
 * One audit-log row. `ipAddress` and `userAgent` are stored but never returned. `createdAt` is
 * ISO-8601 with milliseconds; the database holds microseconds (docs/api/sim.md#precision-quirk).
 */
export const simAuditLogEntrySchema = z.object({
	/** 21-character URL-safe short id (docs/api/sim.md#responses). */
	id: z.string().regex(/^[A-Za-z0-9_-]{21}$/),
	/** `null` for org-level events. */
	workspaceId: z.string().nullable(),
	/** `null` for system events. */
	actorId: z.string().nullable(),
	actorName: z.string().nullable(),
	actorEmail: z.string().nullable(),
	/** `resource.verb`, e.g. `workflow.deployed`, `member.role_changed`, `api_key.revoked`. */
	action: z.string(),
	/** e.g. `workflow`, `folder`, `api_key`; member events use `workspace` or `organization`. */
	resourceType: z.string(),
	resourceId: z.string().nullable(),
	resourceName: z.string().nullable(),
	description: z.string().nullable(),
	metadata: z.record(z.string(), z.unknown()),
	createdAt: z.string().datetime({ precision: 3 }),
});

export type SimAuditLogEntry = z.infer<typeof simAuditLogEntrySchema>;

/** The nodes read `SimAuditLogEntry` from nodes/Sim/types.ts: the two must be the same type. */
export type SimEntryChecks = [
	Expect<Assignable<SimAuditLogEntry, Nodes.SimAuditLogEntry>>,
	Expect<Assignable<Nodes.SimAuditLogEntry, SimAuditLogEntry>>,
	Expect<SameKeys<SimAuditLogEntry, Nodes.SimAuditLogEntry>>,
];

const executionRateLimitSchema = z.object({
	requestsPerMinute: z.number(),
	maxBurst: z.number(),
	remaining: z.number(),
	resetAt: z.string(),
});

/** The caller's workflow-execution limits and usage; unrelated to the audit-log rate limit. */
export const simUserLimitsSchema = z.object({
	workflowExecutionRateLimit: z.object({
		sync: executionRateLimitSchema,
		async: executionRateLimitSchema,
	}),
	usage: z.object({
		currentPeriodCost: z.number(),
		limit: z.number(),
		plan: z.string(),
		isExceeded: z.boolean(),
	}),
});

export type SimUserLimits = z.infer<typeof simUserLimitsSchema>;

/** `nextCursor` is omitted (not null) on the last page; there is no total count (docs/api/sim.md#ordering-and-paging). */
export const simListResponseSchema = z.object({
	data: z.array(simAuditLogEntrySchema),
	nextCursor: z.string().optional(),
	limits: simUserLimitsSchema,
});

export type SimListResponse = z.infer<typeof simListResponseSchema>;

export const simDetailResponseSchema = z.object({
	data: simAuditLogEntrySchema,
	limits: simUserLimitsSchema,
});

export type SimDetailResponse = z.infer<typeof simDetailResponseSchema>;

/** Every non-429 error: `{ error }`, plus zod issues as `details` on a validation 400. */
export const simErrorBodySchema = z.object({
	error: z.string(),
	details: z
		.array(
			z
				.object({
					code: z.string(),
					path: z.array(z.union([z.string(), z.number()])),
					message: z.string(),
				})
				.passthrough(),
		)
		.optional(),
});

export type SimErrorBody = z.infer<typeof simErrorBodySchema>;

/** 429 body, sent with a `Retry-After: <seconds>` header (docs/api/sim.md#rate-limits-and-headers). */
export const simRateLimitBodySchema = z.object({
	error: z.literal(simErrorMessages.rateLimitExceeded),
	/** `API rate limit exceeded. Please retry after <ISO>` */
	message: z.string(),
	/** Epoch milliseconds at which the bucket refills. */
	retryAfter: z.number().int(),
});

export type SimRateLimitBody = z.infer<typeof simRateLimitBodySchema>;

/** Response headers set once the rate limiter was consulted (every status except 401). */
export const SIM_RATE_LIMIT_HEADERS = {
	limit: 'x-ratelimit-limit',
	remaining: 'x-ratelimit-remaining',
	/** ISO-8601, not epoch. */
	reset: 'x-ratelimit-reset',
} as const;
