/**
 * Loopback emulator of Make's audit-log API (docs/api/make.md), defined with the kit's
 * `defineEmulator`: this module brings the data, the routes and the `totalCountForbidden`
 * switch. `url` is the origin; each zone lives under its own path prefix, so
 * `makeSandboxBaseUrl(emulator, 'us1.make.com')` stands for `https://us1.make.com/api/v2`
 * (docs/api/make.md#sandbox). Control endpoints and direct calls do the same things, so jest
 * tests can use either.
 */
import { z } from 'zod';

import type { DataOptions, EmulatorContext, ProviderEmulator, ServerOptions } from '../kit';
import {
	defineEmulator,
	FixedWindowLimiter,
	flagSwitches,
	INSERT_TIMING_SHAPE,
	insertTimes,
	isoDate,
	mapValues,
	memoize,
	seededUuid,
} from '../kit';
import {
	buildHistory,
	buildWorld,
	draftEvent,
	finishEvent,
	findUser,
	MAKE_PEOPLE,
	type MakeOrg,
	type MakeOrgName,
	type MakeStoredEvent,
	type MakeTeam,
	type MakeTokenName,
	type MakeWorld,
	storedAt,
	toEntry,
} from './fixtures';
import {
	addEvents,
	createMakeHooks,
	createMakeRoutes,
	findEvent,
	type MakeEventQuery,
	type MakeRateLimitOptions,
	type MakeState,
	pagedLog,
	selectEvents,
} from './routes';
import {
	MAKE_DEFAULT_ZONE,
	MAKE_ZONES,
	type MakeAuditLogDetail,
	makeAuditLogDetailSchema,
	type MakeAuditLogEntry,
	makeDayOf,
	makeSandboxZonePath,
	type MakeUserRef,
	type MakeZone,
} from './schemas';

export type { MakeOrg, MakeOrgName, MakeStoredEvent, MakeTeam, MakeTokenName } from './fixtures';
export { MAKE_PEOPLE, MAKE_SANDBOX_TOKENS } from './fixtures';
export type { MakeEventQuery, MakeLogScope, MakeRateLimitOptions } from './routes';

export interface MakeDataOptions extends DataOptions {
	/** Seed of the generated history (default 11). */
	seed?: number;
	/** Entries of the main organization over 30 days (default 1000); the others get fewer. */
	eventCount?: number;
	/** Per organization; Enterprise default 1000 per 60 000 ms (docs/api/make.md#rate-limits). */
	rateLimit?: MakeRateLimitOptions;
	/** docs/api/make.md#total-count (default false). Also switchable via faults `{ totalCountForbidden }`. */
	totalCountForbidden?: boolean;
}

export type MakeEmulatorOptions = MakeDataOptions & ServerOptions;

/** Any detail field (not the organization, which the target decides), plus `actorId`. */
export type MakeEventOverride = Partial<Omit<MakeAuditLogDetail, 'organizationId' | 'organization'>> & {
	/** A sandbox user's id: brings their name and email along. */
	actorId?: number;
};

export interface MakeInsertInput {
	count?: number;
	/** ISO time of the newest inserted entry (default now); `triggeredAt` keeps its whole second. */
	at?: string;
	/** Gap between consecutive entries, the newest at `at` (default 1; 0 = one shared second). */
	spacingSeconds?: number;
	/** The kit's spelling of the gap; `spacingSeconds` wins. */
	spacingMs?: number;
	/** Default: the main organization, or the team's. */
	organizationId?: number;
	/** Insert into this team (team-scoped kinds only, unless `events` names another). */
	teamId?: number;
	/** Field overrides, one per entry, oldest first (and `count` defaults to their number). */
	events?: MakeEventOverride[];
}

/** Read-only views of the current data. */
export interface MakeViews {
	/** The admin's eu1 API token (`tokens.admin`): Owner of the main organization. */
	apiKey: string;
	tokens: Record<MakeTokenName, string>;
	/** The admin's API token per zone; each is 401 in every other zone. */
	zoneTokens: Record<MakeZone, string>;
	/** Path prefix per zone: `/eu1.make.com/api/v2`, … (append to `url`). */
	zonePaths: Record<MakeZone, string>;
	/** The main organization (eu1, Enterprise, the admin is Owner). */
	organization: MakeOrg;
	/** `main`, `memberOnly` (admin is a plain member → 403), `otherZone` (us1), `notEnterprise` (Core plan → 403). */
	organizations: Record<MakeOrgName, MakeOrg>;
	/** The main organization's teams. */
	teams: MakeTeam[];
	/** The team the `teamAdmin` token's user is Team Admin of (`R&D Team`). */
	teamAdminTeam: MakeTeam;
	/** Every sandbox user. */
	users: MakeUserRef[];
	/** The main organization's people by role in the tests. */
	people: typeof MAKE_PEOPLE;
	/** Every stored entry (all organizations), oldest first. */
	readonly events: readonly MakeStoredEvent[];
}

