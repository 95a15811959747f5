/**
 * The contract of the Normalized output: one item per audit event, the same shape for every
 * provider. Written out here on its own (not derived from nodes/shared/normalize.ts) so that a
 * change to the node's output has to change the contract too. Every object is `.strict()`: a key
 * the contract does not name is an error, not something a SIEM mapping silently ignores.
 */
import { z } from 'zod';

const nullableString = z.string().nullable();

/** A scope level (organization, workspace, team, site) the event happened in. */
const refSchema = z.object({ id: nullableString, name: nullableString }).strict();

export const normalizedAuditEventSchema = z
	.object({
		id: z.string().min(1),
		provider: z.enum(['sim', 'webflow', 'make', 'workiva']),
		// ISO-8601 UTC with milliseconds, the form Date.prototype.toISOString() gives
		time: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'expected ISO-8601 UTC with milliseconds'),
		action: z.string().min(1),
		category: z.enum(['authentication', 'membership', 'role', 'invitation', 'settings', 'resource', 'api_key', 'other']),
		outcome: z.enum(['success', 'failure', 'unknown']),
		actor: z
			.object({
				id: nullableString,
				email: nullableString,
				name: nullableString,
				type: z.enum(['user', 'api_token', 'service', 'system', 'unknown']),
				ip: nullableString,
			})
			.strict(),
		targets: z.array(z.object({ type: nullableString, id: nullableString, name: nullableString, email: nullableString }).strict()),
		scope: z
			.object({
				organization: refSchema.nullable(),
				workspace: refSchema.nullable(),
				team: refSchema.nullable(),
				site: refSchema.nullable(),
			})
			.strict(),
		change: z.object({ field: z.string(), from: nullableString, to: nullableString }).strict().nullable(),
		summary: z.string().min(1),
		// absent when the user switches "Include Raw" off; the provider's event is otherwise free-form
		raw: z.record(z.string(), z.unknown()).optional(),
	})
	.strict();

export type NormalizedAuditEventContract = z.infer<typeof normalizedAuditEventSchema>;
