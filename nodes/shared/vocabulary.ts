import type { Sentence } from './summary';

export type AuditCategory =
	| 'authentication'
	| 'membership'
	| 'role'
	| 'invitation'
	| 'settings'
	| 'resource'
	| 'api_key'
	| 'other';

/** OCSF 1.8.0 classes the actions map to (README "OCSF output"). */
export const OCSF_CLASS = {
	baseEvent: 0,
	accountChange: 3001,
	authentication: 3002,
	entityManagement: 3004,
	userAccessManagement: 3005,
	groupManagement: 3006,
} as const;

export type OcsfClassUid = (typeof OCSF_CLASS)[keyof typeof OCSF_CLASS];

/** An OCSF class and activity; `activityName` names an activity 99 (Other). */
export interface OcsfMapping {
	classUid: OcsfClassUid;
	activityId: number;
	activityName?: string;
}

export interface AuditActionDefinition {
	category: AuditCategory;
	ocsf: OcsfMapping;
	/** The summary's words after the actor, e.g. `changed bob's role in workspace X from A to B`. */
	say: Sentence;
}

const { accountChange, authentication, entityManagement, userAccessManagement, groupManagement } = OCSF_CLASS;

/**
 * The provider-neutral actions with a meaning of their own: what every provider's event types
 * map to (each provider's table is in its normalize.ts). Any other action a provider maps to
 * is a resource action, `<type>.<verb>` (e.g. `workflow.deployed`), handled generically.
 */
export const AUDIT_ACTIONS: Record<string, AuditActionDefinition> = {
	'user.login': {
		category: 'authentication',
		ocsf: { classUid: authentication, activityId: 1 },
		say: (w) => (w.failed ? 'failed to log in' : 'logged in') + w.from(),
	},
	'user.logout': { category: 'authentication', ocsf: { classUid: authentication, activityId: 2 }, say: (w) => `logged out${w.from()}` },
	'user.password_reset': {
		category: 'authentication',
		ocsf: { classUid: accountChange, activityId: 4 },
		say: (w) => `reset the password of ${w.user()}`,
	},
	'user.created': { category: 'membership', ocsf: { classUid: accountChange, activityId: 1 }, say: (w) => `created the user ${w.user()}` },
	'user.updated': {
		category: 'membership',
		ocsf: { classUid: accountChange, activityId: 99, activityName: 'Update' },
		say: (w) => `updated the user ${w.user()}${w.changeTail()}`,
	},
	'user.deleted': { category: 'membership', ocsf: { classUid: accountChange, activityId: 6 }, say: (w) => `deleted the user ${w.user()}` },
	'member.added': {
		category: 'membership',
		ocsf: { classUid: groupManagement, activityId: 3 },
		say: (w) => `added ${w.user()} to ${w.scope()}${w.asRole()}`,
	},
	'member.removed': {
		category: 'membership',
		ocsf: { classUid: groupManagement, activityId: 4 },
		say: (w) => `removed ${w.user()} from ${w.scope()}`,
	},
	'member.role_changed': {
		category: 'role',
		ocsf: { classUid: userAccessManagement, activityId: 1 },
		say: (w) => `changed ${w.possessive(w.user())} role in ${w.scope()}${w.fromTo()}`,
	},
	'member.access_changed': {
		category: 'role',
		ocsf: { classUid: userAccessManagement, activityId: 99, activityName: 'Change Access' },
		say: (w) => `changed ${w.possessive(w.user())} access in ${w.scope()}${w.changeTail()}`,
	},
	'role.assigned': {
		category: 'role',
		ocsf: { classUid: userAccessManagement, activityId: 1 },
		say: (w) => `assigned the role ${w.value(w.change?.to)} to ${w.user()}${w.inScope()}`,
	},
	'role.revoked': {
		category: 'role',
		ocsf: { classUid: userAccessManagement, activityId: 2 },
		say: (w) => `removed the role ${w.value(w.change?.from)} from ${w.user()}${w.inScope()}`,
	},
	'role.created': { category: 'role', ocsf: { classUid: entityManagement, activityId: 1 }, say: (w) => `created the role ${w.target()}${w.inScope()}` },
	'role.updated': {
		category: 'role',
		ocsf: { classUid: entityManagement, activityId: 3 },
		say: (w) => `updated the role ${w.target()}${w.inScope()}${w.changeTail()}`,
	},
	'role.deleted': { category: 'role', ocsf: { classUid: entityManagement, activityId: 4 }, say: (w) => `deleted the role ${w.target()}${w.inScope()}` },
	'group.created': { category: 'membership', ocsf: { classUid: groupManagement, activityId: 6 }, say: (w) => `created the ${w.group()}${w.inScope()}` },
	'group.updated': {
		category: 'membership',
		ocsf: { classUid: groupManagement, activityId: 99, activityName: 'Update' },
		say: (w) => `updated the ${w.group()}${w.inScope()}${w.changeTail()}`,
	},
	'group.deleted': { category: 'membership', ocsf: { classUid: groupManagement, activityId: 5 }, say: (w) => `deleted the ${w.group()}${w.inScope()}` },
	'group_member.added': {
		category: 'membership',
		ocsf: { classUid: groupManagement, activityId: 3 },
		say: (w) => `added ${w.user()} to the ${w.group()}`,
	},
	'group_member.removed': {
		category: 'membership',
		ocsf: { classUid: groupManagement, activityId: 4 },
		say: (w) => `removed ${w.user()} from the ${w.group()}`,
	},
	'invitation.sent': {
		category: 'invitation',
		ocsf: { classUid: groupManagement, activityId: 99, activityName: 'Invite' },
		say: (w) => `invited ${w.users()} to ${w.scope()}${w.asRole()}`,
	},
	'invitation.updated': {
		category: 'invitation',
		ocsf: { classUid: groupManagement, activityId: 99, activityName: 'Update Invitation' },
		say: (w) => `updated the invitation of ${w.users()} to ${w.scope()}${w.changeTail()}`,
	},
	'invitation.revoked': {
		category: 'invitation',
		ocsf: { classUid: groupManagement, activityId: 99, activityName: 'Revoke Invitation' },
		say: (w) => `revoked the invitation of ${w.users()} to ${w.scope()}`,
	},
	'invitation.declined': {
		category: 'invitation',
		ocsf: { classUid: groupManagement, activityId: 99, activityName: 'Decline Invitation' },
		say: (w) => `declined the invitation to ${w.scope()}`,
	},
	'invitation.accepted': {
		category: 'invitation',
		ocsf: { classUid: groupManagement, activityId: 3 },
		say: (w) => `accepted the invitation to ${w.scope()}`,
	},
	'access_request.accepted': {
		category: 'invitation',
		ocsf: { classUid: groupManagement, activityId: 3 },
		say: (w) => `accepted the access request of ${w.users()} to ${w.scope()}${w.asRole()}`,
	},
	'setting.updated': {
		category: 'settings',
		ocsf: { classUid: entityManagement, activityId: 3 },
		say: (w) =>
			w.change ? `changed ${w.field()}${w.inScope()}${w.fromTo()}` : `updated the settings of ${w.scope()}`,
	},
	'api_key.created': { category: 'api_key', ocsf: { classUid: entityManagement, activityId: 1 }, say: (w) => `created the ${w.typedTarget('API key')}${w.inScope()}` },
	'api_key.updated': {
		category: 'api_key',
		ocsf: { classUid: entityManagement, activityId: 3 },
		say: (w) => `updated the ${w.typedTarget('API key')}${w.inScope()}${w.changeTail()}`,
	},
	'api_key.revoked': { category: 'api_key', ocsf: { classUid: entityManagement, activityId: 9 }, say: (w) => `revoked the ${w.typedTarget('API key')}${w.inScope()}` },
	'api_key.deleted': { category: 'api_key', ocsf: { classUid: entityManagement, activityId: 4 }, say: (w) => `deleted the ${w.typedTarget('API key')}${w.inScope()}` },
};