export interface MakeMethods {
	/** Every entry the organization route would return for this query, in API order (all pages). */
	organizationEvents(organizationId?: number, query?: MakeEventQuery): MakeAuditLogEntry[];
	/** Every entry of a team's log for this query, in API order (all pages). */
	teamEvents(teamId: number, query?: MakeEventQuery): MakeAuditLogEntry[];
	/** The main organization's log as its Owner lists it (`organizationEvents()` with the main org). */
	visibleEvents(query?: MakeEventQuery): MakeAuditLogEntry[];
	/** What the detail route returns for this organization and uuid. */
	detailOf(organizationId: number, uuid: string): MakeAuditLogDetail | undefined;
	/** Inserts entries and returns them as the list shows them, newest first (default order). */
	insert(input?: MakeInsertInput): MakeAuditLogEntry[];
}

/** `faults()`, `setFaults()` (`totalCountForbidden` among them), `reset()`, … */
export interface MakeEmulator extends ProviderEmulator<MakeDataOptions>, MakeViews, MakeMethods {}

/** A zone's base URL on a running emulator, e.g. `http://127.0.0.1:4012/us1.make.com/api/v2`. */
export function makeSandboxBaseUrl(emulator: { url: string }, zone: MakeZone = MAKE_DEFAULT_ZONE): string {
	return `${emulator.url}${makeSandboxZonePath(zone)}`;
}

type Context = EmulatorContext<MakeState, MakeDataOptions>;

const overrideSchema = makeAuditLogDetailSchema
	.omit({ organizationId: true, organization: true })
	.extend({ createdAt: isoDate('createdAt'), actorId: z.number().int() })
	.partial()
	.strict();

const insertSchema = z
	.object({
		...INSERT_TIMING_SHAPE,
		spacingSeconds: z.number().min(0).optional(),
		organizationId: z.number().int().optional(),
		teamId: z.number().int().optional(),
		events: z.array(overrideSchema).optional(),
	})
	.strict();

/** World and history per (seed, anchor, eventCount), built once per process; entries are frozen. */
const seededData = memoize((seed: number, anchorMs: number, eventCount: number) => {
	const world = buildWorld();
	const events = buildHistory(world, { seed, anchorMs, eventCount }).map((event) => Object.freeze(event));
	return { world, events: events as readonly MakeStoredEvent[] };
});

const ZONE_TOKENS: Record<MakeZone, MakeTokenName> = {
	'eu1.make.com': 'admin',
	'eu2.make.com': 'adminEu2',
	'us1.make.com': 'adminUs1',
	'us2.make.com': 'adminUs2',
	'eu1.make.celonis.com': 'adminCelonisEu1',
	'us1.make.celonis.com': 'adminCelonisUs1',
};

function insertTarget(world: MakeWorld, input: { organizationId?: number; teamId?: number }) {
	const orgs = Object.values(world.orgs);
	if (input.teamId !== undefined) {
		const org = orgs.find((candidate) => candidate.teams.some((team) => team.id === input.teamId));
		if (!org || (input.organizationId !== undefined && org.id !== input.organizationId)) {
			throw new Error(`unknown team ${input.teamId}${input.organizationId ? ` in organization ${input.organizationId}` : ''}`);
		}
		return { org, team: org.teams.find((team) => team.id === input.teamId) };
	}
	const org = orgs.find((candidate) => candidate.id === (input.organizationId ?? world.orgs.main.id));
	if (!org) throw new Error(`unknown organization ${input.organizationId}`);
	return { org, team: undefined };
}

