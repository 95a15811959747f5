/**
 * Deterministic Sim world and audit-log history (docs/api/sim.md), generated from a seed and an
 * anchor time: one enterprise org with workspaces, current and departed members, org-level
 * events, system events, and a second org whose events must never leak into the first.
 *
 * Events keep `createdAt` in microseconds (`createdAtMicros`) like Sim's Postgres column; the API
 * shows milliseconds (docs/api/sim.md#precision-quirk). Several bursts share one millisecond, some of them placed across the
 * page boundaries of the default listing so the precision quirk has something to bite.
 */
import type { SimAuditLogEntry } from './schemas';
import { ALPHANUMERIC, createRandom, type Random, seededUuid, shortId } from '../kit';

export type SimPlan = 'free' | 'team' | 'enterprise';
export type SimRole = 'owner' | 'admin' | 'member';

export interface SimOrg {
	id: string;
	name: string;
	plan: SimPlan;
}

export interface SimWorkspace {
	id: string;
	name: string;
	organizationId: string;
}

export interface SimUser {
	id: string;
	name: string;
	email: string;
}

export interface SimMember extends SimUser {
	role: SimRole;
}

/** An API key and the user it authenticates as. */
export interface SimApiKey {
	key: string;
	userId: string;
}

/** A stored row: the API entry plus what the database keeps but the API never returns. */
export interface SimStoredEvent extends SimAuditLogEntry {
	/** Epoch microseconds; `createdAt` is this truncated to milliseconds. */
	createdAtMicros: number;
	ipAddress: string | null;
	userAgent: string | null;
}

