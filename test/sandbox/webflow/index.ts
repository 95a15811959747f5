/**
 * Loopback emulator of Webflow's workspace audit logs and site activity logs (docs/api/webflow.md),
 * defined with the kit's `defineEmulator`: this module brings the data, the routes and the
 * `siteOldestFirst` switch. `url` is the origin (like `https://api.webflow.com`); the API lives
 * under `/v2/...`. Control endpoints and direct calls do the same things, so jest tests can use
 * either.
 */
import { z } from 'zod';

import type { DataOptions, EmulatorContext, ProviderEmulator, ServerOptions } from '../kit';
import { defineEmulator, FixedWindowLimiter, flagSwitches, INSERT_TIMING_SHAPE, insertTimes, isoDate, mapValues, memoize } from '../kit';
import {
	actorOf,
	buildSiteHistory,
	buildWorkspaceHistory,
	buildWorld,
	compareOldestFirst,
	draftSiteEvent,
	draftWorkspaceEvent,
	finishSiteEvent,
	finishWorkspaceEvent,
	newSiteEventId,
	type StoredSiteEvent,
	type StoredWorkspaceEvent,
	varyActor,
	type WebflowActorOverride,
	type WebflowMember,
	type WebflowSite,
	type WebflowWorkspace,
	type WorkspaceDraft,
} from './fixtures';
import {
	createWebflowHooks,
	createWebflowRoutes,
	filterWorkspaceEvents,
	listTarget,
	orderedSiteEvents,
	type WebflowRateLimitOptions,
	type WebflowState,
	type WorkspaceFilter,
} from './routes';
import {
	type WebflowEventType,
	type WebflowSiteActivityLogItem,
	type WebflowWorkspaceAuditLogItem,
	type WebflowWorkspaceRef,
	WEBFLOW_ACTOR_TYPES,
	WEBFLOW_EVENT_TYPES,
	webflowSiteActivityLogItemSchema,
	webflowWorkspaceAuditLogItemSchema,
} from './schemas';

export type {
	WebflowActorOverride,
	WebflowMember,
	WebflowSite,
	WebflowTokenName,
	WebflowWorkspace,
	StoredSiteEvent,
	StoredWorkspaceEvent,
} from './fixtures';
export { WEBFLOW_SANDBOX_TOKENS } from './fixtures';
export type { WebflowRateLimitOptions, WorkspaceFilter } from './routes';

export interface WebflowDataOptions extends DataOptions {
	/** Seed of the generated history (default 7). */
	seed?: number;
	/** Workspace audit-log records to seed (default 1200, over 30 days). */
	eventCount?: number;
	/** Site activity records per site (default 360). */
	siteEventCount?: number;
	/** Per token; default 120 per 60 000 ms. */
	rateLimit?: WebflowRateLimitOptions;
}

export type WebflowEmulatorOptions = WebflowDataOptions & ServerOptions;

/** Top-level fields replace the generated ones wholesale (`payload` included). */
export interface WebflowWorkspaceEventOverride {
	/** ISO; wins over `at`/`spacingMs`. Normalised to `toISOString()`. */
	timestamp?: string;
	/** `type` defaults to `person`; a member's id brings their usual login locations along. */
	actor?: WebflowActorOverride;
	workspace?: WebflowWorkspaceRef;
	eventType?: WebflowEventType;
	eventSubType?: string;
	payload?: Record<string, unknown>;
}

/** Any item field; `event` picks the kind of generated record; an existing `id` is replaced. */
export type WebflowSiteEventOverride = Partial<WebflowSiteActivityLogItem>;

interface InsertBase {
	count?: number;
	/** ISO time of the newest inserted record (default now). */
	at?: string;
	/** Gap between consecutive inserted records, the newest at `at` (default 1). */
	spacingMs?: number;
}

export interface WebflowWorkspaceInsertInput extends InsertBase {
	/** Overrides, one per record, oldest first (and `count` defaults to their number). */
	events?: WebflowWorkspaceEventOverride[];
	target?: 'workspace';
}

