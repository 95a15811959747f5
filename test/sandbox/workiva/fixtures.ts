/**
 * Deterministic Workiva world and activity history (docs/api/workiva.md), generated from a seed
 * and an anchor time: one organization with workspaces, admin performers (users and a service
 * principal), org members who only appear as targets, the action catalogue, and about a thousand
 * activities over the 30 days before the anchor.
 *
 * `activityDateTime` has whole seconds, as in every documented example, so bursts share one value:
 * some straddle the boundaries of common page sizes. Most activities carry an `eventId:` tag, not
 * all: the trigger must fall back to a content hash (docs/api/workiva.md#activity-ids).
 */
import type {
	WorkivaActivity,
	WorkivaActivityAction,
	WorkivaOrganizationRef,
	WorkivaOutcome,
	WorkivaPerformer,
	WorkivaTarget,
	WorkivaWorkspaceRef,
} from '../../../nodes/Workiva/types';
import { createRandom, type DataOptions, HEX, type Random, seededUuid, URL_ALPHABET } from '../kit';
import { WORKIVA_PRINCIPAL_TYPES, WORKIVA_SCOPES, WORKIVA_TARGET_TYPES } from './schemas';

// ---------------------------------------------------------------------------------------------
// Clients (docs/api/workiva.md#auth)
// ---------------------------------------------------------------------------------------------

export interface WorkivaClient {
	clientId: string;
	clientSecret: string;
	scopes: string[];
}

/** Stable, independent of the seed, so printed credentials survive `reset`; fake by design (`example`). */
export const WORKIVA_SANDBOX_CLIENTS = {
	/** Org Security Admin's OAuth client: `activity:read` (and `organization:read`). */
	reader: {
		clientId: 'wk-sandbox-activity-reader',
		clientSecret: 'wks-example-reader-4f1c9a7e2b6d8035c1e9',
		scopes: [WORKIVA_SCOPES.activityRead, WORKIVA_SCOPES.organizationRead],
	},
	/** A valid client without `activity:read`: its tokens get 403 on every activities route. */
	noActivityScope: {
		clientId: 'wk-sandbox-org-reader',
		clientSecret: 'wks-example-orgonly-8d2e5b1f7c3a9064e2d8',
		scopes: [WORKIVA_SCOPES.organizationRead],
	},
	/** The reader's id with a wrong secret: the token endpoint refuses it. */
	wrongSecret: {
		clientId: 'wk-sandbox-activity-reader',
		clientSecret: 'wks-example-wrong-00000000000000000000',
		scopes: [],
	},
} as const satisfies Record<string, { clientId: string; clientSecret: string; scopes: readonly string[] }>;

export type WorkivaClientName = keyof typeof WORKIVA_SANDBOX_CLIENTS;

// ---------------------------------------------------------------------------------------------
// World
// ---------------------------------------------------------------------------------------------

/** A user of the organization that activities name as a target. */
export interface WorkivaMember {
	id: string;
	displayName: string;
	/** The login name. */
	uniqueName: string;
}

export interface WorkivaWorld {
	organization: WorkivaOrganizationRef;
	workspaces: WorkivaWorkspaceRef[];
	/** Who performs activities; `performers[0]` is the reader client's admin. */
	performers: WorkivaPerformer[];
	/** Users that appear as targets (performers are members too). */
	members: WorkivaMember[];
	/** `/activityActions`, ordered by `id`. */
	actions: WorkivaActivityAction[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DIGITS = '0123456789';

/** Standard base64 without padding, the look of Workiva's ids. */
function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '');
}

/** `Account\x1f<16 digits>`, as the documented workspace ids decode. */
function workspaceId(random: Random): string {
	return base64(`Account\x1f${random.string(16, DIGITS)}`);
}

/** `WFUser\x1f<13 digits>`, as the documented user ids decode. */
function userId(random: Random): string {
	return base64(`WFUser\x1f${random.string(13, DIGITS)}`);
}