export interface SimWorld {
	org: SimOrg;
	/** The org's workspaces. */
	workspaces: SimWorkspace[];
	/** Current org members; `members[0]` is the owner, `members[1]` an admin. */
	members: SimMember[];
	/** Former members: their events stay, hidden unless `includeDeparted=true`. */
	departed: SimUser[];
	/** The user behind the `member` key: a plain member (not admin/owner). */
	plainMember: SimMember;
	/** A user with no org membership at all. */
	loner: SimUser;
	/** Another org, on the team plan, with its own workspace and owner. */
	otherOrg: SimOrg;
	otherWorkspace: SimWorkspace;
	otherOwner: SimMember;
	keys: {
		admin: SimApiKey;
		member: SimApiKey;
		noOrg: SimApiKey;
		notEnterprise: SimApiKey;
	};
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Stable keys, independent of the seed, so a printed key survives `reset`. */
export const SIM_SANDBOX_KEYS = {
	admin: 'sk-sim-sandboxAdminKey0000000000000000000001',
	member: 'sk-sim-sandboxMemberKey000000000000000000002',
	noOrg: 'sk-sim-sandboxNoOrgKey0000000000000000000003',
	notEnterprise: 'sk-sim-sandboxTeamPlanKey00000000000000000004',
} as const;

function userId(random: Random): string {
	return random.string(32, ALPHANUMERIC);
}

function person(random: Random, name: string, domain: string): SimUser {
	const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`;
	return { id: userId(random), name, email };
}

export function buildWorld(seed: number): SimWorld {
	const random = createRandom(seed ^ 0x5eed);
	const domain = 'northwind-labs.example';
	const org: SimOrg = { id: seededUuid(random), name: 'Northwind Labs', plan: 'enterprise' };
	const workspaces: SimWorkspace[] = [
		'Growth Automations',
		'Data Platform',
		'Customer Support',
	].map((name) => ({ id: seededUuid(random), name, organizationId: org.id }));
	const member = (name: string, role: SimRole): SimMember => ({
		...person(random, name, domain),
		role,
	});
	const members: SimMember[] = [
		member('Ada Okafor', 'owner'),
		member('Bruno Lindqvist', 'admin'),
		member('Chiara Russo', 'member'),
		member('Dev Patel', 'member'),
		member('Emma Schulz', 'member'),
		member('Farid Haddad', 'admin'),
	];
	const departed = [person(random, 'Greta Nilsen', domain), person(random, 'Hiro Tanaka', domain)];
	const loner = person(random, 'Ivy Moreau', 'gmail.example');
	const otherOrg: SimOrg = { id: seededUuid(random), name: 'Contoso Studio', plan: 'team' };
	const otherWorkspace: SimWorkspace = {
		id: seededUuid(random),
		name: 'Contoso Marketing',
		organizationId: otherOrg.id,
	};
	const otherOwner: SimMember = {
		...person(random, 'Jonas Berg', 'contoso.example'),
		role: 'owner',
	};
	const plainMember = members[2];
	return {
		org,
		workspaces,
		members,
		departed,
		plainMember,
		loner,
		otherOrg,
		otherWorkspace,
		otherOwner,
		keys: {
			admin: { key: SIM_SANDBOX_KEYS.admin, userId: members[0].id },
			member: { key: SIM_SANDBOX_KEYS.member, userId: plainMember.id },
			noOrg: { key: SIM_SANDBOX_KEYS.noOrg, userId: loner.id },
			notEnterprise: { key: SIM_SANDBOX_KEYS.notEnterprise, userId: otherOwner.id },
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

const WORKFLOW_NAMES = [
	'Lead enrichment',
	'Invoice triage',
	'Weekly KPI digest',
	'Support ticket router',
	'Churn risk alerts',
	'Slack standup bot',
	'CRM sync',
	'PDF contract extractor',
	'Onboarding emails',
	'Incident summariser',
];
const FOLDER_NAMES = ['Sales', 'Finance', 'Experiments', 'Archive', 'Ops'];
const KNOWLEDGE_BASES = ['Product docs', 'Support macros', 'HR policies'];
const API_KEY_NAMES = ['CI deploy key', 'Zapier bridge', 'Data warehouse export', 'n8n audit sync'];
const ENVIRONMENT_KEYS = ['OPENAI_API_KEY', 'SLACK_BOT_TOKEN', 'HUBSPOT_TOKEN', 'DATABASE_URL'];
const USER_AGENTS = [
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Safari/537.36',
	'sim-cli/0.4.2 node/20.11.1',
];

type Draft = Omit<SimStoredEvent, 'id' | 'createdAt' | 'createdAtMicros'>;

interface Actor {
	user: SimUser | null;
}

type Generator = (random: Random, world: SimWorld, actor: Actor) => Draft;

function actorFields(
	actor: Actor,
): Pick<Draft, 'actorId' | 'actorName' | 'actorEmail' | 'ipAddress' | 'userAgent'> {
	return {
		actorId: actor.user?.id ?? null,
		actorName: actor.user?.name ?? null,
		actorEmail: actor.user?.email ?? null,
		ipAddress: null,
		userAgent: null,
	};
}

type EventFields = Pick<
	Draft,
	'action' | 'resourceType' | 'resourceId' | 'resourceName' | 'description' | 'metadata'
>;

function workspaceEvent(
	random: Random,
	world: SimWorld,
	actor: Actor,
	build: EventFields | ((workspace: SimWorkspace) => EventFields),
): Draft {
	const workspace = random.pick(world.workspaces);
	const fields = typeof build === 'function' ? build(workspace) : build;
	return {
		...actorFields(actor),
		workspaceId: workspace.id,
		...fields,
		metadata: { workspaceName: workspace.name, ...fields.metadata },
	};
}

function orgEvent(world: SimWorld, actor: Actor, fields: EventFields): Draft {
	// Org-level rows are in scope through `metadata.organizationId` (docs/api/sim.md#scope).
	return {
		...actorFields(actor),
		workspaceId: null,
		...fields,
		metadata: { organizationId: world.org.id, ...fields.metadata },
	};
}

const workflowVerbs: Array<readonly [string, number]> = [
	['created', 4],
	['variables_updated', 8],
	['deployed', 5],
	['undeployed', 1],
	['deleted', 1],
	['duplicated', 1],
];

const GENERATORS: Array<readonly [Generator, number]> = [
	[
		(random, world, actor) => {
			const verb = random.weighted(workflowVerbs);
			const name = random.pick(WORKFLOW_NAMES);
			const metadata: Record<string, unknown> =
				verb === 'deployed'
					? {
							version: random.int(2, 40),
							deploymentType: random.pick(['api', 'schedule', 'webhook', 'chat']),
						}
					: verb === 'variables_updated'
						? { changedVariables: random.int(1, 9) }
						: {};
			return workspaceEvent(random, world, actor, {
				action: `workflow.${verb}`,
				resourceType: 'workflow',
				resourceId: shortId(random),
				resourceName: name,
				description: `${verb.charAt(0).toUpperCase()}${verb.slice(1).replace('_', ' ')} workflow "${name}"`,
				metadata,
			});
		},
		20,
	],
	[
		(random, world, actor) => {
			// Actions are Sim's own (docs/api/sim.md#action-catalogue).
			const verb = random.pick(['created', 'duplicated', 'deleted']);
			const name = random.pick(FOLDER_NAMES);
			return workspaceEvent(random, world, actor, {
				action: `folder.${verb}`,
				resourceType: 'folder',
				resourceId: shortId(random),
				resourceName: name,
				description: `${verb.charAt(0).toUpperCase()}${verb.slice(1)} folder "${name}"`,
				metadata: {},
			});
		},
		3,
	],
	[
		(random, world, actor) => {
			const verb = random.pick(['created', 'updated', 'document_uploaded']);
			const name = random.pick(KNOWLEDGE_BASES);
			const upload = verb === 'document_uploaded';
			return workspaceEvent(random, world, actor, {
				action: upload ? 'document.uploaded' : `knowledge_base.${verb}`,
				resourceType: upload ? 'document' : 'knowledge_base',
				resourceId: shortId(random),
				resourceName: name,
				description:
					verb === 'document_uploaded'
						? `Uploaded a document to "${name}"`
						: `${verb === 'created' ? 'Created' : 'Updated'} knowledge base "${name}"`,
				metadata:
					verb === 'document_uploaded'
						? { fileName: `handbook-v${random.int(1, 9)}.pdf`, sizeBytes: random.int(2e4, 9e6) }
						: {},
			});
		},
		3,
	],
	[
		(random, world, actor) => {
			const key = random.pick(ENVIRONMENT_KEYS);
			return workspaceEvent(random, world, actor, {
				action: 'environment.updated',
				resourceType: 'environment',
				resourceId: null,
				resourceName: null,
				description: `Updated workspace environment variable ${key}`,
				metadata: { variables: [key] },
			});
		},
		2,
	],
	[
		(random, world, actor) => {
			const verb = random.weighted([
				['created', 3],
				['revoked', 2],
			] as const);
			const name = random.pick(API_KEY_NAMES);
			const fields = {
				action: `api_key.${verb}`,
				resourceType: 'api_key',
				resourceId: shortId(random),
				resourceName: name,
				description: `${verb === 'created' ? 'Created' : 'Revoked'} API key "${name}"`,
				metadata: { keyType: random.pick(['workspace', 'personal']) },
			};
			return fields.metadata.keyType === 'personal'
				? orgEvent(world, actor, fields)
				: workspaceEvent(random, world, actor, fields);
		},
		2,
	],
	[
		(random, world, actor) => {
			const verb = random.pick(['invited', 'role_changed', 'removed']);
			const target = random.pick(world.members);
			const from = random.pick(['read', 'write']);
			return workspaceEvent(random, world, actor, (workspace) => ({
				action: `member.${verb}`,
				resourceType: 'workspace',
				resourceId: workspace.id,
				resourceName: workspace.name,
				description:
					verb === 'invited'
						? `Invited ${target.email} to the workspace`
						: verb === 'removed'
							? `Removed ${target.email} from the workspace`
							: `Changed ${target.email}'s permission from ${from} to ${from === 'read' ? 'write' : 'admin'}`,
				metadata:
					verb === 'role_changed'
						? {
								targetUserId: target.id,
								targetEmail: target.email,
								previousPermission: from,
								newPermission: from === 'read' ? 'write' : 'admin',
							}
						: { targetEmail: target.email },
			}));
		},
		3,
	],
	[
		(random, world, actor) => {
			const verb = random.pick(['invited', 'role_changed']);
			const target = random.pick(world.members);
			return orgEvent(world, actor, {
				action: `member.${verb}`,
				resourceType: 'organization',
				resourceId: world.org.id,
				resourceName: world.org.name,
				description:
					verb === 'invited'
						? `Invited ${target.email} to ${world.org.name}`
						: `Changed ${target.email}'s organization role to ${target.role}`,
				metadata: {
					targetEmail: target.email,
					...(verb === 'role_changed' && { role: target.role }),
				},
			});
		},
		1,
	],
	[
		(random, world, actor) =>
			orgEvent(world, actor, {
				action: 'organization.updated',
				resourceType: 'organization',
				resourceId: world.org.id,
				resourceName: world.org.name,
				description: `Updated organization settings`,
				metadata: { changed: [random.pick(['name', 'logo', 'ssoEnforced', 'dataRetentionDays'])] },
			}),
		1,
	],
	[
		(random, world, actor) => {
			const verb = random.pick(['created', 'duplicated']);
			const workspace = random.pick(world.workspaces);
			return orgEvent(world, actor, {
				action: `workspace.${verb}`,
				resourceType: 'workspace',
				resourceId: workspace.id,
				resourceName: workspace.name,
				description: `${verb === 'created' ? 'Created' : 'Duplicated'} workspace "${workspace.name}"`,
				metadata: {},
			});
		},
		1,
	],
];

