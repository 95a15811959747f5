/**
 * The Make sandbox world and a deterministic audit-log history (docs/api/make.md#sandbox).
 *
 * The world is fixed (ids, names, tokens do not depend on the seed, so printed values survive a
 * reset): four organizations in two zones, teams whose names need percent-encoding (`&`, `[`,
 * `]`, `#`, `+`, `%`, spaces, accents), users whose names do too (`&`, `=`), and one token per
 * situation. The seed drives the history only: `eventCount` events in the main organization
 * over the 30 days before the anchor, fewer in the others, with same-second bursts (several
 * entries sharing one `triggeredAt`) placed across page boundaries of the default order.
 */
import { createRandom, type Random, seededUuid } from '../kit';
import {
	type MakeAuditLogDetail,
	type MakeAuditLogEntry,
	type MakeEventName,
	type MakePlan,
	type MakeTeamRef,
	type MakeUserRef,
	type MakeVersion,
	type MakeZone,
	MAKE_AUDIT_SCOPE,
} from './schemas';

// ---------------------------------------------------------------------------------------------
// World
// ---------------------------------------------------------------------------------------------

export type MakeOrgRole = 'owner' | 'admin' | 'member';

export interface MakeTeam extends MakeTeamRef {
	organizationId: number;
	/** Ids of the team's users (what the team's `/filters` lists). */
	memberIds: number[];
}

export interface MakeOrg {
	id: number;
	name: string;
	zone: MakeZone;
	plan: MakePlan;
	timezoneId: number;
	countryId: number;
	teams: MakeTeam[];
	/** Organization role by user id. */
	roles: Record<number, MakeOrgRole>;
	/** Ids of the teams each user is Team Admin of. */
	teamAdmins: Record<number, number[]>;
}

export type MakeTokenName =
	| 'admin'
	| 'noScope'
	| 'member'
	| 'teamAdmin'
	| 'oauth'
	| 'adminEu2'
	| 'adminUs1'
	| 'adminUs2'
	| 'adminCelonisEu1'
	| 'adminCelonisUs1';

export interface MakeToken {
	token: string;
	/** `Token` for API tokens (UUIDv4), `Bearer` for OAuth access tokens. */
	scheme: 'Token' | 'Bearer';
	userId: number;
	/** Tokens are zone-specific: anywhere else they are unknown (401). */
	zone: MakeZone;
	scopes: string[];
}

export type MakeOrgName = 'main' | 'memberOnly' | 'otherZone' | 'notEnterprise';

export interface MakeWorld {
	users: MakeUserRef[];
	orgs: Record<MakeOrgName, MakeOrg>;
	tokens: Record<MakeTokenName, MakeToken>;
	/** Teams that no longer exist; old entries still name them. */
	deletedTeams: MakeTeamRef[];
}

/** Stable tokens, independent of the seed. API tokens are UUIDv4 like Make's. */
export const MAKE_SANDBOX_TOKENS: Record<MakeTokenName, string> = {
	admin: '5e1f0a7c-3b2d-4c9e-8a61-0000000000a1',
	noScope: '5e1f0a7c-3b2d-4c9e-8a61-0000000000b2',
	member: '5e1f0a7c-3b2d-4c9e-8a61-0000000000c3',
	teamAdmin: '5e1f0a7c-3b2d-4c9e-8a61-0000000000d4',
	oauth: 'sandbox-dummy-oauth-access-token-e5',
	adminEu2: '5e1f0a7c-3b2d-4c9e-8a61-00000000e201',
	adminUs1: '5e1f0a7c-3b2d-4c9e-8a61-00000000e301',
	adminUs2: '5e1f0a7c-3b2d-4c9e-8a61-00000000e401',
	adminCelonisEu1: '5e1f0a7c-3b2d-4c9e-8a61-00000000e501',
	adminCelonisUs1: '5e1f0a7c-3b2d-4c9e-8a61-00000000e601',
};