/** `<organization uuid>:<base64 of AuditLog\x1eAuditLog:<32 hex>>`, base64, as documented ids decode. */
export function activityIdFor(organizationId: string, hex: string): string {
	return Buffer.from(`${organizationId}:${base64(`AuditLog\x1eAuditLog:${hex}`)}`).toString('base64');
}

export function newActivityId(random: Random, organizationId: string): string {
	return activityIdFor(organizationId, random.string(32, HEX));
}

const ADMINS: Array<[string, string]> = [
	['Adam Admin', 'adam.admin@harborview.example'],
	['Priya Raman', 'priya.raman@harborview.example'],
	['Marcus Oyelaran', 'marcus.oyelaran@harborview.example'],
	['Lena Fischer', 'lena.fischer@harborview.example'],
	['Tomás Ibarra', 'tomas.ibarra@harborview.example'],
	['Yuki Sato', 'yuki.sato@harborview.example'],
];

const MEMBERS: Array<[string, string]> = [
	['John Public', 'john_public'],
	['Grace Nakamura', 'gnakamura'],
	["Siobhán O'Brien", 'sobrien'],
	['Ravi Menon', 'rmenon'],
	['Ewa Kowalska', 'ekowalska'],
	['Daniel Brooks', 'dbrooks'],
	['Fatima Zahra', 'fzahra'],
	['Oliver Grant', 'ogrant'],
];

const WORKSPACE_NAMES = [
	'Organization Management',
	'FY2026 10-K',
	'ESG Disclosures',
	'Internal Audit',
	'Treasury Close',
];

/**
 * The action catalogue. `workspace_membership_create`/`_delete`, `workspace_update`, `user_login`
 * and `com.workiva.activity.retention_policy.update` appear in Workiva's docs; the rest are
 * INFERRED look-alikes. One is deprecated and only occurs early in the history.
 */
const ACTIONS: WorkivaActivityAction[] = [
	['com.workiva.activity.retention_policy.update', 'retention_policy_update', 'Activity retention policy updated', 'Activity'],
	['com.workiva.administration.group_membership.create', 'group_membership_create', 'Group membership created', 'Administration'],
	['com.workiva.administration.group_membership.delete', 'group_membership_delete', 'Group membership deleted', 'Administration'],
	['com.workiva.administration.organization.update', 'organization_update', 'Organization updated', 'Administration'],
	['com.workiva.administration.user.create', 'user_create', 'User created', 'Administration'],
	['com.workiva.administration.user.update', 'user_update', 'User updated', 'Administration'],
	['com.workiva.administration.user_role.create', 'user_role_create', 'Role assigned to user', 'Administration'],
	['com.workiva.administration.user_role.delete', 'user_role_delete', 'Role removed from user', 'Administration'],
	['com.workiva.administration.workspace.create', 'workspace_create', 'Workspace created', 'Administration'],
	['com.workiva.administration.workspace.update', 'workspace_update', 'Workspace updated', 'Administration'],
	['com.workiva.administration.workspace_membership.create', 'workspace_membership_create', 'Workspace membership created', 'Administration'],
	['com.workiva.administration.workspace_membership.delete', 'workspace_membership_delete', 'Workspace membership deleted', 'Administration'],
	['com.workiva.content.file.export', 'file_export', 'File exported', 'Content'],
	['com.workiva.iam.oauth_client.create', 'oauth_client_create', 'OAuth client created', 'Security'],
	['com.workiva.iam.user.login', 'user_login', 'User logged in', 'Security'],
	['com.workiva.iam.user.login_sso', 'user_login_sso', 'User logged in with SSO', 'Security'],
	['com.workiva.iam.user.logout', 'user_logout', 'User logged out', 'Security'],
	['com.workiva.iam.user.password_reset', 'password_reset', 'Password reset', 'Security'],
].map(([id, alias, name, category]) => ({ id, alias, name, category, deprecated: id === 'com.workiva.iam.user.login_sso' }));

