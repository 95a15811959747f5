/**
 * Loopback emulator of Workiva's activities API and its OAuth2 client-credentials token endpoint
 * (docs/api/workiva.md), defined with the kit's `defineEmulator`: this module brings the data, the
 * routes and the switches (`unstableIds`, `offsetCursor`, `strictPathStyle`, `foreignNextLink`).
 * `url` is the origin (like `https://api.app.wdesk.com`); the token endpoint is
 * `/iam/v1/oauth2/token`, the activities are under `/admin/v1/...` and without the prefix.
 * Control endpoints and direct calls do the same things, so jest tests can use either.
 */
import { z } from 'zod';

import type { WorkivaActivity, WorkivaActivityAction, WorkivaPerformer, WorkivaWorkspaceRef } from '../../../nodes/Workiva/types';
import type { DataOptions, EmulatorContext, ProviderEmulator, ServerOptions, SwitchDefinition } from '../kit';
import { defineEmulator, flagSwitches, INSERT_TIMING_SHAPE, insertTimes, isoDate, mapValues, memoize } from '../kit';
import { createOAuth2Server, type OAuth2Stats } from '../oauth2';
import {
	buildHistory,
	buildWorld,
	compareOldestFirst,
	correlationTag,
	draftActivity,
	eventIdTag,
	finishActivity,
	newActivityId,
	type StoredActivity,
	type WorkivaClientName,
	type WorkivaMember,
	WORKIVA_SANDBOX_CLIENTS,
} from './fixtures';
import { parseFilter, parseOrderBy } from './filter';
import { componentSchema, validateSchema } from './contract';
import {
	createWorkivaHooks,
	createWorkivaRoutes,
	freshRuntime,
	selectActivities,
	type WorkivaRateLimitOptions,
	type WorkivaState,
} from './routes';
import { WORKIVA_TOKEN_EXPIRES_IN, WORKIVA_GRANT_PATH } from './schemas';

export type { WorkivaClientName, WorkivaMember, StoredActivity } from './fixtures';
export { WORKIVA_SANDBOX_CLIENTS } from './fixtures';
export type { WorkivaRateLimitOptions } from './routes';

export interface WorkivaDataOptions extends DataOptions {
	/** Seed of the generated history (default 11). */
	seed?: number;
	/** Activities to seed (default 1000, over 30 days). */
	eventCount?: number;
	/** Share of activities with an `eventId:` tag, seeded and inserted (default 0.9). */
	eventIdShare?: number;
	/** `expires_in` of issued tokens, and how long they work (default 599 s). */
	tokenExpiresIn?: number;
	/** Per client, token endpoint included; default 50 per 1000 ms. */
	rateLimit?: WorkivaRateLimitOptions;
}

export type WorkivaEmulatorOptions = WorkivaDataOptions & ServerOptions;

/** Any activity field; `action` and `performer` may name a catalogue entry or a performer by `alias`/`id` alone. */
export interface WorkivaActivityOverride extends Partial<Omit<WorkivaActivity, 'action' | 'performer'>> {
	action?: Partial<WorkivaActivityAction>;
	performer?: Partial<WorkivaPerformer>;
}

export interface WorkivaInsertInput {
	count?: number;
	/** ISO time of the newest inserted activity (default now); shown in whole seconds. */
	at?: string;
	/** Gap between consecutive inserted activities, the newest at `at` (default 1). */
	spacingMs?: number;
	/** Overrides, one per activity, oldest first (and `count` defaults to their number). */
	events?: WorkivaActivityOverride[];
	/** Every inserted activity happens in this workspace. */
	workspaceId?: string;
}

export interface WorkivaActivityQuery {
	/** A `$filter` expression, as the API takes it. */
	filter?: string;
	/** An `$orderBy` expression; default newest first, as the API. */
	orderBy?: string;
	/** The workspace route's selection. */
	workspaceId?: string;
}

/** Read-only views of the current data. */
export interface WorkivaViews {
	/** The reader client, with `activity:read` (`clients.reader`). */
	clientId: string;
	clientSecret: string;
	/** `reader` (activity:read), `noActivityScope` (organization:read only), `wrongSecret` (refused). */
	clients: Record<WorkivaClientName, { clientId: string; clientSecret: string; scopes: string[] }>;
	/** Path of the documented token endpoint. */
	tokenPath: string;
	organization: { id: string; name: string };
	workspaces: WorkivaWorkspaceRef[];
	/** `performers[0]` is the admin behind the reader client; the last one a service principal. */
	performers: WorkivaPerformer[];
	members: WorkivaMember[];
	/** The `/activityActions` catalogue, by `id`. */
	actions: WorkivaActivityAction[];
}