function withTraffic(random: Random, draft: Draft): Draft {
	if (draft.actorId === null) return draft;
	return {
		...draft,
		ipAddress: `203.0.113.${random.int(2, 250)}`,
		userAgent: random.pick(USER_AGENTS),
	};
}

function pickActor(random: Random, world: SimWorld, allowDeparted: boolean): Actor {
	return random.weighted<Actor>([
		...world.members.map((user) => [{ user }, user.role === 'member' ? 4 : 3] as const),
		...(allowDeparted ? world.departed.map((user) => [{ user }, 2] as const) : []),
		[{ user: null }, 1],
	]);
}

/** A plausible new event in the org (current member or system), for inserts and the seed. */
export function draftEvent(random: Random, world: SimWorld, allowDeparted = false): Draft {
	const actor = pickActor(random, world, allowDeparted);
	const draft = random.weighted(GENERATORS)(random, world, actor);
	return withTraffic(random, draft);
}

/** An event of the other org: must never be visible to the sandbox org's keys. */
function foreignEvent(random: Random, world: SimWorld): Draft {
	const actor: Actor = { user: world.otherOwner };
	if (random.chance(0.3)) {
		return withTraffic(random, {
			...actorFields(actor),
			workspaceId: null,
			action: 'organization.updated',
			resourceType: 'organization',
			resourceId: world.otherOrg.id,
			resourceName: world.otherOrg.name,
			description: 'Updated organization settings',
			metadata: { organizationId: world.otherOrg.id, changed: ['name'] },
		});
	}
	const name = random.pick(WORKFLOW_NAMES);
	return withTraffic(random, {
		...actorFields(actor),
		workspaceId: world.otherWorkspace.id,
		action: 'workflow.updated',
		resourceType: 'workflow',
		resourceId: shortId(random),
		resourceName: name,
		description: `Updated workflow "${name}"`,
		metadata: { workspaceName: world.otherWorkspace.name },
	});
}