export function buildWorld(seed: number): WorkivaWorld {
	const random = createRandom(seed ^ 0x3a11ce);
	const organization: WorkivaOrganizationRef = { id: seededUuid(random), name: 'Harborview Holdings' };
	const workspaces = WORKSPACE_NAMES.map((name) => ({ id: workspaceId(random), name }));
	const performers: WorkivaPerformer[] = ADMINS.map(([displayName, uniqueName]) => ({
		id: userId(random),
		type: WORKIVA_PRINCIPAL_TYPES.user,
		displayName,
		uniqueName,
		ipAddress: `198.51.100.${random.int(2, 250)}`,
	}));
	// A service principal (INFERRED type): no uniqueName, no IP address.
	performers.push({
		id: base64(`OAuthClient\x1f${random.string(12, DIGITS)}`),
		type: WORKIVA_PRINCIPAL_TYPES.service,
		displayName: 'Chains Integration',
	});
	const members: WorkivaMember[] = [
		...performers
			.filter((performer) => performer.type === WORKIVA_PRINCIPAL_TYPES.user)
			.map((performer) => ({
				id: performer.id,
				displayName: performer.displayName ?? '',
				uniqueName: (performer.uniqueName ?? '').replace(/@.*/, ''),
			})),
		...MEMBERS.map(([displayName, uniqueName]) => ({ id: userId(random), displayName, uniqueName })),
	];
	return { organization, workspaces, performers, members, actions: ACTIONS.map((action) => ({ ...action })) };
}

// ---------------------------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------------------------

/** An activity before its id, time and tags. */
export interface ActivityDraft {
	action: WorkivaActivityAction;
	performer: WorkivaPerformer;
	targets: WorkivaTarget[];
	summary: string;
	outcome: WorkivaOutcome;
	workspace: WorkivaWorkspaceRef | null;
	attachments?: Array<Record<string, unknown>>;
}

/** A stored activity: the API object plus its place in the order. */
export interface StoredActivity {
	/** Insertion order; breaks ties of `ms` (docs/api/workiva.md#order-and-paging). */
	seq: number;
	/** Epoch ms of `activityDateTime`. */
	ms: number;
	activity: WorkivaActivity;
}

function actionByAlias(world: WorkivaWorld, alias: string): WorkivaActivityAction {
	const action = world.actions.find((candidate) => candidate.alias === alias);
	if (!action) throw new Error(`no action ${alias}`);
	return action;
}

const userTarget = (member: WorkivaMember): WorkivaTarget => ({
	id: member.id,
	type: WORKIVA_TARGET_TYPES.user,
	displayName: member.displayName,
	uniqueName: member.uniqueName,
});

const workspaceTarget = (workspace: WorkivaWorkspaceRef): WorkivaTarget => ({
	id: workspace.id,
	type: WORKIVA_TARGET_TYPES.workspace,
	displayName: workspace.name,
});

const change = (propertyName: string, next: unknown, old: unknown) => ({
	entityChanges: { propertyName, new: next, old },
});

const ROLES = ['Org User Admin', 'Org Workspace Admin', 'Org Security Admin', 'Workspace Owner', 'Editor', 'Viewer'];
const GROUPS = ['SEC Reporting Team', 'Tax', 'External Auditors', 'Board Readers'];
const FILES = ['Q3 Earnings Release.docx', 'Balance Sheet Recon.xlsx', 'ESG Metrics 2026.xlsx', 'Audit Committee Deck.pptx'];
const SETTINGS = ['sessionTimeoutMinutes', 'ssoEnforced', 'ipAllowlistEnabled', 'mfaRequired'];

type Generator = (random: Random, world: WorkivaWorld, performer: WorkivaPerformer) => Omit<ActivityDraft, 'performer'>;

