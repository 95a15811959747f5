import type { IDataObject } from 'n8n-workflow';

import type { AuditLog, AuditRecord } from '../shared/normalize';
import { isObject } from '../shared/transport';
import type { MakeAuditLogDetail, MakeAuditLogEntry } from './api';
import { timeOf } from './api';

/**
 * Make's event names (docs/api/make.md#filters-catalogue: the documented ones and those the
 * sandbox infers) → the neutral actions. Make adds names over time; any other is `other`.
 */
const MAKE_EVENT_TYPES: Record<string, string> = {
	login: 'user.login',
	key_created: 'api_key.created',
	key_deleted: 'api_key.deleted',
	connection_created: 'connection.created',
	connection_updated: 'connection.updated',
	connection_deleted: 'connection.deleted',
	webhook_created: 'webhook.created',
	webhook_updated: 'webhook.updated',
	webhook_disabled: 'webhook.disabled',
	webhook_deleted: 'webhook.deleted',
	user_invited: 'invitation.sent',
	user_removed: 'member.removed',
	user_role_changed: 'member.role_changed',
	team_created: 'group.created',
	team_deleted: 'group.deleted',
	scenario_created: 'scenario.created',
	scenario_updated: 'scenario.updated',
	scenario_deleted: 'scenario.deleted',
};

/** The first word of an event name says what `targetId` is (`key_created` → an API key). */
const TARGET_TYPES: Record<string, string | null> = { key: 'api_key', user: 'user', team: 'team', login: null };

const SOURCE = { provider: 'make', vendor: 'Make', product: 'Make', log: 'Audit log', eventTypes: MAKE_EVENT_TYPES };

/** Entries from both lists and from Get (which adds `details`). */
export const makeAuditLog: AuditLog<MakeAuditLogEntry | MakeAuditLogDetail> = {
	source: SOURCE,
	record(entry): AuditRecord {
		// The spec marks nothing as required, and actors can be anonymized (docs/api/make.md#responses).
		const actor: IDataObject = isObject(entry.actor) ? entry.actor : {};
		const team = isObject(entry.team) ? entry.team : undefined;
		const organization: IDataObject = isObject(entry.organization) ? entry.organization : {};
		const details: IDataObject = 'details' in entry && isObject(entry.details) ? entry.details : {};
		const eventName = String(entry.eventName ?? '');
		const prefix = eventName.split('_')[0];
		const targetType = prefix in TARGET_TYPES ? TARGET_TYPES[prefix] : prefix;
		return {
			id: entry.uuid,
			time: timeOf(entry),
			eventType: eventName,
			outcome: 'success',
			actor: { id: actor.id, name: actor.name, email: actor.email, type: 'user' },
			targets:
				targetType === null
					? []
					: [
							{
								type: targetType,
								id: entry.targetId,
								// A created team is the entry's own team; a key's name is only in the detail.
								name: (targetType === 'team' && team && String(team.id) === String(entry.targetId) ? team.name : details.keyName) as string,
							},
						],
			scope: {
				organization: { id: organization.id ?? entry.organizationId, name: organization.name },
				team: team ? { id: team.id, name: team.name } : null,
			},
			change: changeOf(entry, details),
		};
	},
};

/** A role change is in the detail's `details.role`; a versioned entity's in `version` (inferred shapes). */
function changeOf(entry: MakeAuditLogEntry, details: IDataObject): AuditRecord['change'] {
	if (isObject(details.role)) return { field: 'role', from: details.role.from, to: details.role.to };
	if (isObject(entry.version)) return { field: 'version', from: entry.version.from, to: entry.version.to };
	return null;
}
