/**
 * Deterministic Webflow world and history (docs/api/webflow.md), generated from a seed and an anchor
 * time: one Enterprise workspace with sites and members, a second workspace the tokens cannot
 * see, a workspace audit log over 30 days and a site activity log per site.
 *
 * Workspace audit-log items carry no id. The seed therefore contains what makes content-based
 * dedupe hard: several records sharing one millisecond, "twins" that are identical in every
 * field except the payload (two logins by one person in the same millisecond from two IPs), and
 * such groups placed across the page boundaries at offsets 25/50/100/200/300 (newest first) and
 * 100/200 (oldest first).
 *
 * Most records are a member's (`actor: { type: 'person', id, email }`); a few are an API
 * token's (`{ type: 'token', id }`, the id of the token's authorization, no email) or a person's
 * whose id is `null`, as Webflow documents the actor.
 */
import {
	type WebflowActor,
	type WebflowEventSubType,
	type WebflowEventType,
	type WebflowGranularAccess,
	type WebflowPersonActor,
	type WebflowResourceOperation,
	type WebflowSiteActivityEvent,
	type WebflowSiteActivityLogItem,
	type WebflowUserRef,
	type WebflowWorkspaceAuditLogItem,
	type WebflowWorkspaceRef,
	WEBFLOW_EVENT_SUB_TYPES,
	WEBFLOW_EVENT_TYPES,
	WEBFLOW_SCOPES,
	WEBFLOW_SITE_ACTIVITY_EVENTS,
} from './schemas';
import { createRandom, HEX, type Random } from '../kit';

// ---------------------------------------------------------------------------------------------
// World
// ---------------------------------------------------------------------------------------------

export interface WebflowHome {
	/** Geolocation as Webflow prints it, e.g. `Ashburn US`. */
	location: string;
	ipAddress: string;
}

export interface WebflowMember extends WebflowUserRef {
	displayName: string;
	/** Where this person usually logs in from. */
	homes: WebflowHome[];
}

export interface WebflowWorkspace extends WebflowWorkspaceRef {
	displayName: string;
}

export interface WebflowSite {
	id: string;
	/** The site slug (`payload.site.slug` in audit logs). */
	shortName: string;
	displayName: string;
	workspaceId: string;
}

export type WebflowTokenName = 'workspace' | 'site' | 'noScope' | 'notEnterprise';

export interface WebflowToken {
	token: string;
	scopes: string[];
	/** The workspace whose resources the token may read. */
	workspaceId: string;
	/** `false`: Webflow answers 403 `not_enterprise_plan_*` for any existing resource. */
	enterprise: boolean;
}

export interface WebflowWorld {
	workspace: WebflowWorkspace;
	sites: WebflowSite[];
	/** Workspace members; `members[0]` is the owner who created the workspace token. */
	members: WebflowMember[];
	/** People outside the workspace: invitees and guests. */
	outsiders: WebflowUserRef[];
	customRoles: string[];
	/** CMS collections of the sites (granular access targets). */
	collections: Array<{ id: string; name: string }>;
	/** Exists, but every sandbox token belongs to `workspace` → 403 `forbidden`. */
	otherWorkspace: WebflowWorkspace;
	otherSites: WebflowSite[];
	tokens: Record<WebflowTokenName, WebflowToken>;
	/** API tokens that act in the audit log (provisioning, integrations): authorization ids. */
	tokenActors: Array<{ type: 'token'; id: string }>;
	/** People the log names with a `null` id (e.g. since deleted accounts). */
	idlessPeople: WebflowPersonActor[];
}