const GENERATORS: Array<readonly [string, Generator, number]> = [
	[
		'workspace_membership_create',
		(random, world, performer) => {
			const workspace = random.pick(world.workspaces);
			const member = random.pick(world.members);
			return {
				action: actionByAlias(world, 'workspace_membership_create'),
				targets: [userTarget(member), workspaceTarget(workspace)],
				summary: `${performer.displayName} added the user '${member.displayName}' to the workspace '${workspace.name}'`,
				outcome: 'success',
				workspace,
			};
		},
		8,
	],
	[
		'workspace_membership_delete',
		(random, world, performer) => {
			const workspace = random.pick(world.workspaces);
			const member = random.pick(world.members);
			return {
				action: actionByAlias(world, 'workspace_membership_delete'),
				targets: [userTarget(member), workspaceTarget(workspace)],
				summary: `${performer.displayName} removed the user '${member.displayName}' from the workspace '${workspace.name}'`,
				outcome: 'success',
				workspace,
			};
		},
		3,
	],
	[
		'workspace_update',
		(random, world, performer) => {
			const workspace = random.pick(world.workspaces);
			return {
				action: actionByAlias(world, 'workspace_update'),
				targets: [{ ...workspaceTarget(workspace), uniqueName: workspace.name.toLowerCase().replace(/\W+/g, '_') }],
				summary: `${performer.displayName} updated the workspace '${workspace.name}'`,
				outcome: 'success',
				workspace,
				attachments: [change('displayName', workspace.name, `${workspace.name} (draft)`)],
			};
		},
		3,
	],
	[
		'user_login',
		(random, world, performer) => {
			const failed = random.chance(0.12);
			return {
				action: actionByAlias(world, 'user_login'),
				targets: [],
				summary: failed ? `${performer.displayName} failed to log in` : `${performer.displayName} logged in`,
				outcome: failed ? 'failure' : 'success',
				workspace: null,
			};
		},
		14,
	],
	[
		'user_logout',
		(_random, world, performer) => ({
			action: actionByAlias(world, 'user_logout'),
			targets: [],
			summary: `${performer.displayName} logged out`,
			outcome: 'success',
			workspace: null,
		}),
		5,
	],
	[
		'user_update',
		(random, world, performer) => {
			const member = random.pick(world.members);
			return {
				action: actionByAlias(world, 'user_update'),
				targets: [userTarget(member)],
				summary: `${performer.displayName} updated the user '${member.displayName}'`,
				outcome: 'success',
				workspace: null,
				attachments: [change('email', `${member.uniqueName}@harborview.example`, `${member.uniqueName}@old.harborview.example`)],
			};
		},
		3,
	],
	[
		'user_create',
		(random, world, performer) => {
			const member = random.pick(world.members);
			return {
				action: actionByAlias(world, 'user_create'),
				targets: [userTarget(member)],
				summary: `${performer.displayName} created the user '${member.displayName}'`,
				outcome: 'success',
				workspace: null,
			};
		},
		2,
	],
	[
		'user_role',
		(random, world, performer) => {
			const member = random.pick(world.members);
			const role = random.pick(ROLES);
			const grant = random.chance(0.65);
			return {
				action: actionByAlias(world, grant ? 'user_role_create' : 'user_role_delete'),
				targets: [
					userTarget(member),
					{ id: base64(`Role\x1f${role}`), type: WORKIVA_TARGET_TYPES.role, displayName: role },
				],
				summary: grant
					? `${performer.displayName} assigned the role '${role}' to '${member.displayName}'`
					: `${performer.displayName} removed the role '${role}' from '${member.displayName}'`,
				outcome: 'success',
				workspace: null,
			};
		},
		3,
	],
	[
		'group_membership',
		(random, world, performer) => {
			const member = random.pick(world.members);
			const group = random.pick(GROUPS);
			const add = random.chance(0.7);
			return {
				action: actionByAlias(world, add ? 'group_membership_create' : 'group_membership_delete'),
				targets: [
					userTarget(member),
					{ id: base64(`Group\x1f${group}`), type: WORKIVA_TARGET_TYPES.group, displayName: group },
				],
				summary: `${performer.displayName} ${add ? 'added' : 'removed'} '${member.displayName}' ${add ? 'to' : 'from'} the group '${group}'`,
				outcome: 'success',
				workspace: null,
			};
		},
		2,
	],
	[
		'organization_update',
		(random, world, performer) => {
			const setting = random.pick(SETTINGS);
			const enabled = random.chance(0.5);
			const attachment =
				setting === 'sessionTimeoutMinutes'
					? change(setting, random.pick([15, 30, 60]), random.pick([120, 240]))
					: { enabled: { new: enabled, old: !enabled }, setting };
			return {
				action: actionByAlias(world, 'organization_update'),
				targets: [
					{ id: world.organization.id, type: WORKIVA_TARGET_TYPES.organization, displayName: world.organization.name },
				],
				summary: `${performer.displayName} updated the organization setting '${setting}'`,
				outcome: 'success',
				workspace: null,
				attachments: [attachment],
			};
		},
		1,
	],
	[
		'file_export',
		(random, world, performer) => {
			const workspace = random.pick(world.workspaces);
			const file = random.pick(FILES);
			return {
				action: actionByAlias(world, 'file_export'),
				targets: [{ id: base64(`File\x1f${random.string(10, DIGITS)}`), type: WORKIVA_TARGET_TYPES.file, displayName: file }],
				summary: `${performer.displayName} exported '${file}' as ${random.pick(['PDF', 'XLSX', 'DOCX'])}`,
				outcome: random.chance(0.05) ? 'pending' : 'success',
				workspace,
			};
		},
		4,
	],
	[
		'workspace_create',
		(random, world, performer) => {
			const workspace = random.pick(world.workspaces);
			return {
				action: actionByAlias(world, 'workspace_create'),
				targets: [workspaceTarget(workspace)],
				summary: `${performer.displayName} created the workspace '${workspace.name}'`,
				outcome: 'success',
				workspace,
			};
		},
		1,
	],
	[
		'oauth_client_create',
		(random, world, performer) => ({
			action: actionByAlias(world, 'oauth_client_create'),
			targets: [
				{ id: base64(`OAuthClient\x1f${random.string(12, DIGITS)}`), type: WORKIVA_TARGET_TYPES.oauthClient, displayName: 'SIEM export' },
			],
			summary: `${performer.displayName} created an OAuth client`,
			outcome: random.chance(0.1) ? 'unknown' : 'success',
			workspace: null,
		}),
		1,
	],
	[
		'password_reset',
		(random, world, performer) => {
			const member = random.pick(world.members);
			return {
				action: actionByAlias(world, 'password_reset'),
				targets: [userTarget(member)],
				summary: `${performer.displayName} reset the password of '${member.displayName}'`,
				outcome: 'success',
				workspace: null,
			};
		},
		1,
	],
	[
		'retention_policy_update',
		(random, world, performer) => {
			const days = random.pick([365, 730, 1095]);
			return {
				action: actionByAlias(world, 'retention_policy_update'),
				targets: [
					{ id: base64(`RetentionPolicy\x1f${world.organization.id}`), type: WORKIVA_TARGET_TYPES.retentionPolicy, displayName: 'Activity retention' },
				],
				summary: `${performer.displayName} changed the activity retention to ${days} days`,
				outcome: 'success',
				workspace: null,
				attachments: [change('retentionDays', days, 365 * 7)],
			};
		},
		1,
	],
];

