/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code reads its sample files */
/**
 * The golden samples (`<provider>/<kind>.samples.json`) are raw events as each API sends them.
 * This checks them against the wire contracts (the sandbox's zod schemas; Workiva's OpenAPI
 * `Activity`), and that they cover every event type and subtype the contracts know. A sample
 * that deliberately leaves the contract (an event type newer than the enum, a documented shape
 * the schema does not model) is listed in DEVIATIONS with the reason and the looser schema it
 * is held to instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { z } from 'zod';

import { SIM_ACTIONS } from '../../nodes/Sim/catalogue';
import {
	MAKE_EVENT_NAMES,
	makeAuditLogDetailSchema,
	makeAuditLogEntrySchema,
} from '../sandbox/make/schemas';
import { simAuditLogEntrySchema } from '../sandbox/sim/schemas';
import {
	WEBFLOW_EVENT_SUB_TYPES,
	WEBFLOW_EVENT_TYPES,
	WEBFLOW_SITE_ACTIVITY_EVENTS,
	webflowActorSchema,
	webflowSiteActivityLogItemSchema,
	webflowWorkspaceAuditLogItemSchema,
	webflowWorkspaceRefSchema,
} from '../sandbox/webflow/schemas';
import { componentSchema, validateSchema, WORKIVA_OPENAPI } from '../sandbox/workiva/contract';
import { buildWorld as buildWorkivaWorld } from '../sandbox/workiva/fixtures';

interface Sample {
	name: string;
	event: Record<string, unknown>;
}

const KINDS = [
	'sim/audit-log',
	'webflow/workspace-audit-log',
	'webflow/site-activity-log',
	'make/audit-log',
	'workiva/activity',
] as const;

type Kind = (typeof KINDS)[number];

function samplePath(kind: Kind): string {
	return join(__dirname, `${kind}.samples.json`);
}

function readSamples(kind: Kind): Sample[] {
	return JSON.parse(readFileSync(samplePath(kind), 'utf8')) as Sample[];
}

/** zod issues as `path: message` lines, so a failure names the field. */
function issues(schema: z.ZodTypeAny, value: unknown): string[] {
	const result = schema.safeParse(value);
	return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

// ---------------------------------------------------------------------------------------------
// Samples that leave the strict contract on purpose
// ---------------------------------------------------------------------------------------------

/** Webflow's documented item, with any event type, sub-type and payload. */
const webflowAnyWorkspaceItemSchema = z
	.object({
		timestamp: z.string().datetime({ offset: true }),
		actor: webflowActorSchema,
		workspace: webflowWorkspaceRefSchema,
		eventType: z.string(),
		eventSubType: z.string(),
		payload: z.record(z.string(), z.unknown()),
	})
	.strict();

const DEVIATIONS: Record<Kind, Record<string, { why: string; schema: z.ZodTypeAny }>> = {
	'sim/audit-log': {
		'workflow.undeployed metadata null': {
			why: "Sim's docs show `metadata: null` (docs/api/sim.md#responses); the schema models the server code's object",
			schema: simAuditLogEntrySchema.extend({ metadata: z.record(z.string(), z.unknown()).nullable() }),
		},
	},
	'webflow/workspace-audit-log': {
		'sso_configuration.updated (not in the enum)': {
			why: 'an event type newer than the SDK enum: the node must pass it through',
			schema: webflowAnyWorkspaceItemSchema,
		},
	},
	'webflow/site-activity-log': {
		'form_submitted (not in the enum)': {
			why: 'an event newer than the SDK enum: the node must pass it through',
			schema: webflowSiteActivityLogItemSchema.extend({ event: z.string() }),
		},
	},
	'make/audit-log': {
		'connection_deleted anonymized actor': {
			why: "the official SDK documents anonymized actors as `{ id, anonymized: true }` (docs/api/make.md#sdk-audit-logs-v2); the emulator never sends one",
			schema: makeAuditLogEntrySchema.extend({
				actor: z.object({ id: z.number().int(), anonymized: z.literal(true) }).strict(),
			}),
		},
	},
	'workiva/activity': {},
};

// ---------------------------------------------------------------------------------------------
// Contracts per kind
// ---------------------------------------------------------------------------------------------

const ACTIVITY = componentSchema('Activity');

/** Violations of the provider's wire contract by one (non-deviating) sample. */
const CONTRACTS: Record<Kind, (sample: Sample) => string[]> = {
	'sim/audit-log': (sample) => issues(simAuditLogEntrySchema, sample.event),
	'webflow/workspace-audit-log': (sample) => issues(webflowWorkspaceAuditLogItemSchema, sample.event),
	'webflow/site-activity-log': (sample) => issues(webflowSiteActivityLogItemSchema, sample.event),
	// A detail response is the entry plus `details`.
	'make/audit-log': (sample) =>
		issues('details' in sample.event ? makeAuditLogDetailSchema : makeAuditLogEntrySchema, sample.event),
	// Workiva's own examples carry fields the schema does not declare (docs/api/workiva.md#spec-inconsistencies).
	'workiva/activity': (sample) =>
		validateSchema(ACTIVITY, sample.event, { noExtraProperties: !isOpenApiExample(sample) }),
};

/** When each kind's event happened, for the time-window check. */
const TIMES: Record<Kind, (event: Record<string, unknown>) => number> = {
	'sim/audit-log': (event) => Date.parse(event.createdAt as string),
	'webflow/workspace-audit-log': (event) => Date.parse(event.timestamp as string),
	'webflow/site-activity-log': (event) => Date.parse(event.createdOn as string),
	'make/audit-log': (event) => (event.triggeredAt as number) * 1000,
	'workiva/activity': (event) => Date.parse(event.activityDateTime as string),
};

function isOpenApiExample(sample: Sample): boolean {
	return sample.name.startsWith('openapi example ');
}

describe.each(KINDS)('%s samples', (kind) => {
	const raw = readFileSync(samplePath(kind), 'utf8');
	const samples = readSamples(kind);

	it('is a tab-indented JSON array of { name, event }', () => {
		expect(raw).toBe(`${JSON.stringify(samples, null, '\t')}\n`);
		expect(samples.length).toBeGreaterThan(0);
		for (const sample of samples) {
			expect(Object.keys(sample)).toEqual(['name', 'event']);
			expect(typeof sample.name).toBe('string');
			expect(sample.event).toEqual(expect.any(Object));
		}
	});

	it('has unique names', () => {
		const names = samples.map((sample) => sample.name);
		expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
	});

	it('lists only deviations that exist', () => {
		const names = new Set(samples.map((sample) => sample.name));
		expect(Object.keys(DEVIATIONS[kind]).filter((name) => !names.has(name))).toEqual([]);
	});

	it('keeps its times in 2026-10 and 2026-11 (the OpenAPI examples excepted)', () => {
		const outside = samples
			.filter((sample) => !isOpenApiExample(sample))
			.filter((sample) => {
				const ms = TIMES[kind](sample.event);
				return !(ms >= Date.parse('2026-10-01T00:00:00Z') && ms < Date.parse('2026-12-01T00:00:00Z'));
			})
			.map((sample) => sample.name);
		expect(outside).toEqual([]);
	});

	it.each(samples.map((sample) => [sample.name, sample] as const))('%s fits the wire contract', (name, sample) => {
		const deviation = DEVIATIONS[kind][name];
		expect(deviation ? issues(deviation.schema, sample.event) : CONTRACTS[kind](sample)).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------------

function missingFrom(wanted: readonly string[], have: Iterable<string>): string[] {
	const set = new Set(have);
	return wanted.filter((value) => !set.has(value));
}

describe('coverage', () => {
	it('Sim: every action of SIM_ACTIONS, one unknown action, a system, an org-level and a null-metadata event', () => {
		const events = readSamples('sim/audit-log').map((sample) => sample.event);
		const actions = events.map((event) => event.action as string);
		expect(missingFrom(SIM_ACTIONS, actions)).toEqual([]);
		expect(actions.filter((action) => !(SIM_ACTIONS as readonly string[]).includes(action)).length).toBeGreaterThan(0);
		expect(events.some((event) => event.actorId === null && event.actorName === null && event.actorEmail === null)).toBe(true);
		expect(
			events.some(
				(event) =>
					event.workspaceId === null &&
					typeof (event.metadata as Record<string, unknown> | null)?.organizationId === 'string',
			),
		).toBe(true);
		expect(events.some((event) => event.metadata === null)).toBe(true);
	});

	it('Webflow workspace audit log: every (eventType, eventSubType), one unknown type, token and id-less actors', () => {
		const events = readSamples('webflow/workspace-audit-log').map((sample) => sample.event);
		const pairs = events.map((event) => `${event.eventType as string}.${event.eventSubType as string}`);
		const wanted = WEBFLOW_EVENT_TYPES.flatMap((type) =>
			(WEBFLOW_EVENT_SUB_TYPES[type] as readonly string[]).map((subType) => `${type}.${subType}`),
		);
		expect(missingFrom(wanted, pairs)).toEqual([]);
		expect(events.some((event) => !(WEBFLOW_EVENT_TYPES as readonly string[]).includes(event.eventType as string))).toBe(true);
		const actors = events.map((event) => event.actor as { type: string; id: string | null });
		expect(actors.some((actor) => actor.type === 'token')).toBe(true);
		expect(actors.some((actor) => actor.type === 'person' && actor.id === null)).toBe(true);
		const payloads = events.map((event) => event.payload as Record<string, unknown>);
		expect(payloads.some((payload) => String(payload.ipAddress).includes(':'))).toBe(true);
		expect(payloads.some((payload) => Array.isArray(payload.targetUsers) && payload.targetUsers.length > 1)).toBe(true);
	});

	it('Webflow site activity log: every event, several operations of CMS items and collections, one unknown event', () => {
		const events = readSamples('webflow/site-activity-log').map((sample) => sample.event);
		expect(missingFrom(WEBFLOW_SITE_ACTIVITY_EVENTS, events.map((event) => event.event as string))).toEqual([]);
		expect(
			events.some((event) => !(WEBFLOW_SITE_ACTIVITY_EVENTS as readonly string[]).includes(event.event as string)),
		).toBe(true);
		for (const kind of ['cms_item', 'cms_collection']) {
			const operations = new Set(events.filter((event) => event.event === kind).map((event) => event.resourceOperation));
			expect(operations.size).toBeGreaterThanOrEqual(3);
		}
		expect(events.some((event) => event.event === 'backup_created' && event.user === null)).toBe(true);
	});

	it('Make: every catalogue event, one unknown name, two detail responses', () => {
		const events = readSamples('make/audit-log').map((sample) => sample.event);
		const names = events.map((event) => event.eventName as string);
		expect(missingFrom(MAKE_EVENT_NAMES, names)).toEqual([]);
		expect(names.some((name) => !(MAKE_EVENT_NAMES as readonly string[]).includes(name))).toBe(true);
		const details = events.filter((event) => 'details' in event).map((event) => event.eventName);
		expect(details.sort()).toEqual(['key_created', 'user_role_changed']);
		expect(events.some((event) => event.team === null)).toBe(true);
		expect(events.some((event) => event.version !== null)).toBe(true);
	});

	it("Workiva: every alias of the emulator's catalogue, one unknown alias, an action without alias", () => {
		const samples = readSamples('workiva/activity');
		const actions = samples.map((sample) => sample.event.action as { id: string; alias?: string });
		const catalogue = buildWorkivaWorld(11).actions.map((action) => action.alias as string);
		expect(missingFrom(catalogue, actions.map((action) => action.alias ?? ''))).toEqual([]);
		expect(actions.some((action) => action.alias !== undefined && !catalogue.includes(action.alias))).toBe(true);
		expect(actions.some((action) => action.alias === undefined)).toBe(true);
		const outcomes = new Set(samples.map((sample) => sample.event.outcome));
		expect([...outcomes].sort()).toEqual(['failure', 'pending', 'success', 'unknown']);
	});

	it('Workiva: every Activity example of openapi.json, verbatim', () => {
		const examples: unknown[] = [];
		for (const methods of Object.values(WORKIVA_OPENAPI.paths)) {
			for (const operation of Object.values(methods)) {
				const response = operation.responses['200'] as { content?: Record<string, { example?: unknown }> };
				const example = response?.content?.['application/json']?.example as Record<string, unknown> | undefined;
				if (!example) continue;
				const items = Array.isArray(example.data) ? (example.data as Array<Record<string, unknown>>) : [example];
				examples.push(...items.filter((item) => 'activityDateTime' in item && 'performer' in item));
			}
		}
		expect(examples.length).toBeGreaterThan(0);
		const copies = readSamples('workiva/activity')
			.filter(isOpenApiExample)
			.map((sample) => sample.event);
		expect(copies).toEqual(examples);
	});
});
