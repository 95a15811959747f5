/**
 * Loopback emulator of Sim's v1 audit-log API (providers.md §3). Control endpoints and direct
 * calls do the same things, so jest tests can use either.
 */
import { randomInt } from 'node:crypto';

import { z } from 'zod';

import { simAuditLogEntrySchema, type SimAuditLogEntry } from '../../../nodes/Sim/schemas';
import {
	createRandom,
	type FaultConfig,
	type InsertEventsInput,
	type LoggedRequest,
	type Random,
	shortId,
	startEmulator,
} from '../kit';
import {
	buildHistory,
	buildWorld,
	compareNewestFirst,
	draftEvent,
	finishEvent,
	microFraction,
	type SimMember,
	type SimOrg,
	type SimStoredEvent,
	type SimUser,
	type SimWorkspace,
	type SimWorld,
	toEntry,
} from './fixtures';
import {
	createSimHooks,
	createSimRoutes,
	type SimRateLimitOptions,
	type SimState,
	TokenBucketLimiter,
	visibleRows,
} from './routes';

export type { SimStoredEvent, SimMember, SimUser, SimWorkspace, SimOrg } from './fixtures';
export type { SimRateLimitOptions } from './routes';

export interface SimDataOptions {
	/** Seed of the generated history (default 42). */
	seed?: number;
	/** ISO time; all seeded events are older. Default: now, rounded down to the minute. */
	anchor?: string;
	/** Org events to seed (default 1200); ~3 % foreign-org events come on top. */
	eventCount?: number;
	/** §3.8 precision quirk (default false). Also switchable via faults `{ precisionQuirk }`. */
	precisionQuirk?: boolean;
	/** Enterprise bucket; default 500 per 60 000 ms (capacity 1000). */
	rateLimit?: SimRateLimitOptions;
}

export interface SimEmulatorOptions extends SimDataOptions {
	port?: number;
	host?: string;
	controlPrefix?: string;
	faults?: FaultConfig;
}

export interface SimInsertInput {
	count?: number;
	/** ISO time of the newest inserted event (default now); sub-ms digits (up to µs) are kept. */
	at?: string;
	/** Gap between consecutive inserted events, newest last at `at` (default 1). */
	spacingMs?: number;
	/** Field overrides, one per event, in insertion order (oldest first). */
	events?: SimEventOverride[];
}

/** Any entry field, plus `createdAtMicros`; `createdAt` may carry up to 6 fractional digits. */
export type SimEventOverride = Partial<SimAuditLogEntry> & {
	createdAtMicros?: number;
	ipAddress?: string | null;
	userAgent?: string | null;
};