/** A plausible new activity; `alias` picks the action (any catalogue alias). */
export function draftActivity(
	random: Random,
	world: WorkivaWorld,
	options: { alias?: string; performer?: WorkivaPerformer; workspace?: WorkivaWorkspaceRef } = {},
): ActivityDraft {
	const performer = options.performer ?? random.weighted(world.performers.map((p, i) => [p, i === 0 ? 4 : 2] as const));
	const alias = options.alias;
	// An alias without a generator of its own shares its family's (`user_role_create` → `user_role`).
	const byAlias = alias
		? GENERATORS.find(([kind]) => kind === alias) ?? GENERATORS.find(([kind]) => alias.startsWith(`${kind}_`))
		: undefined;
	if (alias && !byAlias) throw new Error(`no generator for the action alias ${alias}`);
	const generate = byAlias ? byAlias[1] : random.weighted(GENERATORS.map(([, g, weight]) => [g, weight] as const));
	let draft = generate(random, world, performer);
	if (alias && draft.action.alias !== alias) draft = { ...draft, action: actionByAlias(world, alias) };
	if (options.workspace) {
		draft = { ...draft, workspace: options.workspace };
		if (!draft.targets.some((target) => target.type === WORKIVA_TARGET_TYPES.workspace))
			draft = { ...draft, targets: [...draft.targets, workspaceTarget(options.workspace)] };
	}
	return { ...draft, performer };
}