/** The main organization's people, by the part they play in tests. */
export const MAKE_PEOPLE = {
	/** Owner of every sandbox organization but Globex; the admin token's user. */
	owner: { id: 9101, name: 'Maya Lindqvist', email: 'maya.lindqvist@acme-robotics.example' },
	admin: { id: 9102, name: 'Tomás Oliveira', email: 'tomas.oliveira@acme-robotics.example' },
	/** Team Admin of `R&D Team`, a plain member of the organization. */
	teamAdmin: { id: 9103, name: 'Noah Fischer', email: 'noah.fischer@acme-robotics.example' },
	member: { id: 9104, name: 'Lena Park', email: 'lena.park@acme-robotics.example' },
	/** Names that break a naive query string. */
	bot: { id: 9105, name: 'Build & Release Bot', email: 'build.bot@acme-robotics.example' },
	quinn: { id: 9106, name: 'Quinn = QA [EU] #1', email: 'quinn.qa@acme-robotics.example' },
	zoe: { id: 9107, name: 'Zoë Ångström', email: 'zoe.angstrom@acme-robotics.example' },
} as const satisfies Record<string, MakeUserRef>;

const OTHERS = {
	hank: { id: 9201, name: 'Hank Scorpio', email: 'hank@globex.example' },
	bill: { id: 9301, name: 'Bill Lumbergh', email: 'bill.lumbergh@initech.example' },
	milton: { id: 9302, name: 'Milton Waddams', email: 'milton.waddams@initech.example' },
} as const satisfies Record<string, MakeUserRef>;

const { owner, admin, teamAdmin, member, bot, quinn, zoe } = MAKE_PEOPLE;

function team(id: number, name: string, organizationId: number, members: MakeUserRef[]): MakeTeam {
	return { id, name, organizationId, memberIds: members.map((user) => user.id) };
}

export function buildWorld(): MakeWorld {
	const main: MakeOrg = {
		id: 1742,
		name: 'Acme Robotics',
		zone: 'eu1.make.com',
		plan: 'enterprise',
		timezoneId: 113,
		countryId: 76,
		teams: [
			team(60101, 'R&D Team', 1742, [owner, teamAdmin, bot, quinn]),
			team(60102, 'Ops [EU] #1', 1742, [admin, member, quinn]),
			team(60103, 'Équipe Zürich', 1742, [zoe, admin]),
			team(60104, 'Sales + Marketing (100%)', 1742, [member, owner]),
		],
		roles: {
			[owner.id]: 'owner',
			[admin.id]: 'admin',
			[teamAdmin.id]: 'member',
			[member.id]: 'member',
			[bot.id]: 'member',
			[quinn.id]: 'member',
			[zoe.id]: 'member',
		},
		teamAdmins: { [teamAdmin.id]: [60101], [admin.id]: [60102] },
	};
	const memberOnly: MakeOrg = {
		id: 2203,
		name: 'Globex Partners',
		zone: 'eu1.make.com',
		plan: 'enterprise',
		timezoneId: 113,
		countryId: 826,
		teams: [team(60201, 'Globex Core', 2203, [OTHERS.hank, owner])],
		roles: { [OTHERS.hank.id]: 'owner', [owner.id]: 'member' },
		teamAdmins: {},
	};
	const otherZone: MakeOrg = {
		id: 3107,
		name: 'Initech US',
		zone: 'us1.make.com',
		plan: 'enterprise',
		timezoneId: 19,
		countryId: 840,
		teams: [
			team(60301, 'US Ops', 3107, [OTHERS.bill, OTHERS.milton]),
			team(60302, 'Finance & Legal', 3107, [owner, OTHERS.bill]),
		],
		roles: { [owner.id]: 'owner', [OTHERS.bill.id]: 'admin', [OTHERS.milton.id]: 'member' },
		teamAdmins: {},
	};
	const notEnterprise: MakeOrg = {
		id: 1888,
		name: 'Hooli Starter',
		zone: 'eu1.make.com',
		plan: 'core',
		timezoneId: 113,
		countryId: 276,
		teams: [team(60401, 'Hooli Team', 1888, [owner])],
		roles: { [owner.id]: 'owner' },
		teamAdmins: {},
	};

	const token = (
		name: MakeTokenName,
		userId: number,
		zone: MakeZone,
		scopes = [MAKE_AUDIT_SCOPE, 'organizations:read', 'teams:read', 'user:read'],
	): MakeToken => ({
		token: MAKE_SANDBOX_TOKENS[name],
		scheme: name === 'oauth' ? 'Bearer' : 'Token',
		userId,
		zone,
		scopes,
	});
	return {
		users: [...Object.values(MAKE_PEOPLE), ...Object.values(OTHERS)],
		orgs: { main, memberOnly, otherZone, notEnterprise },
		tokens: {
			admin: token('admin', owner.id, 'eu1.make.com'),
			noScope: token('noScope', owner.id, 'eu1.make.com', ['scenarios:read', 'teams:read']),
			member: token('member', member.id, 'eu1.make.com'),
			teamAdmin: token('teamAdmin', teamAdmin.id, 'eu1.make.com'),
			oauth: token('oauth', owner.id, 'eu1.make.com', ['openid', MAKE_AUDIT_SCOPE]),
			adminEu2: token('adminEu2', owner.id, 'eu2.make.com'),
			adminUs1: token('adminUs1', owner.id, 'us1.make.com'),
			adminUs2: token('adminUs2', owner.id, 'us2.make.com'),
			adminCelonisEu1: token('adminCelonisEu1', owner.id, 'eu1.make.celonis.com'),
			adminCelonisUs1: token('adminCelonisUs1', owner.id, 'us1.make.celonis.com'),
		},
		deletedTeams: [
			{ id: 60199, name: 'Legacy Ops' },
			{ id: 60198, name: 'Temp: Migration #2' },
		],
	};
}