export interface WorkivaMethods {
	/** Inserts activities and returns them as the API shows them, newest first. */
	insert(input?: WorkivaInsertInput): WorkivaActivity[];
	/** Every activity a list would return for this query, in its order, with stored ids. */
	visibleActivities(query?: WorkivaActivityQuery): WorkivaActivity[];
	/** An access token for a client, as if it had called the token endpoint. */
	issueToken(client?: Exclude<WorkivaClientName, 'wrongSecret'>, scopes?: string[]): string;
	/** Every token issued so far is expired: the next API call with one gets 401. */
	expireTokens(): void;
	/** How long tokens issued from now on work (fractions allowed); `expires_in` stays as configured. */
	setTokenLifetime(seconds: number): void;
	/** Token endpoint and bearer-check counters. */
	tokenStats(): OAuth2Stats;
}

/** `faults()`, `setFaults()` (the switches among them), `reset()`, … */
export interface WorkivaEmulator extends ProviderEmulator<WorkivaDataOptions>, WorkivaViews, WorkivaMethods {}

type Options = Required<WorkivaDataOptions>;
type Context = EmulatorContext<WorkivaState, WorkivaDataOptions>;

const overrideSchema = z
	.object({
		id: z.string().min(1),
		action: z.object({ id: z.string(), alias: z.string() }).partial().passthrough(),
		activityDateTime: isoDate('activityDateTime'),
		performer: z.object({ id: z.string() }).partial().passthrough(),
		targets: z.array(z.record(z.string(), z.unknown())),
		summary: z.string(),
		outcome: z.enum(['success', 'failure', 'pending', 'unknown']),
		workspace: z.object({ id: z.string(), name: z.string() }).strict().nullable(),
		tags: z.array(z.string()),
		attachments: z.array(z.record(z.string(), z.unknown())),
	})
	.partial()
	.strict();

const insertSchema = z
	.object({
		...INSERT_TIMING_SHAPE,
		events: z.array(overrideSchema).optional(),
		workspaceId: z.string().optional(),
	})
	.strict();

/** World and history per (seed, anchor, count, share), built once per process; rows are frozen. */
const seededData = memoize((seed: number, anchorMs: number, count: number, eventIdShare: number) => {
	const world = buildWorld(seed);
	const history = buildHistory(world, { seed, anchorMs, count, eventIdShare }).map((row) => Object.freeze(row));
	return { world, history: history as readonly StoredActivity[] };
});

function buildState(options: Options): WorkivaState {
	const { world, history } = seededData(options.seed, Date.parse(options.anchor), options.eventCount, options.eventIdShare);
	const clients = [WORKIVA_SANDBOX_CLIENTS.reader, WORKIVA_SANDBOX_CLIENTS.noActivityScope].map((client) => ({
		clientId: client.clientId,
		clientSecret: client.clientSecret,
		scopes: [...client.scopes],
	}));
	return {
		world,
		activities: history.slice(),
		seq: history.length,
		// Workiva may grant less than asked ("the actual scope returned may not match"), so the
		// server narrows instead of refusing (#auth).
		oauth: createOAuth2Server({ clients, expiresIn: options.tokenExpiresIn, unallowedScope: 'narrow' }),
		rateLimit: options.rateLimit,
		unstableIds: false,
		offsetCursor: false,
		strictPathStyle: false,
		foreignNextLink: null,
		...freshRuntime(options.seed),
	};
}

/** The stored performer an override names by id, merged with what it gives; else the override alone. */
function performerFor(world: WorkivaState['world'], override: Partial<WorkivaPerformer> | undefined): WorkivaPerformer | undefined {
	if (!override) return undefined;
	const known = world.performers.find((performer) => performer.id === override.id);
	return { ...known, ...override } as WorkivaPerformer;
}

function insert({ state, random, idRandom, options }: Context, input: WorkivaInsertInput = {}): WorkivaActivity[] {
	const parsed = insertSchema.parse(input);
	const { world } = state;
	const workspace = parsed.workspaceId === undefined ? undefined : world.workspaces.find((w) => w.id === parsed.workspaceId);
	if (parsed.workspaceId !== undefined && !workspace) throw new Error(`unknown workspace ${parsed.workspaceId}`);
	const overrides = parsed.events ?? [];
	const ids = new Set(state.activities.map((row) => row.activity.id));

	const inserted = insertTimes(parsed, overrides.length).map((at, i): StoredActivity => {
		const { action, performer, activityDateTime, id, ...fields } = overrides[i] ?? {};
		const ms = Math.floor((activityDateTime ? Date.parse(activityDateTime) : at) / 1000) * 1000;
		const catalogued = world.actions.find((candidate) => candidate.alias === action?.alias || candidate.id === action?.id);
		const draft = draftActivity(random, world, {
			alias: catalogued?.alias,
			performer: performerFor(world, performer),
			workspace,
		});
		const tags = [correlationTag(random), ...(random.chance(options.eventIdShare) ? [eventIdTag(random)] : [])];
		const activityId = id ?? newActivityId(idRandom, world.organization.id);
		if (ids.has(activityId)) throw new Error(`events[${i}]: the id ${activityId} is taken`);
		ids.add(activityId);
		const activity: WorkivaActivity = {
			...finishActivity(world, draft, activityId, ms, tags),
			...(action && !catalogued && { action: action as WorkivaActivityAction }),
			...(fields as Partial<WorkivaActivity>),
		};
		// The result must still be a documented Activity (and nothing more).
		const errors = validateSchema(componentSchema('Activity'), activity, { noExtraProperties: true });
		if (errors.length > 0) throw new Error(`events[${i}]: ${errors.join('; ')}`);
		return Object.freeze({ seq: ++state.seq, ms, activity });
	});
	state.activities = [...state.activities, ...inserted].sort(compareOldestFirst);
	return inserted
		.sort(compareOldestFirst)
		.reverse()
		.map((row) => row.activity);
}