/** `YYYY-MM-DDTHH:MM:SSZ` (whole seconds, as Workiva shows it). */
export function toActivityDateTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function correlationTag(random: Random): string {
	return `correlationId:${random.string(28, HEX)}`;
}

export function eventIdTag(random: Random): string {
	return `eventId:${random.string(22, URL_ALPHABET)}`;
}

/** The API object, fields in the documented examples' order. */
export function finishActivity(
	world: WorkivaWorld,
	draft: ActivityDraft,
	id: string,
	ms: number,
	tags: string[],
): WorkivaActivity {
	return {
		action: { ...draft.action },
		activityDateTime: toActivityDateTime(ms),
		...(draft.attachments && { attachments: draft.attachments }),
		id,
		organization: { ...world.organization },
		outcome: draft.outcome,
		performer: { ...draft.performer },
		summary: draft.summary,
		tags,
		targets: draft.targets,
		workspace: draft.workspace && { ...draft.workspace },
	};
}

/** Oldest first: `(ms, seq)`. */
export function compareOldestFirst(a: StoredActivity, b: StoredActivity): number {
	return a.ms - b.ms || a.seq - b.seq;
}

/**
 * `count` activities over the 30 days before `anchorMs` (all strictly older), oldest first, `seq`
 * 1…count, a share `eventIdShare` of them with an `eventId:` tag. Bursts share one second and one
 * correlation id: one straddles each of the 50th, 100th, 250th and 500th row from the newest end
 * (the first pages of a newest-first walk), and a few sit elsewhere.
 */
export function buildHistory(
	world: WorkivaWorld,
	options: Pick<Required<DataOptions>, 'seed'> & { anchorMs: number; count: number; eventIdShare: number },
): StoredActivity[] {
	const random = createRandom(options.seed);
	const windowMs = 30 * DAY_MS - 1000;
	const times = Array.from({ length: options.count }, () => Math.floor((options.anchorMs - 1000 - random.next() * windowMs) / 1000) * 1000).sort(
		(a, b) => a - b,
	);

	// Burst groups, by index in the oldest-first array: [first, size]. The boundary ones come last,
	// so that no random group splits them.
	const bursts: Array<[number, number]> = [];
	for (let i = 0; i < 6 && options.count > 20; i++) bursts.push([random.int(1, options.count - 8), random.int(2, 5)]);
	for (const fromNewest of [50, 100, 250, 500]) {
		const size = random.int(3, 6);
		const first = options.count - fromNewest - random.int(1, size - 1);
		if (first > 0) bursts.push([first, size]);
	}
	const correlation = new Map<number, string>();
	for (const [first, size] of bursts) {
		const last = Math.min(first + size, times.length) - 1;
		const tag = correlationTag(random);
		for (let i = first; i <= last; i++) {
			// The newest time of the group keeps the array sorted.
			times[i] = times[last];
			correlation.set(i, tag);
		}
	}

	// The deprecated action only occurs in the oldest third.
	const deprecated = world.actions.find((action) => action.deprecated);
	return times.map((ms, i) => {
		let draft = draftActivity(random, world);
		if (deprecated && draft.action.alias === 'user_login' && i < options.count / 3 && random.chance(0.4))
			draft = { ...draft, action: deprecated };
		const tags = [correlation.get(i) ?? correlationTag(random)];
		if (random.chance(options.eventIdShare)) tags.push(eventIdTag(random));
		const activity = finishActivity(world, draft, newActivityId(random, world.organization.id), ms, tags);
		return { seq: i + 1, ms, activity };
	});
}