export interface SimEmulator {
	url: string;
	controlUrl: string;
	/** The working admin key (`keys.admin`). */
	apiKey: string;
	keys: {
		/** Owner of the enterprise org: everything works. */
		admin: string;
		/** Plain member → 403 "Organization admin or owner role required". */
		member: string;
		/** No org → 403 "Not a member of any organization". */
		noOrg: string;
		/** Owner of a team-plan org → 403 "Active enterprise subscription required". */
		notEnterprise: string;
	};
	org: SimOrg;
	workspaces: SimWorkspace[];
	/** Current members (`actors[0]` is the admin key's user). */
	actors: SimMember[];
	/** Former members whose events are hidden unless `includeDeparted=true`. */
	departedActors: SimUser[];
	/** A workspace of another org: never visible, and rejected as a `workspaceId` filter. */
	foreignWorkspace: SimWorkspace;
	/** Every stored row (both orgs), newest first by microsecond. */
	readonly events: readonly SimStoredEvent[];
	/** What the admin can list, in API order (`createdAt DESC, id DESC` as currently compared). */
	visibleEvents(options?: { includeDeparted?: boolean }): SimAuditLogEntry[];
	insert(input?: SimInsertInput): SimAuditLogEntry[];
	faults(): FaultConfig;
	/** Replace the fault config (`{}` clears; `precisionQuirk` falls back to the started value). */
	setFaults(config: FaultConfig): void;
	/** Rebuild data (options merged over the current ones), clear faults, log and rate limits. */
	reset(options?: SimDataOptions): void;
	requests(): LoggedRequest[];
	clearRequests(): void;
	close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT: SimRateLimitOptions = { refillPerWindow: 500, windowMs: 60_000 };

const dataOptionsSchema = z
	.object({
		seed: z.number().int().optional(),
		anchor: z
			.string()
			.refine((value) => !Number.isNaN(Date.parse(value)), 'anchor must be an ISO date')
			.optional(),
		eventCount: z.number().int().min(0).max(100_000).optional(),
		precisionQuirk: z.boolean().optional(),
		rateLimit: z
			.object({ refillPerWindow: z.number().positive(), windowMs: z.number().int().positive() })
			.optional(),
	})
	.strict();

const overrideSchema = simAuditLogEntrySchema
	.extend({
		createdAt: z
			.string()
			.refine((value) => !Number.isNaN(Date.parse(value)), 'createdAt must be an ISO date'),
		createdAtMicros: z.number().int().nonnegative(),
		ipAddress: z.string().nullable(),
		userAgent: z.string().nullable(),
	})
	.partial()
	.strict();

const insertSchema = z
	.object({
		count: z.number().int().min(0).max(10_000).optional(),
		at: z
			.string()
			.refine((value) => !Number.isNaN(Date.parse(value)), 'at must be an ISO date')
			.optional(),
		spacingMs: z.number().min(0).optional(),
		events: z.array(overrideSchema).optional(),
	})
	.strict();

function floorToMinute(ms: number): number {
	return Math.floor(ms / 60_000) * 60_000;
}

function hasMicros(iso: string): boolean {
	return /T\d{2}:\d{2}:\d{2}\.\d{4,}/.test(iso);
}

/** Epoch µs of an ISO string, keeping up to six fractional digits (JS `Date` keeps three). */
function isoToMicros(iso: string): number {
	const fraction = /T\d{2}:\d{2}:\d{2}\.\d{3}(\d{1,3})/.exec(iso);
	return Date.parse(iso) * 1000 + (fraction ? Number(fraction[1].padEnd(3, '0')) : 0);
}

/** Gives each ms a µs fraction; events sharing a ms get distinct fractions rising in order. */
function withFractions(random: Random, times: number[]): number[] {
	const fractions = new Map<number, number[]>();
	for (const ms of new Set(times)) {
		const size = times.filter((t) => t === ms).length;
		const picked = new Set<number>();
		while (picked.size < Math.min(size, 999)) picked.add(microFraction(random));
		fractions.set(
			ms,
			[...picked].sort((a, b) => a - b),
		);
	}
	return times.map((ms) => ms * 1000 + (fractions.get(ms)?.shift() ?? 999));
}

const seededCache = new Map<string, { world: SimWorld; events: readonly SimStoredEvent[] }>();

/**
 * World and history for (seed, anchor, eventCount), built once per process: `reset` is frequent
 * in tests and the rows are frozen, so emulators can share them.
 */
function seededData(
	seed: number,
	anchor: string,
	eventCount: number,
): { world: SimWorld; events: readonly SimStoredEvent[] } {
	const key = `${seed}|${Date.parse(anchor)}|${eventCount}`;
	let data = seededCache.get(key);
	if (!data) {
		const world = buildWorld(seed);
		const events = buildHistory(world, { seed, anchorMs: Date.parse(anchor), eventCount }).map(
			(event) => Object.freeze(event),
		);
		data = { world, events };
		if (seededCache.size > 20) seededCache.clear();
		seededCache.set(key, data);
	}
	return data;
}

export async function startSimEmulator(options: SimEmulatorOptions = {}): Promise<SimEmulator> {
	let dataOptions: Required<Omit<SimDataOptions, 'anchor'>> & { anchor: string } = {
		seed: options.seed ?? 42,
		anchor: options.anchor ?? new Date(floorToMinute(Date.now())).toISOString(),
		eventCount: options.eventCount ?? 1200,
		precisionQuirk: options.precisionQuirk ?? false,
		rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
	};
	let random: Random = createRandom(0);
	// Inserted events get IDs no earlier start of the sandbox handed out, so a trigger state kept
	// in a persistent n8n folder never mistakes a new event for an old one. Seeded data and the
	// content of inserted events stay deterministic.
	const idRandom: Random = createRandom(randomInt(2 ** 31));

	const build = (): SimState => {
		const { world, events } = seededData(
			dataOptions.seed,
			dataOptions.anchor,
			dataOptions.eventCount,
		);
		random = createRandom(dataOptions.seed + 1);
		return {
			world,
			events: events.slice(),
			precisionQuirk: dataOptions.precisionQuirk,
			rateLimit: dataOptions.rateLimit,
			limiter: new TokenBucketLimiter(),
			usageCost: Math.round(random.next() * 400000) / 100,
		};
	};
	let state = build();
	const getState = (): SimState => state;

	const insert = (input: SimInsertInput = {}): SimAuditLogEntry[] => {
		const parsed = insertSchema.parse(input);
		const overrides = parsed.events ?? [];
		const count = parsed.count ?? Math.max(overrides.length, 1);
		const spacingMs = parsed.spacingMs ?? 1;
		const newestMs = parsed.at ? Date.parse(parsed.at) : Date.now();
		// Oldest first; the last one lands at `at`.
		const times = Array.from(
			{ length: count },
			(_, i) => newestMs - Math.round((count - 1 - i) * spacingMs),
		);
		const micros = withFractions(random, times);
		if (parsed.at && hasMicros(parsed.at)) micros[count - 1] = isoToMicros(parsed.at);

		const ids = new Set(state.events.map((event) => event.id));
		const people = [...state.world.members, ...state.world.departed];
		const inserted = micros.map((at, i) => {
			const override: SimEventOverride = { ...(overrides[i] ?? {}) };
			if (override.createdAtMicros !== undefined) at = override.createdAtMicros;
			else if (override.createdAt !== undefined) at = isoToMicros(override.createdAt);
			let id = override.id ?? shortId(idRandom);
			while (override.id === undefined && ids.has(id)) id = shortId(idRandom);
			ids.add(id);
			delete override.id;
			delete override.createdAt;
			delete override.createdAtMicros;
			// An actorId alone brings that person's name and email along.
			const person = people.find((candidate) => candidate.id === override.actorId);
			const actor = person ? { actorName: person.name, actorEmail: person.email } : {};
			return Object.freeze(
				finishEvent({ ...draftEvent(random, state.world), ...actor, ...override }, id, at),
			);
		});
		const replaced = new Set(inserted.map((event) => event.id));
		state.events = [...state.events.filter((event) => !replaced.has(event.id)), ...inserted];
		state.events.sort(compareNewestFirst);
		return [...inserted].sort(compareNewestFirst).map(toEntry);
	};

	const reset = (resetOptions: unknown = {}): void => {
		const parsed = dataOptionsSchema.parse(resetOptions);
		dataOptions = { ...dataOptions, ...parsed };
		state = build();
	};

	const hooks = {
		...createSimHooks(getState),
		insertEvents: (input: InsertEventsInput) => insert(insertSchema.parse(input)),
		reset,
		info: () => ({
			provider: 'sim',
			apiKey: state.world.keys.admin.key,
			keys: Object.fromEntries(
				Object.entries(state.world.keys).map(([name, { key }]) => [name, key]),
			),
			org: state.world.org,
			workspaces: state.world.workspaces,
			options: { ...dataOptions, precisionQuirk: state.precisionQuirk },
			eventCount: state.events.length,
		}),
		// `precisionQuirk` rides on the fault config; absent means the started/reset value.
		switchNames: ['precisionQuirk'],
		applySwitches: (config: FaultConfig) => {
			const quirk = config.precisionQuirk;
			if (quirk !== undefined && typeof quirk !== 'boolean')
				throw new Error('precisionQuirk must be a boolean');
			state.precisionQuirk = quirk ?? dataOptions.precisionQuirk;
		},
	};

	const emulator = await startEmulator({
		name: 'sim',
		port: options.port,
		host: options.host,
		controlPrefix: options.controlPrefix,
		routes: createSimRoutes(getState),
		hooks,
		seed: dataOptions.seed,
		faults: options.faults,
	});

	const world = (): SimState['world'] => state.world;
	return {
		url: emulator.url,
		controlUrl: emulator.controlUrl,
		get apiKey() {
			return world().keys.admin.key;
		},
		get keys() {
			const { admin, member, noOrg, notEnterprise } = world().keys;
			return {
				admin: admin.key,
				member: member.key,
				noOrg: noOrg.key,
				notEnterprise: notEnterprise.key,
			};
		},
		get org() {
			return world().org;
		},
		get workspaces() {
			return world().workspaces;
		},
		get actors() {
			return world().members;
		},
		get departedActors() {
			return world().departed;
		},
		get foreignWorkspace() {
			return world().otherWorkspace;
		},
		get events() {
			return state.events;
		},
		visibleEvents: (visibleOptions = {}) =>
			visibleRows(state, visibleOptions.includeDeparted).map(toEntry),
		insert,
		faults: emulator.faults,
		setFaults: emulator.setFaults,
		reset: (resetOptions: SimDataOptions = {}) => emulator.reset(resetOptions),
		requests: emulator.requests,
		clearRequests: emulator.clearRequests,
		close: emulator.close,
	};
}