export interface WebflowSiteInsertInput extends InsertBase {
	events?: WebflowSiteEventOverride[];
	target: { siteId: string };
}

export type WebflowInsertInput = WebflowWorkspaceInsertInput | WebflowSiteInsertInput;

/** Read-only views of the current data. */
export interface WebflowViews {
	/** The workspace token (`tokens.workspace`, scope `workspace_activity:read`). */
	apiKey: string;
	tokens: {
		/** Workspace API token with `workspace_activity:read`. */
		workspace: string;
		/** Site token with `site_activity:read` for the workspace's sites (site routes only). */
		site: string;
		/** Valid, but with neither scope → 403 `missing_scopes`. */
		noScope: string;
		/** Has both scopes; its workspace is not Enterprise → 403 `not_enterprise_plan_*`. */
		notEnterprise: string;
	};
	workspace: WebflowWorkspace;
	sites: WebflowSite[];
	/** Exists (no 404) but belongs to no sandbox token → 403 `forbidden`, as do its sites. */
	otherWorkspace: WebflowWorkspace & { sites: WebflowSite[] };
	/** Workspace members (`actors[0]` owns the workspace token). */
	actors: WebflowMember[];
}

export interface WebflowMethods {
	/** Every record the workspace route would return for this filter, in API order. */
	workspaceEvents(query?: WorkspaceFilter): WebflowWorkspaceAuditLogItem[];
	/** Every record of a site, newest first, as the site route pages through them. */
	siteEvents(siteId: string): WebflowSiteActivityLogItem[];
	/** Inserts records and returns them as the API shows them, in default API order (newest first). */
	insert(input?: WebflowWorkspaceInsertInput): WebflowWorkspaceAuditLogItem[];
	insert(input: WebflowSiteInsertInput): WebflowSiteActivityLogItem[];
}

/** `faults()`, `setFaults()` (`siteOldestFirst` among them), `reset()`, … */
export interface WebflowEmulator
	extends ProviderEmulator<WebflowDataOptions>,
		WebflowViews,
		WebflowMethods {}

type Context = EmulatorContext<WebflowState, WebflowDataOptions>;

const insertSchema = z
	.object({
		...INSERT_TIMING_SHAPE,
		events: z.array(z.record(z.string(), z.unknown())).optional(),
		target: z.union([z.literal('workspace'), z.object({ siteId: z.string() }).strict()]).optional(),
	})
	.strict();

type ParsedInsert = z.infer<typeof insertSchema>;

const workspaceOverrideSchema = z
	.object({
		timestamp: isoDate('timestamp').optional(),
		actor: z
			.object({
				type: z.enum(WEBFLOW_ACTOR_TYPES).optional(),
				id: z.string().nullable(),
				email: z.string().optional(),
			})
			.strict()
			.optional(),
		workspace: z.object({ id: z.string(), slug: z.string() }).optional(),
		eventType: z.enum(WEBFLOW_EVENT_TYPES).optional(),
		eventSubType: z.string().optional(),
		payload: z.record(z.string(), z.unknown()).optional(),
	})
	.strict();

const siteOverrideSchema = webflowSiteActivityLogItemSchema
	.extend({
		createdOn: isoDate('createdOn'),
		lastUpdated: isoDate('lastUpdated'),
	})
	.partial()
	.strict();

/** World and history per (seed, anchor, counts), built once per process; the rows are frozen. */
const seededData = memoize(
	(seed: number, anchorMs: number, eventCount: number, siteEventCount: number) => {
		const world = buildWorld(seed);
		const siteEventIds = new Set<string>();
		const siteEvents = new Map<string, readonly StoredSiteEvent[]>();
		for (const site of [...world.sites, ...world.otherSites]) {
			siteEvents.set(
				site.id,
				buildSiteHistory(world, site, { seed, anchorMs, count: siteEventCount }, siteEventIds),
			);
		}
		const workspaceEvents: readonly StoredWorkspaceEvent[] = buildWorkspaceHistory(world, {
			seed,
			anchorMs,
			count: eventCount,
		});
		return { world, workspaceEvents, siteEvents, siteEventIds: siteEventIds as ReadonlySet<string> };
	},
);

