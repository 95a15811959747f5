/**
 * Loopback emulator of Sim's v1 audit-log API (docs/api/sim.md), defined with the kit's
 * `defineEmulator`: this module brings the data, the routes and the `precisionQuirk` switch.
 * Control endpoints and direct calls do the same things, so jest tests can use either.
 */
import { z } from 'zod';

import type { DataOptions, EmulatorContext, ProviderEmulator, Random, ServerOptions } from '../kit';
import { defineEmulator, flagSwitches, INSERT_TIMING_SHAPE, insertTimes, isoDate, mapValues, memoize, shortId } from '../kit';
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
import { simAuditLogEntrySchema, type SimAuditLogEntry } from './schemas';

export type { SimStoredEvent, SimMember, SimUser, SimWorkspace, SimOrg } from './fixtures';
export type { SimRateLimitOptions } from './routes';

export interface SimDataOptions extends DataOptions {
	/** Seed of the generated history (default 42). */
	seed?: number;
	/** Org events to seed (default 1200); ~3 % foreign-org events come on top. */
	eventCount?: number;
	/** Precision quirk, docs/api/sim.md#precision-quirk (default false). Also switchable via faults `{ precisionQuirk }`. */
	precisionQuirk?: boolean;
	/** Enterprise bucket; default 500 per 60 000 ms (capacity 1000). */
	rateLimit?: SimRateLimitOptions;
}

export type SimEmulatorOptions = SimDataOptions & ServerOptions;

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

/** Read-only views of the current data. */
export interface SimViews {
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
}

export interface SimMethods {
	/** What the admin can list, in API order (`createdAt DESC, id DESC` as currently compared). */
	visibleEvents(options?: { includeDeparted?: boolean }): SimAuditLogEntry[];
	insert(input?: SimInsertInput): SimAuditLogEntry[];
}

/** `faults()`, `setFaults()` (`precisionQuirk` falls back to the started value), `reset()`, … */
export interface SimEmulator extends ProviderEmulator<SimDataOptions>, SimViews, SimMethods {}

const overrideSchema = simAuditLogEntrySchema
	.extend({
		createdAt: isoDate('createdAt'),
		createdAtMicros: z.number().int().nonnegative(),
		ipAddress: z.string().nullable(),
		userAgent: z.string().nullable(),
	})
	.partial()
	.strict();

const insertSchema = z
	.object({ ...INSERT_TIMING_SHAPE, events: z.array(overrideSchema).optional() })
	.strict();

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

/** World and history per (seed, anchor, eventCount), built once per process; rows are frozen. */
const seededData = memoize((seed: number, anchorMs: number, eventCount: number) => {
	const world = buildWorld(seed);
	const events = buildHistory(world, { seed, anchorMs, eventCount }).map((event) =>
		Object.freeze(event),
	);
	return { world, events: events as readonly SimStoredEvent[] };
});

function insert(
	{ state, random, idRandom }: EmulatorContext<SimState, SimDataOptions>,
	input: SimInsertInput = {},
): SimAuditLogEntry[] {
	const parsed = insertSchema.parse(input);
	const overrides = parsed.events ?? [];
	const micros = withFractions(random, insertTimes(parsed, overrides.length));
	if (micros.length > 0 && parsed.at && hasMicros(parsed.at))
		micros[micros.length - 1] = isoToMicros(parsed.at);

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
}

export const startSimEmulator: (options?: SimEmulatorOptions) => Promise<SimEmulator> = defineEmulator<
	SimState,
	SimDataOptions,
	SimViews,
	SimMethods
>({
	name: 'sim',
	defaults: {
		seed: 42,
		eventCount: 1200,
		precisionQuirk: false,
		rateLimit: { refillPerWindow: 500, windowMs: 60_000 },
	},
	options: {
		precisionQuirk: z.boolean().optional(),
		rateLimit: z
			.object({ refillPerWindow: z.number().positive(), windowMs: z.number().int().positive() })
			.optional(),
	},
	buildState: (options, random) => {
		const { world, events } = seededData(
			options.seed,
			Date.parse(options.anchor),
			options.eventCount,
		);
		return {
			world,
			events: events.slice(),
			precisionQuirk: options.precisionQuirk,
			rateLimit: options.rateLimit,
			limiter: new TokenBucketLimiter(),
			usageCost: Math.round(random.next() * 400000) / 100,
		};
	},
	routes: createSimRoutes,
	hooks: createSimHooks,
	// Left out of the fault config, the quirk is what the options say.
	switches: flagSwitches({ precisionQuirk: (options) => options.precisionQuirk }),
	views: {
		apiKey: ({ world }) => world.keys.admin.key,
		keys: ({ world }) => mapValues(world.keys, (apiKey) => apiKey.key),
		org: ({ world }) => world.org,
		workspaces: ({ world }) => world.workspaces,
		actors: ({ world }) => world.members,
		departedActors: ({ world }) => world.departed,
		foreignWorkspace: ({ world }) => world.otherWorkspace,
		events: (state) => state.events,
	},
	methods: (context) => ({
		visibleEvents: (options = {}) =>
			visibleRows(context.state, options.includeDeparted).map(toEntry),
		insert: (input) => insert(context, input),
	}),
	info: ({ world, events }) => ({
		apiKey: world.keys.admin.key,
		keys: mapValues(world.keys, (apiKey) => apiKey.key),
		org: world.org,
		workspaces: world.workspaces,
		eventCount: events.length,
	}),
});
