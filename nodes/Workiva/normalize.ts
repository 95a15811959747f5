import type { AuditLog, AuditOutcome, AuditRecord, AuditRecordTarget } from '../shared/normalize';
import { isObject } from '../shared/transport';
import type { WorkivaActivity } from './api';
import type { WorkivaTarget } from './types';
import { activityIdentity } from './api';

/**
 * Action aliases (docs/api/workiva.md#activities: the documented ones and those the sandbox
 * infers) → the neutral actions. Workiva says to match actions on `alias`, not on `id`.
 */
const WORKIVA_EVENT_TYPES: Record<string, string> = {
	user_login: 'user.login',
	user_login_sso: 'user.login',
	user_logout: 'user.logout',
	password_reset: 'user.password_reset',
	user_create: 'user.created',
	user_update: 'user.updated',
	user_role_create: 'role.assigned',
	user_role_delete: 'role.revoked',
	workspace_membership_create: 'member.added',
	workspace_membership_delete: 'member.removed',
	group_membership_create: 'group_member.added',
	group_membership_delete: 'group_member.removed',
	organization_update: 'setting.updated',
	retention_policy_update: 'setting.updated',
	workspace_create: 'workspace.created',
	workspace_update: 'workspace.updated',
	file_export: 'file.exported',
	oauth_client_create: 'api_key.created',
};

const SOURCE = { provider: 'workiva', vendor: 'Workiva', product: 'Workiva', log: 'Activities', eventTypes: WORKIVA_EVENT_TYPES };

const OUTCOMES: Record<string, AuditOutcome> = { success: 'success', failure: 'failure' };

export const workivaActivityLog: AuditLog<WorkivaActivity> = {
	source: SOURCE,
	record(activity): AuditRecord {
		const performer = isObject(activity.performer) ? activity.performer : undefined;
		const targets = (Array.isArray(activity.targets) ? activity.targets : []).filter((entry) => isObject(entry)).map(target);
		const role = targets.find((candidate) => candidate.type === 'role')?.name;
		const eventType = eventTypeOf(activity);
		return {
			id: activityIdentity(activity),
			time: activity.activityDateTime,
			eventType,
			// `pending` and `unknown` are not known to have succeeded.
			outcome: OUTCOMES[String(activity.outcome)] ?? 'unknown',
			actor: performer
				? {
						id: performer.id,
						name: performer.displayName,
						email: emailOf(performer.uniqueName),
						type: principalType(String(performer.type ?? '')),
						ip: performer.ipAddress,
					}
				: { type: 'unknown' },
			targets,
			scope: { organization: activity.organization, workspace: activity.workspace },
			change:
				eventType === 'user_role_create'
					? { field: 'role', to: role }
					: eventType === 'user_role_delete'
						? { field: 'role', from: role }
						: attachmentChange(activity.attachments),
		};
	},
};

/**
 * The alias; without one, the alias spelled from the id as every documented pair does
 * (`com.workiva.administration.workspace_membership.create` → `workspace_membership_create`;
 * inferred, docs/api/workiva.md#activities).
 */
function eventTypeOf(activity: WorkivaActivity): string {
	const action = isObject(activity.action) ? activity.action : undefined;
	if (typeof action?.alias === 'string' && action.alias) return action.alias;
	const id = typeof action?.id === 'string' ? action.id : '';
	const guess = id.split('.').slice(-2).join('_');
	return Object.prototype.hasOwnProperty.call(WORKIVA_EVENT_TYPES, guess) ? guess : id;
}

/** `com.workiva.administration.user` → `user`; `com.workiva.iam.oauth_client` → `oauth_client`. */
function target(entry: WorkivaTarget): AuditRecordTarget {
	return {
		type: String(entry.type ?? '').split('.').pop() || null,
		id: entry.id,
		name: entry.displayName ?? entry.uniqueName,
		email: emailOf(entry.uniqueName),
	};
}

/** `uniqueName` is "e.g. an email address": only an address counts as one. */
function emailOf(uniqueName: unknown): string | undefined {
	return typeof uniqueName === 'string' && uniqueName.includes('@') ? uniqueName : undefined;
}

function principalType(type: string): 'user' | 'service' | 'unknown' {
	if (type.endsWith('.user')) return 'user';
	return /service|client|application/.test(type) ? 'service' : 'unknown';
}

/**
 * The first change an attachment describes: `{ entityChanges: { propertyName, new, old } }` or
 * `{ <property>: { new, old }, setting? }` (docs/api/workiva.md#activities, free-form).
 */
function attachmentChange(attachments: unknown): AuditRecord['change'] {
	for (const attachment of Array.isArray(attachments) ? attachments : []) {
		if (!isObject(attachment)) continue;
		const entity = attachment.entityChanges;
		if (isObject(entity) && entity.propertyName !== undefined) {
			return { field: String(entity.propertyName), from: entity.old, to: entity.new };
		}
		for (const [key, value] of Object.entries(attachment)) {
			if (isObject(value) && ('new' in value || 'old' in value)) {
				const setting = typeof attachment.setting === 'string' ? attachment.setting : undefined;
				return { field: setting ?? key, from: value.old, to: value.new };
			}
		}
	}
	return null;
}