function buildState(options: Required<WebflowDataOptions>): WebflowState {
	const data = seededData(
		options.seed,
		Date.parse(options.anchor),
		options.eventCount,
		options.siteEventCount,
	);
	// Continue the AI toggle from where the history left it.
	const lastSetting = [...data.workspaceEvents]
		.reverse()
		.find((event) => event.item.eventType === 'workspace_setting');
	const siteEvents = new Map<string, StoredSiteEvent[]>();
	data.siteEvents.forEach((rows, siteId) => siteEvents.set(siteId, rows.slice()));
	return {
		world: data.world,
		workspaceEvents: data.workspaceEvents.slice(),
		siteEvents,
		siteEventIds: new Set(data.siteEventIds),
		seq: data.workspaceEvents.length + options.siteEventCount * siteEvents.size,
		draft: {
			aiEnabled:
				lastSetting?.item.eventType === 'workspace_setting'
					? lastSetting.item.payload.value === 'true'
					: false,
		},
		rateLimit: options.rateLimit,
		limiter: new FixedWindowLimiter(),
		siteOldestFirst: false,
	};
}

function describeIssues(error: z.ZodError): string {
	return error.issues
		.map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`)
		.join('; ');
}

/** The validated overrides and the time of each record to insert (newest at `at`). */
function planInsert<T>(parsed: ParsedInsert, schema: z.ZodType<T, z.ZodTypeDef, unknown>) {
	const overrides = (parsed.events ?? []).map((raw, i) => {
		const result = schema.safeParse(raw);
		if (!result.success) throw new Error(`events[${i}]: ${describeIssues(result.error)}`);
		return result.data;
	});
	return { overrides, times: insertTimes(parsed, overrides.length) };
}

/** Records newest first, as the default API order shows them. */
function newestFirst<T>(inserted: Array<{ ms: number; seq: number; item: T }>): T[] {
	return inserted
		.slice()
		.sort(compareOldestFirst)
		.reverse()
		.map((event) => event.item);
}

function insertWorkspace(
	{ state, random }: Context,
	parsed: ParsedInsert,
): WebflowWorkspaceAuditLogItem[] {
	const { overrides, times } = planInsert(parsed, workspaceOverrideSchema);
	const inserted = times.map((at, i): StoredWorkspaceEvent => {
		const override = overrides[i] ?? {};
		const member = state.world.members.find((candidate) => candidate.id === override.actor?.id);
		const drafted = draftWorkspaceEvent(random, state.world, state.draft, {
			eventType: override.eventType,
			eventSubType: override.eventSubType,
			actor: member,
		});
		const draft = override.actor ? drafted : varyActor(random, state.world, drafted);
		const merged = { ...draft } as Record<string, unknown>;
		for (const key of ['workspace', 'eventType', 'eventSubType', 'payload'] as const) {
			if (override[key] !== undefined) merged[key] = override[key];
		}
		if (override.actor) merged.actor = actorOf(override.actor);
		const ms = override.timestamp ? Date.parse(override.timestamp) : at;
		const result = webflowWorkspaceAuditLogItemSchema.safeParse(
			finishWorkspaceEvent(merged as WorkspaceDraft, ms),
		);
		if (!result.success) throw new Error(`events[${i}]: ${describeIssues(result.error)}`);
		return Object.freeze({ seq: ++state.seq, ms, item: result.data });
	});
	state.workspaceEvents = [...state.workspaceEvents, ...inserted].sort(compareOldestFirst);
	return newestFirst(inserted);
}

function insertSite(
	{ state, random, idRandom }: Context,
	parsed: ParsedInsert,
	siteId: string,
): WebflowSiteActivityLogItem[] {
	const site = state.world.sites.find((candidate) => candidate.id === siteId);
	if (!site) throw new Error(`unknown site ${siteId} (must be one of the workspace's sites)`);
	const { overrides, times } = planInsert(parsed, siteOverrideSchema);
	const inserted = times.map((at, i): StoredSiteEvent => {
		const { id, createdOn, lastUpdated, ...fields } = overrides[i] ?? {};
		const ms = createdOn ? Date.parse(createdOn) : at;
		const draft = { ...draftSiteEvent(random, state.world, site, fields.event), ...fields };
		const item = finishSiteEvent(
			draft,
			id ?? newSiteEventId(idRandom, ms, state.siteEventIds),
			ms,
			lastUpdated ? Date.parse(lastUpdated) : ms,
		);
		if (id) state.siteEventIds.add(id);
		return Object.freeze({ seq: ++state.seq, ms, item });
	});
	const replaced = new Set(inserted.map((event) => event.item.id));
	const rows = (state.siteEvents.get(site.id) ?? []).filter(
		(event) => !replaced.has(event.item.id),
	);
	state.siteEvents.set(site.id, [...rows, ...inserted].sort(compareOldestFirst));
	return newestFirst(inserted);
}

function insert(context: Context, input: WebflowInsertInput = {}) {
	const parsed = insertSchema.parse(input);
	const target = parsed.target ?? 'workspace';
	return target === 'workspace'
		? insertWorkspace(context, parsed)
		: insertSite(context, parsed, target.siteId);
}

export const startWebflowEmulator: (
	options?: WebflowEmulatorOptions,
) => Promise<WebflowEmulator> = defineEmulator<
	WebflowState,
	WebflowDataOptions,
	WebflowViews,
	WebflowMethods
>({
	name: 'webflow',
	defaults: {
		seed: 7,
		eventCount: 1200,
		siteEventCount: 360,
		rateLimit: { perWindow: 120, windowMs: 60_000 },
	},
	options: {
		siteEventCount: z.number().int().min(0).max(100_000).optional(),
		rateLimit: z
			.object({ perWindow: z.number().int().positive(), windowMs: z.number().int().positive() })
			.strict()
			.optional(),
	},
	buildState,
	routes: createWebflowRoutes,
	hooks: createWebflowHooks,
	// Off unless the fault config turns it on.
	switches: flagSwitches({ siteOldestFirst: () => false }),
	views: {
		apiKey: ({ world }) => world.tokens.workspace.token,
		tokens: ({ world }) => mapValues(world.tokens, (token) => token.token),
		workspace: ({ world }) => world.workspace,
		sites: ({ world }) => world.sites,
		otherWorkspace: ({ world }) => ({ ...world.otherWorkspace, sites: world.otherSites }),
		actors: ({ world }) => world.members,
	},
	methods: (context) => ({
		workspaceEvents: (query = {}) =>
			filterWorkspaceEvents(context.state, query).map((event) => event.item),
		siteEvents: (siteId) => orderedSiteEvents(context.state, siteId).map((event) => event.item),
		insert: ((input?: WebflowInsertInput) => insert(context, input)) as WebflowMethods['insert'],
	}),
	// During paging, insert into the store being paged; own sites only.
	pagingInsert: (req, count, { state }) => {
		const target = listTarget(req);
		if (target === undefined || target === 'workspace') return target && { count };
		if (!state.world.sites.some((site) => site.id === target.siteId)) return undefined;
		return { count, target };
	},
	info: ({ world, workspaceEvents, siteEvents }) => ({
		apiKey: world.tokens.workspace.token,
		tokens: mapValues(world.tokens, (token) => token.token),
		workspace: world.workspace,
		sites: world.sites,
		otherWorkspace: { ...world.otherWorkspace, sites: world.otherSites },
		workspaceEventCount: workspaceEvents.length,
		siteEventCounts: Object.fromEntries(
			world.sites.map((site) => [site.id, siteEvents.get(site.id)?.length ?? 0]),
		),
	}),
});