export function allOrgs(world: MakeWorld): MakeOrg[] {
	return Object.values(world.orgs);
}

export function findUser(world: MakeWorld, id: number): MakeUserRef | undefined {
	return world.users.find((user) => user.id === id);
}

// ---------------------------------------------------------------------------------------------
// Stored events
// ---------------------------------------------------------------------------------------------

/** A stored entry: what the detail route returns, plus the internal id that breaks ties. */
export interface MakeStoredEvent {
	/** Internal, increasing with insertion; ties on the sort key are ordered by it. */
	seq: number;
	detail: MakeAuditLogDetail;
}

/** The list view of a stored event (everything but `details`). */
export function toEntry({ detail }: MakeStoredEvent): MakeAuditLogEntry {
	const { uuid, createdAt, triggeredAt, organizationId, organization, eventName, team, actor, targetId, version } =
		detail;
	return { uuid, createdAt, triggeredAt, organizationId, organization, eventName, team, actor, targetId, version };
}

/** Oldest first: `triggeredAt`, then `seq`. The store is kept in this order. */
export function compareStored(a: MakeStoredEvent, b: MakeStoredEvent): number {
	return a.detail.triggeredAt - b.detail.triggeredAt || a.seq - b.seq;
}

// ---------------------------------------------------------------------------------------------
// Drafting events
// ---------------------------------------------------------------------------------------------

/** What a generator decides; the time, uuid and organization come later. */
export interface MakeDraft {
	/** A catalogue name when generated; an insert may override it with anything. */
	eventName: string;
	team: MakeTeamRef | null;
	actor: MakeUserRef;
	targetId: string;
	version: MakeVersion | null;
	details: Record<string, unknown>;
}

interface DraftContext {
	random: Random;
	world: MakeWorld;
	org: MakeOrg;
	/** Team-scoped events go here; organization-level kinds are not drawn when set. */
	team?: MakeTeam;
}