/** Stable tokens, independent of the seed, so a printed token survives `reset`. */
export const WEBFLOW_SANDBOX_TOKENS: Record<WebflowTokenName, string> = {
	workspace: '5a1d0b0e7f1a4c2e9d3b6a8f0c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8ca1',
	site: '5a1d0b0e7f1a4c2e9d3b6a8f0c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8cb2',
	noScope: '5a1d0b0e7f1a4c2e9d3b6a8f0c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8cc3',
	notEnterprise: '5a1d0b0e7f1a4c2e9d3b6a8f0c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8cd4',
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function objectId(random: Random): string {
	return random.string(24, HEX);
}

/** A Mongo-style ObjectId: 8 hex of epoch seconds, then 16 random hex. */
function timedObjectId(random: Random, ms: number): string {
	return (
		Math.floor(ms / 1000)
			.toString(16)
			.padStart(8, '0') + random.string(16, HEX)
	);
}

const LOCATIONS = [
	'Ashburn US',
	'San Francisco US',
	'New York US',
	'Austin US',
	'London GB',
	'Berlin DE',
	'Toronto CA',
	'Sydney AU',
	'Bengaluru IN',
	'Lisbon PT',
];

/** Documentation address ranges only (RFC 5737, RFC 3849). */
function ipAddress(random: Random): string {
	if (random.chance(0.15))
		return `2001:db8:${random.string(4, HEX)}::${random.string(3, HEX).replace(/^0+/, '') || '1'}`;
	const prefix = random.pick(['192.0.2', '198.51.100', '203.0.113']);
	return `${prefix}.${random.int(1, 254)}`;
}

function home(random: Random): WebflowHome {
	return { location: random.pick(LOCATIONS), ipAddress: ipAddress(random) };
}

function emailOf(name: string, domain: string): string {
	return `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`;
}

export function buildWorld(seed: number): WebflowWorld {
	const random = createRandom(seed ^ 0x3eb7f10);
	const domain = 'heartofgold.example';
	const workspace: WebflowWorkspace = {
		id: objectId(random),
		slug: 'hitchhikers-workspace',
		displayName: "Hitchhiker's Workspace",
	};
	const sites: WebflowSite[] = [
		['heart-of-gold', 'Heart of Gold'],
		['magrathea', 'Magrathea'],
		['milliways', 'Milliways'],
	].map(([shortName, displayName]) => ({
		id: objectId(random),
		shortName,
		displayName,
		workspaceId: workspace.id,
	}));
	const members: WebflowMember[] = [
		'Zaphod Beeblebrox',
		'Trillian Astra',
		'Ford Prefect',
		'Arthur Dent',
		'Fenchurch Dent',
		'Slarti Bartfast',
		'Eddie Computer',
	].map((displayName) => ({
		id: objectId(random),
		email: emailOf(displayName, domain),
		displayName,
		homes: Array.from({ length: random.int(1, 3) }, () => home(random)),
	}));
	const outsiders: WebflowUserRef[] = [
		['Random Frequent Flyer', 'agency.example'],
		['Lunkwill Coder', 'deepthought.example'],
		['Fook Analyst', 'deepthought.example'],
		['Hotblack Desiato', 'disaster-area.example'],
		['Prostetnic Jeltz', 'vogon.example'],
		['Gag Halfrunt', 'freelance.example'],
	].map(([name, outsiderDomain]) => ({
		id: objectId(random),
		email: emailOf(name, outsiderDomain),
	}));
	const otherWorkspace: WebflowWorkspace = {
		id: objectId(random),
		slug: 'sirius-cybernetics',
		displayName: 'Sirius Cybernetics Corp.',
	};
	const otherSites: WebflowSite[] = [
		{
			id: objectId(random),
			shortName: 'complaints-division',
			displayName: 'Complaints Division',
			workspaceId: otherWorkspace.id,
		},
	];
	const collections = ['Blog Posts', 'Authors', 'Case Studies', 'Job Openings', 'Menu Items'].map(
		(name) => ({ id: objectId(random), name }),
	);
	// Drawn last, so everything above stays as it was before these existed.
	const tokenActors = ['SCIM provisioning', 'Access review integration'].map(() => ({
		type: 'token' as const,
		id: objectId(random),
	}));
	const idlessPeople = ['Agrajag Formerly', 'Marvin Paranoid'].map(
		(name): WebflowPersonActor => ({ type: 'person', id: null, email: emailOf(name, domain) }),
	);
	const token = (name: WebflowTokenName, scopes: string[], enterprise = true): WebflowToken => ({
		token: WEBFLOW_SANDBOX_TOKENS[name],
		scopes,
		workspaceId: workspace.id,
		enterprise,
	});
	return {
		workspace,
		sites,
		members,
		outsiders,
		customRoles: ['Content Lead', 'SEO Specialist', 'Freelance Designer', 'Localization Manager'],
		collections,
		otherWorkspace,
		otherSites,
		tokens: {
			workspace: token('workspace', [WEBFLOW_SCOPES.workspaceActivity]),
			site: token('site', [WEBFLOW_SCOPES.siteActivity, 'sites:read']),
			noScope: token('noScope', ['sites:read', 'cms:read']),
			notEnterprise: token(
				'notEnterprise',
				[WEBFLOW_SCOPES.workspaceActivity, WEBFLOW_SCOPES.siteActivity],
				false,
			),
		},
		tokenActors,
		idlessPeople,
	};
}

// ---------------------------------------------------------------------------------------------
// Workspace audit log
// ---------------------------------------------------------------------------------------------

/** A stored record: the API item plus its sort key. Ordered by `(ms, seq)`. */
export interface StoredWorkspaceEvent {
	/** Insertion sequence: breaks ties between equal timestamps, deterministically. */
	seq: number;
	ms: number;
	item: WebflowWorkspaceAuditLogItem;
}

/** `Omit` per union member, so the draft stays discriminated on `eventType`. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type WorkspaceDraft = DistributiveOmit<WebflowWorkspaceAuditLogItem, 'timestamp'>;

/** Mutable generator state, so a history reads plausibly (the AI toggle alternates). */
export interface DraftState {
	aiEnabled: boolean;
}

const WORKSPACE_ROLES = ['Admin', 'Member', 'Commenter', 'Reviewer'];
const SITE_ROLES = ['Site admin', 'Designer', 'Content editor', 'Marketer', 'Reviewer'];

const TYPE_WEIGHTS: ReadonlyArray<readonly [WebflowEventType, number]> = [
	['user_access', 44],
	['site_membership', 16],
	['workspace_invitation', 14],
	['workspace_membership', 12],
	['custom_role', 8],
	['workspace_setting', 3],
];

const SUB_TYPE_WEIGHTS: {
	[T in WebflowEventType]: ReadonlyArray<readonly [WebflowEventSubType<T>, number]>;
} = {
	user_access: [
		['login', 6],
		['logout', 4],
	],
	custom_role: [
		['role_created', 3],
		['role_updated', 4],
		['role_deleted', 1],
	],
	workspace_membership: [
		['user_added', 4],
		['user_removed', 2],
		['user_role_updated', 3],
	],
	site_membership: [
		['user_added', 4],
		['user_removed', 2],
		['user_role_updated', 3],
		['user_granular_access_updated', 3],
	],
	workspace_invitation: [
		['invite_sent', 5],
		['invite_accepted', 3],
		['invite_updated', 1],
		['invite_canceled', 1],
		['invite_declined', 1],
		['access_request_accepted', 2],
	],
	workspace_setting: [['setting_updated', 1]],
};

const USER_TYPE_WEIGHTS = [
	['member', 6],
	['guest', 2],
	['reviewer', 1],
	['client', 1],
] as const;

function ref(user: WebflowUserRef): WebflowUserRef {
	return { id: user.id, email: user.email };
}

/** A member (or anyone with an id and an email) as the actor of a record. */
export function personActor(user: WebflowUserRef): WebflowPersonActor {
	return { type: 'person', id: user.id, email: user.email };
}

/** An actor as an insert override gives it: `type` defaults to `person`. */
export interface WebflowActorOverride {
	type?: WebflowActor['type'];
	id: string | null;
	/** A person's; a token has none. */
	email?: string;
}

/** The override's actor in the documented field order (type, id, email), not yet validated. */
export function actorOf({ type = 'person', id, email }: WebflowActorOverride) {
	return { type, id, ...(email !== undefined && { email }) };
}

function workspaceRef(world: WebflowWorld): WebflowWorkspaceRef {
	return { id: world.workspace.id, slug: world.workspace.slug };
}

/** Someone other than the actor: a member or an outsider. */
function target(random: Random, world: WebflowWorld, actor: { id: string | null }): WebflowUserRef {
	const people = [...world.members, ...world.outsiders].filter((person) => person.id !== actor.id);
	return ref(random.pick(people));
}

function otherThan<T>(random: Random, items: readonly T[], not: T): T {
	const rest = items.filter((candidate) => candidate !== not);
	return random.pick(rest.length > 0 ? rest : items);
}

function granularAccess(random: Random, world: WebflowWorld): WebflowGranularAccess {
	const collection = random.pick(world.collections);
	return { id: collection.id, name: collection.name, type: 'cms', restricted: random.chance(0.6) };
}

export interface DraftChoice {
	eventType?: WebflowEventType;
	eventSubType?: string;
	actor?: WebflowMember;
}

/** Sub-type if it belongs to the type, else a weighted pick. */
function subTypeOf<T extends WebflowEventType>(
	random: Random,
	eventType: T,
	wanted: string | undefined,
): WebflowEventSubType<T> {
	const allowed = WEBFLOW_EVENT_SUB_TYPES[eventType] as readonly string[];
	if (wanted !== undefined && allowed.includes(wanted)) return wanted as WebflowEventSubType<T>;
	return random.weighted(SUB_TYPE_WEIGHTS[eventType]);
}

function pickActor(random: Random, world: WebflowWorld): WebflowMember {
	// Owner and the first admins act most.
	return random.weighted(world.members.map((member, i) => [member, i < 3 ? 4 : 2] as const));
}

/** A plausible new workspace audit-log record (no timestamp yet). */
export function draftWorkspaceEvent(
	random: Random,
	world: WebflowWorld,
	state: DraftState,
	choice: DraftChoice = {},
): WorkspaceDraft {
	const actor = choice.actor ?? pickActor(random, world);
	const eventType = choice.eventType ?? random.weighted(TYPE_WEIGHTS);
	const base = { actor: personActor(actor), workspace: workspaceRef(world) };
	const userType = random.weighted(USER_TYPE_WEIGHTS);

	switch (eventType) {
		case 'user_access': {
			const eventSubType = subTypeOf(random, eventType, choice.eventSubType);
			const where = random.chance(0.9) ? random.pick(actor.homes) : home(random);
			return {
				...base,
				eventType,
				eventSubType,
				payload: {
					method: random.weighted([
						['dashboard', 5],
						['sso', 3],
						['google', 1],
						['api', 1],
					] as const),
					location: where.location,
					ipAddress: where.ipAddress,
				},
			};
		}
		case 'custom_role': {
			const eventSubType = subTypeOf(random, eventType, choice.eventSubType);
			const roleName = random.pick(world.customRoles);
			return {
				...base,
				eventType,
				eventSubType,
				payload:
					eventSubType === 'role_updated'
						? { roleName, previousRoleName: `${roleName} (draft)` }
						: { roleName },
			};
		}
		case 'workspace_membership': {
			const eventSubType = subTypeOf(random, eventType, choice.eventSubType);
			const roleName = random.pick([...WORKSPACE_ROLES, ...world.customRoles]);
			return {
				...base,
				eventType,
				eventSubType,
				payload: {
					targetUser: target(random, world, actor),
					method: random.weighted([
						['dashboard', 5],
						['sso', 2],
						['admin', 2],
						['access_request', 1],
					] as const),
					userType,
					roleName,
					...(eventSubType === 'user_role_updated' && {
						previousRoleName: otherThan(random, WORKSPACE_ROLES, roleName),
					}),
				},
			};
		}
		case 'site_membership': {
			const eventSubType = subTypeOf(random, eventType, choice.eventSubType);
			const site = random.pick(world.sites);
			const roleName = random.pick(SITE_ROLES);
			const withAccess =
				eventSubType === 'user_granular_access_updated' ||
				(eventSubType === 'user_added' && random.chance(0.35));
			return {
				...base,
				eventType,
				eventSubType,
				payload: {
					site: { id: site.id, slug: site.shortName },
					targetUser: target(random, world, actor),
					method: random.weighted([
						['dashboard', 4],
						['invite', 3],
						['sso', 2],
						['scim', 1],
						['admin', 2],
						['access_request', 1],
					] as const),
					userType,
					roleName,
					...(eventSubType === 'user_role_updated' && {
						previousRoleName: otherThan(random, SITE_ROLES, roleName),
					}),
					...(withAccess && { granularAccess: granularAccess(random, world) }),
				},
			};
		}
		case 'workspace_invitation': {
			const eventSubType = subTypeOf(random, eventType, choice.eventSubType);
			const roleName = random.pick(WORKSPACE_ROLES);
			const method = random.weighted([
				['dashboard', 5],
				['admin', 2],
				['sso', 1],
			] as const);
			const bulk = eventSubType === 'invite_sent' && random.chance(0.35);
			const invitees = world.outsiders.filter((person) => person.id !== actor.id);
			return {
				...base,
				eventType,
				eventSubType,
				payload: bulk
					? {
							method,
							userType,
							roleName,
							targetUsers: invitees.slice(random.int(0, 3), random.int(4, 6)).map(ref),
						}
					: {
							targetUser: ref(random.pick(invitees)),
							method,
							userType,
							roleName,
							...(eventSubType === 'invite_updated' && {
								previousRoleName: otherThan(random, WORKSPACE_ROLES, roleName),
							}),
						},
			};
		}
		case 'workspace_setting': {
			const eventSubType = subTypeOf(random, eventType, choice.eventSubType);
			const previous = state.aiEnabled;
			state.aiEnabled = !previous;
			return {
				...base,
				eventType,
				eventSubType,
				payload: {
					setting: 'ai_toggle',
					previousValue: String(previous),
					value: String(!previous),
					method: random.chance(0.7) ? 'dashboard' : 'admin',
				},
			};
		}
	}
}

/**
 * Same actor, workspace, type and sub-type; only the payload differs (another IP, site or
 * target). `workspace_setting` has no believable twin, so such a source becomes a login first.
 */
export function twinOf(
	random: Random,
	world: WebflowWorld,
	state: DraftState,
	source: WorkspaceDraft,
): [WorkspaceDraft, WorkspaceDraft] {
	const actor = world.members.find((member) => member.id === source.actor.id) ?? world.members[0];
	const first =
		source.eventType === 'workspace_setting'
			? draftWorkspaceEvent(random, world, state, {
					eventType: 'user_access',
					eventSubType: 'login',
					actor,
				})
			: source;
	let second: WorkspaceDraft;
	switch (first.eventType) {
		case 'user_access': {
			let elsewhere = home(random);
			while (elsewhere.ipAddress === first.payload.ipAddress) elsewhere = home(random);
			second = { ...first, payload: { ...first.payload, ...elsewhere } };
			break;
		}
		case 'custom_role':
			second = {
				...first,
				payload: {
					...first.payload,
					roleName: otherThan(random, world.customRoles, first.payload.roleName ?? ''),
				},
			};
			break;
		case 'site_membership': {
			const site = otherThan(
				random,
				world.sites,
				world.sites.find((candidate) => candidate.id === first.payload.site?.id) ?? world.sites[0],
			);
			second = {
				...first,
				payload: { ...first.payload, site: { id: site.id, slug: site.shortName } },
			};
			break;
		}
		case 'workspace_membership': {
			let other = target(random, world, first.actor);
			while (other.id === first.payload.targetUser?.id) other = target(random, world, first.actor);
			second = { ...first, payload: { ...first.payload, targetUser: other } };
			break;
		}
		case 'workspace_invitation': {
			const invited = first.payload.targetUser;
			if (invited) {
				let other = target(random, world, first.actor);
				while (other.id === invited.id) other = target(random, world, first.actor);
				second = { ...first, payload: { ...first.payload, targetUser: other } };
			} else {
				// A bulk invite's twin is a second bulk invite to other people.
				const before = new Set((first.payload.targetUsers ?? []).map((user) => user.id));
				const others = world.outsiders.filter((user) => !before.has(user.id)).map(ref);
				second = {
					...first,
					payload: {
						...first.payload,
						targetUsers: others.length > 0 ? others : [ref(world.members[6])],
					},
				};
			}
			break;
		}
		default:
			second = { ...first };
	}
	return [first, second];
}

const TOKEN_EVENT_TYPES: ReadonlySet<WebflowEventType> = new Set([
	'workspace_membership',
	'site_membership',
	'workspace_invitation',
] as const);

/**
 * Now and then a record is not a member's: an API token's (provisioning and integrations change
 * memberships and send invitations, about 8 % of those), or a person's with a `null` id (about
 * 3 % of the rest). Logins and logouts stay with the member who drafted them.
 */
export function varyActor(random: Random, world: WebflowWorld, draft: WorkspaceDraft): WorkspaceDraft {
	if (draft.eventType === 'user_access') return draft;
	const roll = random.next();
	if (TOKEN_EVENT_TYPES.has(draft.eventType) && roll < 0.08)
		return { ...draft, actor: { ...random.pick(world.tokenActors) } };
	if (roll >= 0.97) return { ...draft, actor: { ...random.pick(world.idlessPeople) } };
	return draft;
}

/** The API item: timestamp first, as Webflow orders the fields. */
export function finishWorkspaceEvent(
	draft: WorkspaceDraft,
	ms: number,
): WebflowWorkspaceAuditLogItem {
	return {
		timestamp: new Date(ms).toISOString(),
		actor: draft.actor,
		workspace: draft.workspace,
		eventType: draft.eventType,
		eventSubType: draft.eventSubType,
		payload: draft.payload,
	} as WebflowWorkspaceAuditLogItem;
}

/** `(ms, seq)` ascending: the `asc` order. `desc` is its exact reverse. */
export function compareOldestFirst(
	a: { ms: number; seq: number },
	b: { ms: number; seq: number },
): number {
	return a.ms !== b.ms ? a.ms - b.ms : a.seq - b.seq;
}

export interface HistoryOptions {
	seed: number;
	/** Epoch ms; every seeded record is strictly older. */
	anchorMs: number;
	count: number;
}

/** Every (type, sub-type) pair, so even a small history covers the whole union. */
const ALL_SUB_TYPES: Array<[WebflowEventType, string]> = WEBFLOW_EVENT_TYPES.flatMap((eventType) =>
	(WEBFLOW_EVENT_SUB_TYPES[eventType] as readonly string[]).map(
		(subType) => [eventType, subType] as [WebflowEventType, string],
	),
);

/** Newest-first positions whose page boundary a same-millisecond group straddles. */
export const DESC_BOUNDARIES = [25, 50, 100, 200, 300] as const;
/** Oldest-first positions likewise. */
export const ASC_BOUNDARIES = [100, 200] as const;

/**
 * `count` records over the 30 days before the anchor, oldest first, `seq` 1..count.
 * Same-millisecond groups and payload-only twins are placed as described in the file header.
 */
export function buildWorkspaceHistory(
	world: WebflowWorld,
	options: HistoryOptions,
): StoredWorkspaceEvent[] {
	const random = createRandom(options.seed);
	const state: DraftState = { aiEnabled: false };
	const n = options.count;
	const start = options.anchorMs - 30 * DAY_MS;
	const times = Array.from(
		{ length: n },
		() => start + Math.floor(random.next() * (options.anchorMs - start)),
	);
	times.sort((a, b) => a - b);
	// Coverage: the first records spell out every (type, sub-type) pair, then weighted picks.
	const drafts = times.map((_, i) => {
		const pair = i < ALL_SUB_TYPES.length ? ALL_SUB_TYPES[i] : undefined;
		return draftWorkspaceEvent(
			random,
			world,
			state,
			pair && { eventType: pair[0], eventSubType: pair[1] },
		);
	});
	// One `user_added` site membership with granular access, whatever the dice said (docs/api/webflow.md#workspace-audit-log-items).
	if (n > ALL_SUB_TYPES.length) {
		const i = ALL_SUB_TYPES.length;
		const draft = draftWorkspaceEvent(random, world, state, {
			eventType: 'site_membership',
			eventSubType: 'user_added',
		});
		if (draft.eventType === 'site_membership' && !draft.payload.granularAccess)
			draft.payload = { ...draft.payload, granularAccess: granularAccess(random, world) };
		drafts[i] = draft;
	}

	// Index ranges (oldest-first) of the groups across page boundaries, with the twin position.
	const groups: Array<{ lo: number; hi: number; twinAt?: number; twinType?: WebflowEventType }> =
		[];
	const descTwins: Partial<Record<number, WebflowEventType>> = {
		100: 'user_access',
		200: 'site_membership',
	};
	for (const boundary of DESC_BOUNDARIES) {
		if (boundary + 4 >= n) continue;
		const before = random.int(1, 2);
		const size = random.int(before + 1, 4);
		// Newest-first positions [boundary - before, boundary - before + size) → oldest-first.
		const hi = n - 1 - (boundary - before);
		const lo = hi - size + 1;
		const twinAt = n - 1 - boundary;
		const twinType = twinAt > ALL_SUB_TYPES.length ? descTwins[boundary] : undefined;
		// Twins at positions boundary - 1 and boundary: one on each page.
		groups.push({ lo, hi, ...(twinType && { twinAt, twinType }) });
	}
	for (const boundary of ASC_BOUNDARIES) {
		if (boundary + 4 >= n || n < 2 * boundary) continue;
		const before = random.int(1, 2);
		const size = random.int(before + 1, 4);
		const lo = boundary - before;
		const twinType: WebflowEventType | undefined =
			boundary === 100 ? 'workspace_invitation' : undefined;
		groups.push({ lo, hi: lo + size - 1, ...(twinType && { twinAt: boundary - 1, twinType }) });
	}
	const reserved = (i: number): boolean =>
		groups.some((group) => i >= group.lo - 1 && i <= group.hi + 1) || i < ALL_SUB_TYPES.length + 1;

	// Random groups and twins elsewhere (never touching the boundary groups).
	const randomGroups = n > 60 ? 8 : 0;
	for (let made = 0, tries = 0; made < randomGroups && tries < 200; tries++) {
		const lo = random.int(0, n - 5);
		const hi = lo + random.int(1, 3);
		let free = true;
		for (let i = lo; i <= hi; i++) if (reserved(i)) free = false;
		if (!free) continue;
		groups.push({ lo, hi });
		made++;
	}
	const randomTwins = n > 60 ? 6 : 0;
	for (let made = 0, tries = 0; made < randomTwins && tries < 200; tries++) {
		const lo = random.int(0, n - 3);
		if (reserved(lo) || reserved(lo + 1)) continue;
		groups.push({ lo, hi: lo + 1, twinAt: lo });
		made++;
	}

	for (const group of groups) {
		const ms = times[group.hi];
		for (let i = group.lo; i <= group.hi; i++) times[i] = ms;
		if (group.twinAt !== undefined) {
			const source =
				group.twinType === undefined
					? drafts[group.twinAt]
					: draftWorkspaceEvent(random, world, state, {
							eventType: group.twinType,
							eventSubType: group.twinType === 'user_access' ? 'login' : undefined,
						});
			const [first, second] = twinOf(random, world, state, source);
			drafts[group.twinAt] = first;
			drafts[group.twinAt + 1] = second;
		}
	}
	varyActors(world, options.seed, drafts, groups);

	return times.map((ms, i) =>
		Object.freeze({ seq: i + 1, ms, item: finishWorkspaceEvent(drafts[i], ms) }),
	);
}

/**
 * Token and id-less actors over the history, from a PRNG of their own so the rest of the seed
 * is what it was without them; twins keep their member. Even a short history has one of each.
 */
function varyActors(
	world: WebflowWorld,
	seed: number,
	drafts: WorkspaceDraft[],
	groups: ReadonlyArray<{ twinAt?: number }>,
): void {
	const random = createRandom(seed ^ 0xac7025);
	const twins = new Set(
		groups.flatMap((group) => (group.twinAt === undefined ? [] : [group.twinAt, group.twinAt + 1])),
	);
	const free = drafts.map((_, i) => i).filter((i) => !twins.has(i));
	for (const i of free) drafts[i] = varyActor(random, world, drafts[i]);
	const kinds = [
		{ has: (actor: WebflowActor) => actor.type === 'token', actor: world.tokenActors[0] },
		{ has: (actor: WebflowActor) => actor.id === null, actor: world.idlessPeople[0] },
	];
	for (const kind of kinds) {
		if (drafts.some((draft) => kind.has(draft.actor))) continue;
		const i = free.find(
			(candidate) =>
				TOKEN_EVENT_TYPES.has(drafts[candidate].eventType) &&
				drafts[candidate].actor.type === 'person' &&
				drafts[candidate].actor.id !== null,
		);
		if (i !== undefined) drafts[i] = { ...drafts[i], actor: { ...kind.actor } };
	}
}

// ---------------------------------------------------------------------------------------------
// Site activity logs
// ---------------------------------------------------------------------------------------------

export interface StoredSiteEvent {
	seq: number;
	/** `createdOn` in epoch ms: the sort key (newest first). */
	ms: number;
	item: WebflowSiteActivityLogItem;
}

export type SiteDraft = Omit<WebflowSiteActivityLogItem, 'id' | 'createdOn' | 'lastUpdated'>;

const PAGES = ['Home', 'About', 'Pricing', 'Blog', 'Contact', 'Careers', 'Guide', 'Restaurant'];
const CLASSES = [
	'hero-heading',
	'button-primary',
	'nav-link',
	'footer-grid',
	'card',
	'section-large',
];
const SYMBOLS = ['Navbar', 'Footer', 'CTA Banner', 'Pricing Table', 'Testimonial'];
const VARIABLES = ['Brand/Primary', 'Brand/Secondary', 'Spacing/Large', 'Radius/Card', 'Text/Body'];
const VARIABLE_COLLECTIONS = ['Brand colors', 'Spacing', 'Typography'];
const BRANCHES = ['spring-campaign', 'redesign-2026', 'pricing-experiment', 'new-nav'];
const LIBRARIES = ['Brand Kit', 'Marketing Components', 'Icon Set'];
const LOCALES = [
	{ tag: 'fr-FR', name: 'French', subdirectory: 'fr' },
	{ tag: 'de-DE', name: 'German', subdirectory: 'de' },
	{ tag: 'ja-JP', name: 'Japanese', subdirectory: 'jp' },
	{ tag: 'es-MX', name: 'Spanish (Mexico)', subdirectory: 'es-mx' },
];
const CMS_TITLES = [
	'Don’t Panic: a field guide',
	'The answer is 42',
	'Mostly harmless',
	'So long, and thanks for all the fish',
	'Life, the Universe and Everything',
	'The Restaurant at the End of the Universe',
];
const COLORS = ['#146ef5', '#1a1a1a', '#ffffff', '#ff5c00', '#00c27a', '#7a5cff'];

const SITE_EVENT_WEIGHTS: ReadonlyArray<readonly [WebflowSiteActivityEvent, number]> =
	WEBFLOW_SITE_ACTIVITY_EVENTS.map((event) => {
		const common: Partial<Record<WebflowSiteActivityEvent, number>> = {
			styles_modified: 14,
			page_dom_modified: 14,
			cms_item: 16,
			site_published: 6,
			symbols_modified: 5,
			backup_created: 5,
			ix2_modified_on_page: 3,
			page_settings_modified: 3,
			variable_modified: 3,
			cms_collection: 2,
			page_created: 2,
			page_renamed: 2,
		};
		return [event, common[event] ?? 1] as const;
	});

interface SiteResource {
	resourceOperation: WebflowResourceOperation;
	resourceId: string | null;
	resourceName: string | null;
	newValue?: string | null;
	previousValue?: string | null;
	payload?: Record<string, unknown> | null;
	/** System event: `user` is null. */
	system?: boolean;
}

function siteResource(
	random: Random,
	world: WebflowWorld,
	site: WebflowSite,
	event: WebflowSiteActivityEvent,
): SiteResource {
	const id = (): string => objectId(random);
	const page = (): { resourceId: string; resourceName: string } => ({
		resourceId: id(),
		resourceName: random.pick(PAGES),
	});
	const locale = random.pick(LOCALES);
	const domains = [`${site.shortName}.webflow.io`, `www.${site.shortName}.example`];
	switch (event) {
		case 'styles_modified':
			return {
				resourceOperation: 'MODIFIED',
				resourceId: id(),
				resourceName: random.pick(CLASSES),
			};
		case 'ix2_modified_on_class':
			return {
				resourceOperation: 'MODIFIED',
				resourceId: id(),
				resourceName: random.pick(CLASSES),
			};
		case 'site_published':
			return {
				resourceOperation: 'PUBLISHED',
				resourceId: null,
				resourceName: null,
				payload: { domains: random.chance(0.5) ? domains : domains.slice(0, 1) },
				system: random.chance(0.1),
			};
		case 'site_unpublished':
			return {
				resourceOperation: 'UNPUBLISHED',
				resourceId: null,
				resourceName: null,
				payload: { domains: domains.slice(1) },
			};
		case 'ix2_modified_on_page':
		case 'page_dom_modified':
		case 'page_custom_code_modified':
		case 'page_settings_custom_code_modified':
			return { resourceOperation: 'MODIFIED', ...page() };
		case 'page_settings_modified': {
			const pageRef = page();
			return {
				resourceOperation: 'MODIFIED',
				...pageRef,
				previousValue: `${pageRef.resourceName} | ${site.displayName}`,
				newValue: `${pageRef.resourceName} — ${site.displayName}`,
				payload: { field: 'seo.title' },
			};
		}
		case 'page_renamed': {
			const pageRef = page();
			const newName = `${pageRef.resourceName} ${random.pick(['v2', 'new', 'old', '(2026)'])}`;
			return {
				resourceOperation: 'MODIFIED',
				resourceId: pageRef.resourceId,
				resourceName: newName,
				previousValue: pageRef.resourceName,
				newValue: newName,
			};
		}
		case 'page_created':
			return { resourceOperation: 'CREATED', ...page() };
		case 'page_deleted':
			return { resourceOperation: 'DELETED', ...page() };
		case 'page_duplicated': {
			const pageRef = page();
			return {
				resourceOperation: 'CREATED',
				resourceId: id(),
				resourceName: `${pageRef.resourceName} (copy)`,
				payload: { sourcePageId: pageRef.resourceId },
			};
		}
		case 'secondary_locale_page_content_modified':
			return { resourceOperation: 'MODIFIED', ...page(), payload: { locale: locale.tag } };
		case 'cms_item': {
			const collection = random.pick(world.collections);
			return {
				resourceOperation: random.weighted([
					['CREATED', 3],
					['MODIFIED', 5],
					['PUBLISHED', 3],
					['UNPUBLISHED', 1],
					['DELETED', 1],
				] as const),
				resourceId: id(),
				resourceName: random.pick(CMS_TITLES),
				payload: { collectionId: collection.id, collectionName: collection.name },
			};
		}
		case 'cms_collection': {
			const collection = random.pick(world.collections);
			return {
				resourceOperation: random.weighted([
					['MODIFIED', 4],
					['CREATED', 1],
					['DELETED', 1],
					['REORDERED', 1],
				] as const),
				resourceId: collection.id,
				resourceName: collection.name,
			};
		}
		case 'backup_created':
			return {
				resourceOperation: 'CREATED',
				resourceId: id(),
				resourceName: null,
				system: random.chance(0.75),
			};
		case 'backup_restored':
			return { resourceOperation: 'MODIFIED', resourceId: id(), resourceName: null };
		case 'symbols_modified':
		case 'ix2_modified_on_component':
			return {
				resourceOperation: 'MODIFIED',
				resourceId: id(),
				resourceName: random.pick(SYMBOLS),
			};
		case 'variable_modified': {
			const previous = random.pick(COLORS);
			return {
				resourceOperation: 'MODIFIED',
				resourceId: id(),
				resourceName: random.pick(VARIABLES),
				previousValue: previous,
				newValue: otherThan(random, COLORS, previous),
			};
		}
		case 'variables_modified':
			return {
				resourceOperation: random.pick([
					'MODIFIED',
					'GROUP_CREATED',
					'GROUP_DELETED',
					'GROUP_REORDERED',
				] as const),
				resourceId: id(),
				resourceName: random.pick(VARIABLE_COLLECTIONS),
			};
		case 'site_custom_code_modified':
			return { resourceOperation: 'MODIFIED', resourceId: null, resourceName: null };
		case 'locale_added':
			return {
				resourceOperation: 'CREATED',
				resourceId: id(),
				resourceName: locale.name,
				payload: { tag: locale.tag, subdirectory: locale.subdirectory },
			};
		case 'locale_removed':
			return { resourceOperation: 'DELETED', resourceId: id(), resourceName: locale.name };
		case 'locale_enabled':
		case 'locale_disabled':
			return { resourceOperation: 'MODIFIED', resourceId: id(), resourceName: locale.name };
		case 'locale_display_name_updated':
			return {
				resourceOperation: 'MODIFIED',
				resourceId: id(),
				resourceName: locale.name,
				previousValue: locale.tag,
				newValue: locale.name,
			};
		case 'locale_subdirectory_updated':
			return {
				resourceOperation: 'MODIFIED',
				resourceId: id(),
				resourceName: locale.name,
				previousValue: locale.tag.toLowerCase(),
				newValue: locale.subdirectory,
			};
		case 'locale_tag_updated':
			return {
				resourceOperation: 'MODIFIED',
				resourceId: id(),
				resourceName: locale.name,
				previousValue: locale.tag.slice(0, 2),
				newValue: locale.tag,
			};
		case 'branch_created':
			return {
				resourceOperation: 'CREATED',
				resourceId: id(),
				resourceName: random.pick(BRANCHES),
			};
		case 'branch_merged':
			return {
				resourceOperation: 'MODIFIED',
				resourceId: id(),
				resourceName: random.pick(BRANCHES),
				payload: { into: 'main' },
			};
		case 'branch_deleted':
			return {
				resourceOperation: 'DELETED',
				resourceId: id(),
				resourceName: random.pick(BRANCHES),
			};
		case 'branch_review_created':
			return {
				resourceOperation: 'CREATED',
				resourceId: id(),
				resourceName: random.pick(BRANCHES),
				payload: { reviewers: random.int(1, 3) },
			};
		case 'branch_review_approved':
			return {
				resourceOperation: 'MODIFIED',
				resourceId: id(),
				resourceName: random.pick(BRANCHES),
			};
		case 'branch_review_canceled':
			return {
				resourceOperation: 'DELETED',
				resourceId: id(),
				resourceName: random.pick(BRANCHES),
			};
		case 'library_shared':
		case 'library_update_shared':
			return {
				resourceOperation: 'PUBLISHED',
				resourceId: id(),
				resourceName: random.pick(LIBRARIES),
			};
		case 'library_unshared':
			return {
				resourceOperation: 'UNPUBLISHED',
				resourceId: id(),
				resourceName: random.pick(LIBRARIES),
			};
		case 'library_installed':
			return {
				resourceOperation: 'CREATED',
				resourceId: id(),
				resourceName: random.pick(LIBRARIES),
			};
		case 'library_uninstalled':
			return {
				resourceOperation: 'DELETED',
				resourceId: id(),
				resourceName: random.pick(LIBRARIES),
			};
		case 'library_update_accepted':
			return {
				resourceOperation: 'MODIFIED',
				resourceId: id(),
				resourceName: random.pick(LIBRARIES),
				payload: { version: `${random.int(1, 4)}.${random.int(0, 9)}.0` },
			};
	}
}

/** A plausible site activity record (no id or times yet). `event` picks the kind if given. */
export function draftSiteEvent(
	random: Random,
	world: WebflowWorld,
	site: WebflowSite,
	event?: WebflowSiteActivityEvent,
): SiteDraft {
	const kind = event ?? random.weighted(SITE_EVENT_WEIGHTS);
	const resource = siteResource(random, world, site, kind);
	const person = random.pick(world.members.slice(0, 5));
	return {
		event: kind,
		resourceOperation: resource.resourceOperation,
		user: resource.system ? null : { id: person.id, displayName: person.displayName },
		resourceId: resource.resourceId,
		resourceName: resource.resourceName,
		newValue: resource.newValue ?? null,
		previousValue: resource.previousValue ?? null,
		payload: resource.payload ?? null,
	};
}

/** Field order as in the SDK type. */
export function finishSiteEvent(
	draft: SiteDraft,
	id: string,
	createdMs: number,
	updatedMs = createdMs,
): WebflowSiteActivityLogItem {
	return {
		id,
		createdOn: new Date(createdMs).toISOString(),
		lastUpdated: new Date(updatedMs).toISOString(),
		event: draft.event,
		resourceOperation: draft.resourceOperation,
		user: draft.user,
		resourceId: draft.resourceId,
		resourceName: draft.resourceName,
		newValue: draft.newValue,
		previousValue: draft.previousValue,
		payload: draft.payload,
	};
}

export function newSiteEventId(random: Random, ms: number, taken: Set<string>): string {
	let id = timedObjectId(random, ms);
	while (taken.has(id)) id = timedObjectId(random, ms);
	taken.add(id);
	return id;
}

/**
 * `count` records for one site over the 30 days before the anchor, oldest first. The first 42
 * spell out every `event` value; a few pairs share one millisecond.
 */
export function buildSiteHistory(
	world: WebflowWorld,
	site: WebflowSite,
	options: HistoryOptions,
	taken: Set<string>,
): StoredSiteEvent[] {
	const random = createRandom(options.seed ^ parseInt(site.id.slice(-6), 16));
	const start = options.anchorMs - 30 * DAY_MS;
	const times = Array.from(
		{ length: options.count },
		() => start + Math.floor(random.next() * (options.anchorMs - start)),
	);
	times.sort((a, b) => a - b);
	for (let i = 0; i < 4 && options.count > 20; i++) {
		const at = random.int(1, options.count - 2);
		times[at] = times[at + 1];
	}
	return times.map((ms, i) => {
		const draft = draftSiteEvent(
			random,
			world,
			site,
			i < WEBFLOW_SITE_ACTIVITY_EVENTS.length ? WEBFLOW_SITE_ACTIVITY_EVENTS[i] : undefined,
		);
		// Edited records (CMS items, reviews) were touched again later, but never after the anchor.
		const edited = draft.event === 'cms_item' && random.chance(0.3);
		const updated = edited ? Math.min(options.anchorMs - 1, ms + random.int(1_000, 3_600_000)) : ms;
		return Object.freeze({
			seq: i + 1,
			ms,
			item: finishSiteEvent(draft, newSiteEventId(random, ms, taken), ms, updated),
		});
	});
}
