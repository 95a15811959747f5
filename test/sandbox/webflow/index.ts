/**
 * Loopback emulator of Webflow's workspace audit logs and site activity logs (providers.md §1).
 * `url` is the origin (like `https://api.webflow.com`); the API lives under `/v2/...`. Control
 * endpoints and direct calls do the same things, so jest tests can use either.
 */
import { randomInt } from 'node:crypto';

import { z } from 'zod';

import {
	type WebflowEventType,
	type WebflowSiteActivityLogItem,
	type WebflowUserRef,
	type WebflowWorkspaceAuditLogItem,
	type WebflowWorkspaceRef,
	WEBFLOW_EVENT_TYPES,
	webflowSiteActivityLogItemSchema,
	webflowWorkspaceAuditLogItemSchema,
} from '../../../nodes/Webflow/schemas';
import {
	createRandom,
	type FaultConfig,
	FixedWindowLimiter,
	floorToMinute,
	type InsertEventsInput,
	isParsableDate,
	type LoggedRequest,
	type Random,
	startEmulator,
} from '../kit';
import {
	buildSiteHistory,
	buildWorkspaceHistory,
	buildWorld,
	compareOldestFirst,
	type DraftState,
	draftSiteEvent,
	draftWorkspaceEvent,
	finishSiteEvent,
	finishWorkspaceEvent,
	newSiteEventId,
	type StoredSiteEvent,
	type StoredWorkspaceEvent,
	type WebflowMember,
	type WebflowSite,
	type WebflowWorkspace,
	type WebflowWorld,
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

export type {
	WebflowMember,
	WebflowSite,
	WebflowTokenName,
	WebflowWorkspace,
	StoredSiteEvent,
	StoredWorkspaceEvent,
} from './fixtures';
export { WEBFLOW_SANDBOX_TOKENS } from './fixtures';
export type { WebflowRateLimitOptions, WorkspaceFilter } from './routes';

export interface WebflowDataOptions {
	/** Seed of the generated history (default 7). */
	seed?: number;
	/** ISO time; all seeded records are older. Default: now, rounded down to the minute. */
	anchor?: string;
	/** Workspace audit-log records to seed (default 1200, over 30 days). */
	eventCount?: number;
	/** Site activity records per site (default 360). */
	siteEventCount?: number;
	/** Per token; default 120 per 60 000 ms. */
	rateLimit?: WebflowRateLimitOptions;
}

export interface WebflowEmulatorOptions extends WebflowDataOptions {
	port?: number;
	host?: string;
	controlPrefix?: string;
	faults?: FaultConfig;
}

/** Top-level fields replace the generated ones wholesale (`payload` included). */
export interface WebflowWorkspaceEventOverride {
	/** ISO; wins over `at`/`spacingMs`. Normalised to `toISOString()`. */
	timestamp?: string;
	/** A member's id brings their usual login locations along. */
	actor?: WebflowUserRef;
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

export interface WebflowEmulator {
	/** Origin, e.g. `http://127.0.0.1:4011`; the API is under `${url}/v2`. */
	url: string;
	controlUrl: string;
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
	/** Every record the workspace route would return for this filter, in API order. */
	workspaceEvents(query?: WorkspaceFilter): WebflowWorkspaceAuditLogItem[];
	/** Every record of a site, newest first, as the site route pages through them. */
	siteEvents(siteId: string): WebflowSiteActivityLogItem[];
	/** Inserts records and returns them as the API shows them, in default API order (newest first). */
	insert(input?: WebflowWorkspaceInsertInput): WebflowWorkspaceAuditLogItem[];
	insert(input: WebflowSiteInsertInput): WebflowSiteActivityLogItem[];
	faults(): FaultConfig;
	setFaults(config: FaultConfig): void;
	/** Rebuild data (options merged over the current ones), clear faults, log and rate limits. */
	reset(options?: WebflowDataOptions): void;
	requests(): LoggedRequest[];
	clearRequests(): void;
	close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT: WebflowRateLimitOptions = { perWindow: 120, windowMs: 60_000 };

const isoDate = (name: string) => z.string().refine(isParsableDate, `${name} must be an ISO date`);

const dataOptionsSchema = z
	.object({
		seed: z.number().int().optional(),
		anchor: isoDate('anchor').optional(),
		eventCount: z.number().int().min(0).max(100_000).optional(),
		siteEventCount: z.number().int().min(0).max(100_000).optional(),
		rateLimit: z
			.object({ perWindow: z.number().int().positive(), windowMs: z.number().int().positive() })
			.strict()
			.optional(),
	})
	.strict();

const insertSchema = z
	.object({
		count: z.number().int().min(0).max(10_000).optional(),
		at: isoDate('at').optional(),
		spacingMs: z.number().min(0).optional(),
		events: z.array(z.record(z.string(), z.unknown())).optional(),
		target: z.union([z.literal('workspace'), z.object({ siteId: z.string() }).strict()]).optional(),
	})
	.strict();

type ParsedInsert = z.infer<typeof insertSchema>;

const workspaceOverrideSchema = z
	.object({
		timestamp: isoDate('timestamp').optional(),
		actor: z.object({ id: z.string(), email: z.string() }).optional(),
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

interface SeededData {
	world: WebflowWorld;
	workspaceEvents: readonly StoredWorkspaceEvent[];
	siteEvents: ReadonlyMap<string, readonly StoredSiteEvent[]>;
	siteEventIds: ReadonlySet<string>;
}

const seededCache = new Map<string, SeededData>();

/** World and history per (seed, anchor, counts), built once per process; the rows are frozen. */
function seededData(
	seed: number,
	anchor: string,
	eventCount: number,
	siteEventCount: number,
): SeededData {
	const key = `${seed}|${Date.parse(anchor)}|${eventCount}|${siteEventCount}`;
	let data = seededCache.get(key);
	if (!data) {
		const world = buildWorld(seed);
		const anchorMs = Date.parse(anchor);
		const siteEventIds = new Set<string>();
		const siteEvents = new Map<string, readonly StoredSiteEvent[]>();
		for (const site of [...world.sites, ...world.otherSites]) {
			siteEvents.set(
				site.id,
				buildSiteHistory(world, site, { seed, anchorMs, count: siteEventCount }, siteEventIds),
			);
		}
		data = {
			world,
			workspaceEvents: buildWorkspaceHistory(world, { seed, anchorMs, count: eventCount }),
			siteEvents,
			siteEventIds,
		};
		if (seededCache.size > 20) seededCache.clear();
		seededCache.set(key, data);
	}
	return data;
}

/** Oldest first, the newest at `newestMs`. */
function insertTimes(count: number, newestMs: number, spacingMs: number): number[] {
	return Array.from(
		{ length: count },
		(_, i) => newestMs - Math.round((count - 1 - i) * spacingMs),
	);
}

function describeIssues(error: z.ZodError): string {
	return error.issues
		.map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`)
		.join('; ');
}

export async function startWebflowEmulator(
	options: WebflowEmulatorOptions = {},
): Promise<WebflowEmulator> {
	let dataOptions: Required<Omit<WebflowDataOptions, 'anchor'>> & { anchor: string } = {
		seed: options.seed ?? 7,
		anchor: options.anchor ?? new Date(floorToMinute(Date.now())).toISOString(),
		eventCount: options.eventCount ?? 1200,
		siteEventCount: options.siteEventCount ?? 360,
		rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
	};
	let random: Random = createRandom(0);
	// Inserted events get IDs no earlier start of the sandbox handed out, so a trigger state kept
	// in a persistent n8n folder never mistakes a new event for an old one. Seeded data and the
	// content of inserted events stay deterministic.
	const idRandom: Random = createRandom(randomInt(2 ** 31));
	let draftState: DraftState = { aiEnabled: false };

	const build = (): WebflowState => {
		const data = seededData(
			dataOptions.seed,
			dataOptions.anchor,
			dataOptions.eventCount,
			dataOptions.siteEventCount,
		);
		random = createRandom(dataOptions.seed + 1);
		// Continue the AI toggle from where the history left it.
		const lastSetting = [...data.workspaceEvents]
			.reverse()
			.find((event) => event.item.eventType === 'workspace_setting');
		draftState = {
			aiEnabled:
				lastSetting?.item.eventType === 'workspace_setting'
					? lastSetting.item.payload.value === 'true'
					: false,
		};
		const siteEvents = new Map<string, StoredSiteEvent[]>();
		data.siteEvents.forEach((rows, siteId) => siteEvents.set(siteId, rows.slice()));
		return {
			world: data.world,
			workspaceEvents: data.workspaceEvents.slice(),
			siteEvents,
			siteEventIds: new Set(data.siteEventIds),
			seq: data.workspaceEvents.length + dataOptions.siteEventCount * siteEvents.size,
			rateLimit: dataOptions.rateLimit,
			limiter: new FixedWindowLimiter(),
			siteOldestFirst: false,
		};
	};
	let state = build();
	const getState = (): WebflowState => state;

	/** The validated overrides and the time of each record to insert (newest at `at`). */
	const planInsert = <T>(parsed: ParsedInsert, schema: z.ZodType<T, z.ZodTypeDef, unknown>) => {
		const overrides = (parsed.events ?? []).map((raw, i) => {
			const result = schema.safeParse(raw);
			if (!result.success) throw new Error(`events[${i}]: ${describeIssues(result.error)}`);
			return result.data;
		});
		const count = parsed.count ?? Math.max(overrides.length, 1);
		const at = parsed.at ? Date.parse(parsed.at) : Date.now();
		return { overrides, times: insertTimes(count, at, parsed.spacingMs ?? 1) };
	};

	const insertWorkspace = (parsed: ParsedInsert): WebflowWorkspaceAuditLogItem[] => {
		const { overrides, times } = planInsert(parsed, workspaceOverrideSchema);
		const inserted = times.map((at, i): StoredWorkspaceEvent => {
			const override = overrides[i] ?? {};
			const member = state.world.members.find((candidate) => candidate.id === override.actor?.id);
			const draft = draftWorkspaceEvent(random, state.world, draftState, {
				eventType: override.eventType,
				eventSubType: override.eventSubType,
				actor: member,
			});
			const merged = { ...draft } as Record<string, unknown>;
			for (const key of ['actor', 'workspace', 'eventType', 'eventSubType', 'payload'] as const) {
				if (override[key] !== undefined) merged[key] = override[key];
			}
			const ms = override.timestamp ? Date.parse(override.timestamp) : at;
			const result = webflowWorkspaceAuditLogItemSchema.safeParse(
				finishWorkspaceEvent(merged as WorkspaceDraft, ms),
			);
			if (!result.success) throw new Error(`events[${i}]: ${describeIssues(result.error)}`);
			return Object.freeze({ seq: ++state.seq, ms, item: result.data });
		});
		state.workspaceEvents = [...state.workspaceEvents, ...inserted].sort(compareOldestFirst);
		return inserted
			.slice()
			.sort(compareOldestFirst)
			.reverse()
			.map((event) => event.item);
	};

	const insertSite = (parsed: ParsedInsert, siteId: string): WebflowSiteActivityLogItem[] => {
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
		return inserted
			.slice()
			.sort(compareOldestFirst)
			.reverse()
			.map((event) => event.item);
	};

	const insertParsed = (
		parsed: ParsedInsert,
	): WebflowWorkspaceAuditLogItem[] | WebflowSiteActivityLogItem[] => {
		const target = parsed.target ?? 'workspace';
		return target === 'workspace' ? insertWorkspace(parsed) : insertSite(parsed, target.siteId);
	};

	function insert(input?: WebflowWorkspaceInsertInput): WebflowWorkspaceAuditLogItem[];
	function insert(input: WebflowSiteInsertInput): WebflowSiteActivityLogItem[];
	function insert(
		input: WebflowInsertInput = {},
	): WebflowWorkspaceAuditLogItem[] | WebflowSiteActivityLogItem[] {
		return insertParsed(insertSchema.parse(input));
	}

	const reset = (resetOptions: unknown = {}): void => {
		const parsed = dataOptionsSchema.parse(resetOptions);
		dataOptions = { ...dataOptions, ...parsed };
		state = build();
	};

	const hooks = {
		...createWebflowHooks(getState),
		// During paging (`req` given), insert into the store being paged; own sites only.
		insertEvents: (input: InsertEventsInput, req?: Parameters<typeof listTarget>[0]) => {
			if (!req) return insertParsed(insertSchema.parse(input));
			const target = listTarget(req);
			if (target === undefined) return [];
			if (target === 'workspace') return insertParsed({ count: input.count });
			if (!state.world.sites.some((site) => site.id === target.siteId)) return [];
			return insertParsed({ count: input.count, target });
		},
		reset,
		// `siteOldestFirst` rides on the fault config, like Sim's `precisionQuirk`.
		switchNames: ['siteOldestFirst'],
		applySwitches: (config: FaultConfig) => {
			const oldestFirst = config.siteOldestFirst;
			if (oldestFirst !== undefined && typeof oldestFirst !== 'boolean')
				throw new Error('siteOldestFirst must be a boolean');
			state.siteOldestFirst = oldestFirst ?? false;
		},
		info: () => ({
			provider: 'webflow',
			apiKey: state.world.tokens.workspace.token,
			tokens: Object.fromEntries(
				Object.entries(state.world.tokens).map(([name, token]) => [name, token.token]),
			),
			workspace: state.world.workspace,
			sites: state.world.sites,
			otherWorkspace: { ...state.world.otherWorkspace, sites: state.world.otherSites },
			options: dataOptions,
			workspaceEventCount: state.workspaceEvents.length,
			siteEventCounts: Object.fromEntries(
				state.world.sites.map((site) => [site.id, state.siteEvents.get(site.id)?.length ?? 0]),
			),
		}),
	};

	const emulator = await startEmulator({
		name: 'webflow',
		port: options.port,
		host: options.host,
		controlPrefix: options.controlPrefix,
		routes: createWebflowRoutes(getState),
		hooks,
		seed: dataOptions.seed,
		faults: options.faults,
	});

	const world = (): WebflowWorld => state.world;
	return {
		url: emulator.url,
		controlUrl: emulator.controlUrl,
		get apiKey() {
			return world().tokens.workspace.token;
		},
		get tokens() {
			const { workspace, site, noScope, notEnterprise } = world().tokens;
			return {
				workspace: workspace.token,
				site: site.token,
				noScope: noScope.token,
				notEnterprise: notEnterprise.token,
			};
		},
		get workspace() {
			return world().workspace;
		},
		get sites() {
			return world().sites;
		},
		get otherWorkspace() {
			return { ...world().otherWorkspace, sites: world().otherSites };
		},
		get actors() {
			return world().members;
		},
		workspaceEvents: (query = {}) => filterWorkspaceEvents(state, query).map((event) => event.item),
		siteEvents: (siteId) => orderedSiteEvents(state, siteId).map((event) => event.item),
		insert,
		faults: emulator.faults,
		setFaults: emulator.setFaults,
		reset: (resetOptions: WebflowDataOptions = {}) => emulator.reset(resetOptions),
		requests: emulator.requests,
		clearRequests: emulator.clearRequests,
		close: emulator.close,
	};
}