const SCENARIOS = [
	'Sync HubSpot → BigQuery',
	'Invoice OCR pipeline',
	'Slack incident digest',
	'Shopify order router',
	'Nightly CRM dedupe',
	'Lead scoring (v2)',
	'Jira ⇄ GitHub bridge',
];
const APPS = ['google-sheets', 'slack', 'hubspotcrm', 'salesforce', 'openai-gpt-3', 'airtable', 'http'];
const KEY_NAMES = ['SIEM export', 'CI deploy', 'Data warehouse', 'n8n audit sync'];
const HOOK_NAMES = ['Orders webhook', 'Typeform intake', 'Stripe events', 'Inbound mail'];
const ORG_ROLES = ['Member', 'Admin', 'Accountant', 'App Developer'];
const TEAM_ROLES = ['Team Member', 'Team Admin', 'Team Monitoring', 'Team Operator'];

const id = (random: Random, min: number, max: number): string => String(random.int(min, max));

function pickTeam({ random, org, team: fixed }: DraftContext): MakeTeam {
	return fixed ?? random.pick(org.teams);
}

/** Mostly a member of the team, sometimes an organization admin acting in it. */
function teamActor(context: DraftContext, team: MakeTeam): MakeUserRef {
	const { random, world, org } = context;
	const admins = Object.keys(org.roles)
		.map(Number)
		.filter((userId) => org.roles[userId] !== 'member');
	const pool = random.chance(0.8) && team.memberIds.length > 0 ? team.memberIds : admins;
	return findUser(world, random.pick(pool)) ?? world.users[0];
}

function orgActor({ random, world, org }: DraftContext, adminsOnly = false): MakeUserRef {
	const ids = Object.keys(org.roles)
		.map(Number)
		.filter((userId) => !adminsOnly || org.roles[userId] !== 'member');
	return findUser(world, random.pick(ids)) ?? world.users[0];
}

const ref = (team: MakeTeamRef): MakeTeamRef => ({ id: team.id, name: team.name });
const user = (u: MakeUserRef): MakeUserRef => ({ id: u.id, name: u.name, email: u.email });

type Generator = (context: DraftContext) => MakeDraft;

/** A team-scoped kind: connections, webhooks, scenarios. */
function teamKind(
	eventName: MakeEventName,
	details: (random: Random) => Record<string, unknown>,
	version?: (random: Random) => MakeVersion,
): Generator {
	return (context) => {
		const team = pickTeam(context);
		return {
			eventName,
			team: ref(team),
			actor: user(teamActor(context, team)),
			targetId: id(context.random, 1000, 99999),
			version: version ? version(context.random) : null,
			details: details(context.random),
		};
	};
}

/** A team's own lifecycle: the team is the entry's team and its target. */
function teamLifecycle(eventName: MakeEventName, which: (context: DraftContext) => MakeTeamRef): Generator {
	return (context) => {
		const team = which(context);
		return {
			eventName,
			team: ref(team),
			actor: user(orgActor(context, true)),
			targetId: String(team.id),
			version: null,
			details: { teamName: team.name },
		};
	};
}

const connection = (random: Random) => {
	const app = random.pick(APPS);
	return { connectionName: `${app} (${random.pick(['prod', 'sandbox', 'shared'])})`, app };
};
const webhook = (random: Random) => ({
	webhookName: random.pick(HOOK_NAMES),
	webhookType: random.pick(['gateway-webhook', 'gateway-mailhook']),
});
const scenario = (random: Random) => ({ scenarioName: random.pick(SCENARIOS) });