/** Entity Management activities for the verb of a resource action (`workflow.deleted` → Delete). */
const RESOURCE_VERB_ACTIVITY: Record<string, number> = {
	created: 1,
	added: 1,
	uploaded: 1,
	duplicated: 1,
	installed: 1,
	read: 2,
	exported: 2,
	updated: 3,
	renamed: 3,
	modified: 3,
	reordered: 3,
	deleted: 4,
	removed: 4,
	uninstalled: 4,
	moved: 5,
	enabled: 8,
	disabled: 9,
	activated: 10,
	deactivated: 11,
	suspended: 12,
	resumed: 13,
};

/** The OCSF class and activity of any action: the vocabulary's, a resource verb's, or Base Event: Other. */
export function ocsfMappingOf(action: string, category: AuditCategory): OcsfMapping {
	const known = AUDIT_ACTIONS[action];
	if (known) return known.ocsf;
	if (category === 'other') return { classUid: OCSF_CLASS.baseEvent, activityId: 99, activityName: action };
	const verb = verbOf(action);
	const activityId = RESOURCE_VERB_ACTIVITY[verb];
	return activityId ? { classUid: entityManagement, activityId } : { classUid: entityManagement, activityId: 99, activityName: words(verb, true) };
}

/** `workflow.deployment_reverted` → `deployment_reverted`. */
export function verbOf(action: string): string {
	const dot = action.lastIndexOf('.');
	return dot === -1 ? action : action.slice(dot + 1);
}

/** `workflow.deployment_reverted` → `workflow`. */
export function objectOf(action: string): string {
	const dot = action.lastIndexOf('.');
	return dot === -1 ? '' : action.slice(0, dot);
}

const ACRONYMS: Record<string, string> = { api: 'API', cms: 'CMS', mcp: 'MCP', byok: 'BYOK', oauth: 'OAuth', sso: 'SSO', dom: 'DOM', ix2: 'IX2', ai: 'AI', id: 'ID' };

/** `api_key` → `API key`; `deployment_reverted` with `capitalize` → `Deployment Reverted`. */
export function words(identifier: string, capitalize = false): string {
	return identifier
		.split(/[_\s]+/)
		.filter(Boolean)
		.map((word) => ACRONYMS[word.toLowerCase()] ?? (capitalize ? word[0].toUpperCase() + word.slice(1) : word))
		.join(' ');
}