/** `foreignNextLink`: an http(s) origin (`@nextLink` goes there), or `null`/`false` for off. */
const foreignNextLink: SwitchDefinition<WorkivaState, Options, string | null> = {
	initial: () => null,
	parse: (value, name) => {
		if (value === null || value === false) return null;
		const url = typeof value === 'string' && /^https?:\/\//.test(value) ? new URL(value) : undefined;
		if (!url) throw new Error(`${name} must be an http(s) origin such as http://127.0.0.1:9, or null`);
		return url.origin;
	},
	apply: (state, origin) => {
		state.foreignNextLink = origin;
	},
};

export const startWorkivaEmulator: (options?: WorkivaEmulatorOptions) => Promise<WorkivaEmulator> = defineEmulator<
	WorkivaState,
	WorkivaDataOptions,
	WorkivaViews,
	WorkivaMethods
>({
	name: 'workiva',
	defaults: {
		seed: 11,
		eventCount: 1000,
		eventIdShare: 0.9,
		tokenExpiresIn: WORKIVA_TOKEN_EXPIRES_IN,
		rateLimit: { perWindow: 50, windowMs: 1000 },
	},
	options: {
		eventIdShare: z.number().min(0).max(1).optional(),
		tokenExpiresIn: z.number().int().positive().optional(),
		rateLimit: z.object({ perWindow: z.number().int().positive(), windowMs: z.number().int().positive() }).strict().optional(),
	},
	buildState,
	routes: createWorkivaRoutes,
	hooks: createWorkivaHooks,
	switches: {
		...flagSwitches<WorkivaState, Options>({
			unstableIds: () => false,
			offsetCursor: () => false,
			strictPathStyle: () => false,
		}),
		foreignNextLink,
	},
	views: {
		clientId: () => WORKIVA_SANDBOX_CLIENTS.reader.clientId,
		clientSecret: () => WORKIVA_SANDBOX_CLIENTS.reader.clientSecret,
		clients: () => mapValues(WORKIVA_SANDBOX_CLIENTS, (client) => ({ ...client, scopes: [...client.scopes] })),
		tokenPath: () => WORKIVA_GRANT_PATH,
		organization: ({ world }) => world.organization,
		workspaces: ({ world }) => world.workspaces,
		performers: ({ world }) => world.performers,
		members: ({ world }) => world.members,
		actions: ({ world }) => world.actions,
	},
	methods: (context) => ({
		insert: (input) => insert(context, input),
		visibleActivities: (query = {}) =>
			selectActivities(context.state, {
				filter: query.filter === undefined ? undefined : parseFilter(query.filter),
				direction: query.orderBy === undefined ? 'desc' : parseOrderBy(query.orderBy, ['activityDateTime']).direction,
				workspaceId: query.workspaceId,
			}).map((row) => row.activity),
		issueToken: (client = 'reader', scopes) => {
			const token = context.state.oauth.issue(WORKIVA_SANDBOX_CLIENTS[client].clientId, scopes);
			context.state.tokenClients.set(token.accessToken, token.clientId);
			return token.accessToken;
		},
		expireTokens: () => context.state.oauth.expireAll(),
		setTokenLifetime: (seconds) => context.state.oauth.setLifetime(seconds),
		tokenStats: () => context.state.oauth.stats(),
	}),
	// During paging, insert into the workspace being paged (or anywhere for the org list).
	pagingInsert: (req, count, { state }) => {
		const workspaceId = req.params.workspaceId;
		const known = state.world.workspaces.some((workspace) => workspace.id === workspaceId);
		return { count, ...(known && { workspaceId }) };
	},
	info: ({ world, activities }) => ({
		clientId: WORKIVA_SANDBOX_CLIENTS.reader.clientId,
		clients: WORKIVA_SANDBOX_CLIENTS,
		tokenPath: WORKIVA_GRANT_PATH,
		organization: world.organization,
		workspaces: world.workspaces,
		activityCount: activities.length,
	}),
});