/** Weighted kinds; `team: true` kinds are the ones a team log can contain. */
const KINDS: ReadonlyArray<{ generate: Generator; weight: number; team: boolean }> = [
	{
		weight: 14,
		team: true,
		generate: teamKind('scenario_updated', scenario, (random) => {
			const from = random.int(1, 60);
			return { from: String(from), to: String(from + 1) };
		}),
	},
	{ weight: 3, team: true, generate: teamKind('scenario_created', scenario) },
	{ weight: 1, team: true, generate: teamKind('scenario_deleted', scenario) },
	{ weight: 4, team: true, generate: teamKind('connection_created', connection) },
	{ weight: 3, team: true, generate: teamKind('connection_updated', connection) },
	{ weight: 1, team: true, generate: teamKind('connection_deleted', connection) },
	{ weight: 2, team: true, generate: teamKind('webhook_created', webhook) },
	{ weight: 3, team: true, generate: teamKind('webhook_updated', webhook) },
	{
		weight: 1,
		team: true,
		generate: teamKind('webhook_disabled', (random) => ({
			...webhook(random),
			reason: random.pick(['manual', 'too many errors']),
		})),
	},
	{ weight: 1, team: true, generate: teamKind('webhook_deleted', webhook) },
	{
		weight: 1,
		team: true,
		generate: (context) => {
			const team = pickTeam(context);
			const target = findUser(context.world, context.random.pick(team.memberIds)) ?? context.world.users[0];
			const from = context.random.pick(TEAM_ROLES);
			const to = context.random.pick(TEAM_ROLES.filter((role) => role !== from));
			return {
				eventName: 'user_role_changed',
				team: ref(team),
				actor: user(orgActor(context, true)),
				targetId: String(target.id),
				version: null,
				details: { role: { from, to }, userEmail: target.email },
			};
		},
	},
	{ weight: 1, team: true, generate: teamLifecycle('team_created', pickTeam) },
	{
		weight: 0.3,
		team: false,
		generate: teamLifecycle('team_deleted', ({ random, world }) => random.pick(world.deletedTeams)),
	},
	{
		weight: 9,
		team: false,
		generate: (context) => {
			const actor = orgActor(context);
			return {
				eventName: 'login',
				team: null,
				actor: user(actor),
				targetId: String(actor.id),
				version: null,
				details: {
					method: context.random.pick(['password', 'sso', 'google']),
					ipAddress: `198.51.100.${context.random.int(1, 254)}`,
				},
			};
		},
	},
	{
		weight: 1.5,
		team: false,
		generate: (context) => ({
			eventName: context.random.chance(0.7) ? 'key_created' : 'key_deleted',
			team: null,
			actor: user(orgActor(context)),
			targetId: id(context.random, 100, 9999),
			version: null,
			details: {
				keyName: context.random.pick(KEY_NAMES),
				scopes: [MAKE_AUDIT_SCOPE, context.random.pick(['scenarios:read', 'connections:read', 'teams:read'])],
			},
		}),
	},
	{
		weight: 1.5,
		team: false,
		generate: (context) => {
			const invited = context.random.chance(0.6);
			const target = orgActor(context);
			const from = context.random.pick(ORG_ROLES);
			const kind = invited ? 'user_invited' : context.random.chance(0.5) ? 'user_removed' : 'user_role_changed';
			return {
				eventName: kind,
				team: null,
				actor: user(orgActor(context, true)),
				targetId: invited ? id(context.random, 20000, 29999) : String(target.id),
				version: null,
				details:
					kind === 'user_role_changed'
						? { role: { from, to: context.random.pick(ORG_ROLES.filter((role) => role !== from)) } }
						: kind === 'user_invited'
							? { email: `new.hire${context.random.int(1, 99)}@example.com`, role: from }
							: { email: target.email },
			};
		},
	},
];

/**
 * A plausible event of `org`, drawn from the weighted kinds; with a `team`, only team-scoped
 * kinds, in that team. `eventName` (optional) picks the kind.
 */
export function draftEvent(
	random: Random,
	world: MakeWorld,
	org: MakeOrg,
	options: { team?: MakeTeam; eventName?: string } = {},
): MakeDraft {
	const kinds = KINDS.filter((kind) => !options.team || kind.team);
	const context: DraftContext = { random, world, org, team: options.team };
	if (options.eventName !== undefined) {
		// Draw until the wanted kind comes up (bounded); otherwise keep a draft and rename it.
		for (let i = 0; i < 200; i++) {
			const draft = random.weighted(kinds.map((kind) => [kind.generate, kind.weight] as const))(context);
			if (draft.eventName === options.eventName) return draft;
		}
	}
	return random.weighted(kinds.map((kind) => [kind.generate, kind.weight] as const))(context);
}

/** `createdAt`: stored up to five seconds after the event, with milliseconds. */
export function storedAt(random: Random, triggeredAt: number): string {
	return new Date(triggeredAt * 1000 + random.int(0, 4999)).toISOString();
}