function insert({ state, random, idRandom }: Context, input: MakeInsertInput = {}): MakeAuditLogEntry[] {
	const parsed = insertSchema.parse(input);
	const { org, team } = insertTarget(state.world, parsed);
	const overrides = parsed.events ?? [];
	const spacingMs = parsed.spacingSeconds !== undefined ? parsed.spacingSeconds * 1000 : (parsed.spacingMs ?? 1000);
	const seconds = insertTimes({ count: parsed.count, at: parsed.at, spacingMs }, overrides.length).map((ms) =>
		Math.floor(ms / 1000),
	);
	const uuids = new Set(state.events.map((event) => event.detail.uuid));
	const inserted = seconds.map((at, i): MakeStoredEvent => {
		const { actorId, createdAt, uuid: wantedUuid, triggeredAt = at, ...fields } = overrides[i] ?? {};
		const draft = draftEvent(random, state.world, org, { team, eventName: fields.eventName });
		const actor = actorId === undefined ? undefined : findUser(state.world, actorId);
		if (actorId !== undefined && !actor) throw new Error(`events[${i}]: unknown actorId ${actorId}`);
		let uuid = wantedUuid ?? seededUuid(idRandom);
		while (wantedUuid === undefined && uuids.has(uuid)) uuid = seededUuid(idRandom);
		uuids.add(uuid);
		const detail = finishEvent(
			org,
			{ ...draft, ...fields, ...(actor && { actor }) },
			uuid,
			triggeredAt,
			createdAt === undefined ? storedAt(random, triggeredAt) : new Date(createdAt).toISOString(),
		);
		const checked = makeAuditLogDetailSchema.safeParse(detail);
		if (!checked.success) {
			throw new Error(`events[${i}]: ${checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
		}
		return Object.freeze({ seq: ++state.seq, detail: checked.data });
	});
	// An override with an existing uuid replaces that entry.
	const replaced = new Set(inserted.map((event) => event.detail.uuid));
	state.events = state.events.filter((event) => !replaced.has(event.detail.uuid));
	addEvents(state, inserted);
	return inserted
		.slice()
		.sort((a, b) => b.detail.triggeredAt - a.detail.triggeredAt || b.seq - a.seq)
		.map(toEntry);
}

/** Direct calls take a date or a date-time for `dateFrom`/`dateTo`, as the API does. */
function dayQuery(query: MakeEventQuery = {}): MakeEventQuery {
	const day = (value: string | undefined, name: string) => {
		if (value === undefined) return undefined;
		const parsed = makeDayOf(value);
		if (parsed === null) throw new Error(`${name} must be a date or a date-time, got "${value}"`);
		return parsed;
	};
	return { ...query, dateFrom: day(query.dateFrom, 'dateFrom'), dateTo: day(query.dateTo, 'dateTo') };
}

/** The views, each read from the current state. */
const MAKE_VIEWS: { [K in keyof MakeViews]: (state: MakeState) => MakeViews[K] } = {
	apiKey: ({ world }) => world.tokens.admin.token,
	tokens: ({ world }) => mapValues(world.tokens, (token) => token.token),
	zoneTokens: ({ world }) => mapValues(ZONE_TOKENS, (name) => world.tokens[name].token),
	zonePaths: () => Object.fromEntries(MAKE_ZONES.map((zone) => [zone, makeSandboxZonePath(zone)])) as Record<MakeZone, string>,
	organization: ({ world }) => world.orgs.main,
	organizations: ({ world }) => world.orgs,
	teams: ({ world }) => world.orgs.main.teams,
	teamAdminTeam: ({ world }) => world.orgs.main.teams[0],
	users: ({ world }) => world.users,
	people: () => MAKE_PEOPLE,
	events: (state) => state.events,
};

export const startMakeEmulator: (options?: MakeEmulatorOptions) => Promise<MakeEmulator> = defineEmulator<
	MakeState,
	MakeDataOptions,
	MakeViews,
	MakeMethods
>({
	name: 'make',
	defaults: {
		seed: 11,
		eventCount: 1000,
		rateLimit: { perWindow: 1000, windowMs: 60_000 },
		totalCountForbidden: false,
	},
	options: {
		rateLimit: z
			.object({ perWindow: z.number().int().positive(), windowMs: z.number().int().positive() })
			.strict()
			.optional(),
		totalCountForbidden: z.boolean().optional(),
	},
	buildState: (options) => {
		const { world, events } = seededData(options.seed, Date.parse(options.anchor), options.eventCount);
		return {
			world,
			events: events.slice(),
			seq: events.length,
			rateLimit: options.rateLimit,
			limiter: new FixedWindowLimiter(),
			totalCountForbidden: options.totalCountForbidden,
		};
	},
	routes: createMakeRoutes,
	hooks: createMakeHooks,
	switches: flagSwitches({ totalCountForbidden: (options) => options.totalCountForbidden }),
	views: MAKE_VIEWS,
	methods: (context) => ({
		organizationEvents: (organizationId = context.state.world.orgs.main.id, query) =>
			selectEvents(context.state, { organizationId }, dayQuery(query)).map(toEntry),
		teamEvents: (teamId, query) => selectEvents(context.state, { teamId }, dayQuery(query)).map(toEntry),
		visibleEvents: (query) =>
			selectEvents(context.state, { organizationId: context.state.world.orgs.main.id }, dayQuery(query)).map(toEntry),
		detailOf: (organizationId, uuid) => findEvent(context.state, organizationId, uuid)?.detail,
		insert: (input) => insert(context, input),
	}),
	// During paging, insert into the log being paged (a known organization or team only).
	pagingInsert: (req, count, { state }) => {
		const log = pagedLog(req);
		if (log === undefined) return undefined;
		const orgs = Object.values(state.world.orgs);
		if ('teamId' in log) {
			return orgs.some((org) => org.teams.some((team) => team.id === log.teamId)) ? { count, teamId: log.teamId } : undefined;
		}
		return orgs.some((org) => org.id === log.organizationId) ? { count, organizationId: log.organizationId } : undefined;
	},
	info: ({ world, events }) => ({
		apiKey: world.tokens.admin.token,
		tokens: mapValues(world.tokens, (token) => token.token),
		zonePaths: Object.fromEntries(MAKE_ZONES.map((zone) => [zone, makeSandboxZonePath(zone)])),
		organizations: mapValues(world.orgs, ({ id, name, zone, plan, teams }) => ({
			id,
			name,
			zone,
			plan,
			teams: teams.map((team) => ({ id: team.id, name: team.name })),
		})),
		eventCounts: mapValues(world.orgs, (org) => events.filter((event) => event.detail.organizationId === org.id).length),
	}),
});