export function microsToIso(micros: number): string {
	return new Date(Math.floor(micros / 1000)).toISOString();
}

export function finishEvent(draft: Draft, id: string, createdAtMicros: number): SimStoredEvent {
	return { id, ...draft, createdAtMicros, createdAt: microsToIso(createdAtMicros) };
}

/** The API view of a stored row (docs/api/sim.md#responses: `ipAddress`/`userAgent` are never returned). */
export function toEntry(event: SimStoredEvent): SimAuditLogEntry {
	return {
		id: event.id,
		workspaceId: event.workspaceId,
		actorId: event.actorId,
		actorName: event.actorName,
		actorEmail: event.actorEmail,
		action: event.action,
		resourceType: event.resourceType,
		resourceId: event.resourceId,
		resourceName: event.resourceName,
		description: event.description,
		metadata: event.metadata,
		createdAt: event.createdAt,
	};
}

/** `createdAt DESC, id DESC`; ids compare by code unit (Postgres `COLLATE "C"`). */
export function compareNewestFirst(a: SimStoredEvent, b: SimStoredEvent): number {
	if (a.createdAtMicros !== b.createdAtMicros) return b.createdAtMicros - a.createdAtMicros;
	return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** A µs fraction within the millisecond; never 0, like a real `now()` almost always. */
export function microFraction(random: Random): number {
	return random.int(1, 999);
}

export interface HistoryOptions {
	seed: number;
	/** Epoch ms; every event is strictly older. */
	anchorMs: number;
	eventCount: number;
}

/**
 * `eventCount` org events over the 30 days before the anchor (plus ~3 % foreign ones), newest
 * first. Departed members only act in the first two thirds of the window, before they left.
 */
export function buildHistory(world: SimWorld, options: HistoryOptions): SimStoredEvent[] {
	const random = createRandom(options.seed);
	const start = options.anchorMs - 30 * DAY_MS;
	const leftAt = options.anchorMs - 10 * DAY_MS;
	const ids = new Set<string>();
	const freshId = (): string => {
		let id = shortId(random);
		while (ids.has(id)) id = shortId(random);
		ids.add(id);
		return id;
	};

	const events: SimStoredEvent[] = [];
	for (let i = 0; i < options.eventCount; i++) {
		const ms = start + Math.floor(random.next() * (options.anchorMs - start - 1));
		const draft = draftEvent(random, world, ms < leftAt);
		events.push(finishEvent(draft, freshId(), ms * 1000 + microFraction(random)));
	}
	for (let i = 0; i < Math.max(2, Math.round(options.eventCount * 0.03)); i++) {
		const ms = start + Math.floor(random.next() * (options.anchorMs - start - 1));
		events.push(
			finishEvent(foreignEvent(random, world), freshId(), ms * 1000 + microFraction(random)),
		);
	}
	// Make sure the departed members have history even with a small eventCount.
	for (const user of world.departed) {
		const ms = start + Math.floor(random.next() * (leftAt - start));
		const draft = withTraffic(random, GENERATORS[0][0](random, world, { user }));
		events.push(finishEvent(draft, freshId(), ms * 1000 + microFraction(random)));
	}
	events.sort(compareNewestFirst);

	addBursts(random, world, events);
	events.sort(compareNewestFirst);
	return events;
}

/**
 * Moves small groups of events into one shared millisecond (distinct µs, order preserved):
 * across the boundaries of the default listing (admin view, departed hidden) at 25, 50 and 100
 * rows per page, plus a few random places.
 */
function addBursts(random: Random, world: SimWorld, events: SimStoredEvent[]): void {
	const current = new Set(world.members.map((member) => member.id));
	const inOrg = new Set(world.workspaces.map((workspace) => workspace.id));
	const visible = events.filter(
		(event) =>
			(event.workspaceId === null
				? event.metadata.organizationId === world.org.id
				: inOrg.has(event.workspaceId)) &&
			(event.actorId === null || current.has(event.actorId)),
	);
	const starts = new Set<number>();
	for (const boundary of [25, 50, 100, 150, 200, 300, 400, 500]) {
		// The group starts one or two rows before the boundary and reaches over it.
		if (boundary + 3 < visible.length) starts.add(boundary - random.int(1, 2));
	}
	for (let i = 0; i < 8 && visible.length > 10; i++) starts.add(random.int(5, visible.length - 6));

	for (const first of starts) {
		const size = random.int(3, 5);
		const group = visible.slice(first, first + size);
		const ms = Math.floor(group[0].createdAtMicros / 1000);
		// Newest keeps the highest fraction so the group's order does not change.
		let micro = 999 - random.int(0, 40);
		for (const event of group) {
			event.createdAtMicros = ms * 1000 + micro;
			event.createdAt = microsToIso(event.createdAtMicros);
			micro -= random.int(20, 150);
			if (micro < 1) micro = 1;
		}
	}
}