export function finishEvent(
	org: MakeOrg,
	draft: MakeDraft,
	uuid: string,
	triggeredAt: number,
	createdAt: string,
): MakeAuditLogDetail {
	return {
		uuid,
		createdAt,
		triggeredAt,
		organizationId: org.id,
		organization: { id: org.id, name: org.name },
		eventName: draft.eventName,
		team: draft.team,
		actor: draft.actor,
		targetId: draft.targetId,
		version: draft.version,
		details: draft.details,
	};
}

// ---------------------------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------------------------

export interface HistoryOptions {
	seed: number;
	/** Epoch ms; every event is strictly older. */
	anchorMs: number;
	/** Events of the main organization; the others get a share of it. */
	eventCount: number;
}

/** Page boundaries of the main organization's default order (newest first) that bursts straddle. */
export const MAKE_DESC_BOUNDARIES = [10, 20, 50, 100, 200, 300] as const;
/** The same, oldest first. */
export const MAKE_ASC_BOUNDARIES = [10, 100] as const;

const DAY_S = 24 * 60 * 60;

/**
 * Every sandbox organization's history, oldest first by (`triggeredAt`, `seq`). Same seed and
 * anchor, same history.
 */
export function buildHistory(world: MakeWorld, options: HistoryOptions): MakeStoredEvent[] {
	const random = createRandom(options.seed);
	const anchor = Math.floor(options.anchorMs / 1000);
	const start = anchor - 30 * DAY_S;
	const counts: Array<[MakeOrg, number]> = [
		[world.orgs.main, options.eventCount],
		[world.orgs.memberOnly, Math.max(5, Math.round(options.eventCount * 0.05))],
		[world.orgs.otherZone, Math.max(5, Math.round(options.eventCount * 0.12))],
		[world.orgs.notEnterprise, Math.max(3, Math.round(options.eventCount * 0.03))],
	];
	const uuids = new Set<string>();
	const events: Array<{ org: MakeOrg; draft: MakeDraft; at: number; uuid: string }> = [];
	for (const [org, count] of counts) {
		const times = Array.from({ length: count }, () => start + random.int(0, anchor - start - 1));
		times.sort((a, b) => a - b);
		if (org === world.orgs.main) burst(random, times);
		for (const at of times) {
			let uuid = seededUuid(random);
			while (uuids.has(uuid)) uuid = seededUuid(random);
			uuids.add(uuid);
			events.push({ org, draft: draftEvent(random, world, org), at, uuid });
		}
	}
	events.sort((a, b) => a.at - b.at);
	return events.map(({ org, draft, at, uuid }, i) => ({
		seq: i + 1,
		detail: finishEvent(org, draft, uuid, at, storedAt(random, at)),
	}));
}

/**
 * Gives small runs of neighbouring times one shared second, so that in the default order the
 * entries at each boundary (and a few random places) triggered in the same second. `times` is
 * oldest first; a run takes its newest time, which keeps the order.
 */
function burst(random: Random, times: number[]): void {
	const n = times.length;
	const starts = new Set<number>();
	// Newest first, position p is index n - 1 - p; a run covers positions [b - k, b - k + size).
	for (const boundary of MAKE_DESC_BOUNDARIES) {
		if (boundary + 4 < n) starts.add(n - 1 - (boundary - random.int(1, 2)));
	}
	for (const boundary of MAKE_ASC_BOUNDARIES) {
		if (boundary + 4 < n) starts.add(boundary + random.int(1, 2) - 1);
	}
	for (let i = 0; i < 8 && n > 20; i++) starts.add(random.int(5, n - 6));
	for (const from of starts) {
		const size = random.int(3, 5);
		// A run upward from `from` (newest-first runs are given by their newest index).
		const low = Math.max(0, from - size + 1);
		const high = Math.min(n - 1, Math.max(from, low + 2));
		const second = times[high];
		for (let i = low; i <= high; i++) times[i] = second;
	}
	times.sort((a, b) => a - b);
}
