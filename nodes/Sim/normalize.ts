import type { AuditLog, AuditRecord, AuditRecordTarget } from '../shared/normalize';
import { classify } from '../shared/normalize';
import { isObject } from '../shared/transport';
import type { AuditLogEntry } from './api';

/**
 * Sim's actions (catalogue.ts) → the neutral actions. Sim's own names are already
 * `<resource>.<verb>`, so resource actions keep them; the README shows this table.
 */
const SIM_EVENT_TYPES: Record<string, string> = {
	'api_key.created': 'api_key.created',
	'api_key.revoked': 'api_key.revoked',
	'api_key.updated': 'api_key.updated',
	'byok_key.created': 'api_key.created',
	'byok_key.deleted': 'api_key.deleted',
	'chat.deleted': 'chat.deleted',
	'chat.deployed': 'chat.deployed',
	'chat.updated': 'chat.updated',
	'credential_set.created': 'credential_set.created',
	'credential_set.deleted': 'credential_set.deleted',
	'credential_set.updated': 'credential_set.updated',
	'credential_set_invitation.created': 'invitation.sent',
	'credential_set_invitation.revoked': 'invitation.revoked',
	'credential_set_member.removed': 'group_member.removed',
	'document.deleted': 'document.deleted',
	'document.updated': 'document.updated',
	'document.uploaded': 'document.uploaded',
	'environment.updated': 'setting.updated',
	'file.deleted': 'file.deleted',
	'file.uploaded': 'file.uploaded',
	'folder.created': 'folder.created',
	'folder.deleted': 'folder.deleted',
	'folder.duplicated': 'folder.duplicated',
	'form.created': 'form.created',
	'form.deleted': 'form.deleted',
	'form.updated': 'form.updated',
	'invitation.accepted': 'invitation.accepted',
	'invitation.revoked': 'invitation.revoked',
	'knowledge_base.created': 'knowledge_base.created',
	'knowledge_base.deleted': 'knowledge_base.deleted',
	'knowledge_base.updated': 'knowledge_base.updated',
	'mcp_server.added': 'mcp_server.added',
	'mcp_server.removed': 'mcp_server.removed',
	'mcp_server.updated': 'mcp_server.updated',
	'member.invited': 'invitation.sent',
	'member.removed': 'member.removed',
	'member.role_changed': 'member.role_changed',
	'notification.created': 'notification.created',
	'notification.deleted': 'notification.deleted',
	'notification.updated': 'notification.updated',
	'oauth.disconnected': 'oauth_connection.disconnected',
	'org_invitation.accepted': 'invitation.accepted',
	'org_invitation.created': 'invitation.sent',
	'org_invitation.revoked': 'invitation.revoked',
	'org_invitation.updated': 'invitation.updated',
	'org_member.added': 'member.added',
	'org_member.removed': 'member.removed',
	'org_member.role_changed': 'member.role_changed',
	'organization.created': 'organization.created',
	'organization.updated': 'setting.updated',
	'permission_group.created': 'group.created',
	'permission_group.deleted': 'group.deleted',
	'permission_group.updated': 'group.updated',
	'permission_group_member.added': 'group_member.added',
	'permission_group_member.removed': 'group_member.removed',
	'personal_api_key.created': 'api_key.created',
	'personal_api_key.revoked': 'api_key.revoked',
	'schedule.updated': 'schedule.updated',
	'webhook.created': 'webhook.created',
	'webhook.deleted': 'webhook.deleted',
	'workflow.created': 'workflow.created',
	'workflow.deleted': 'workflow.deleted',
	'workflow.deployed': 'workflow.deployed',
	'workflow.deployment_reverted': 'workflow_deployment.reverted',
	'workflow.duplicated': 'workflow.duplicated',
	'workflow.undeployed': 'workflow.undeployed',
	'workflow.variables_updated': 'workflow_variables.updated',
	'workspace.created': 'workspace.created',
	'workspace.deleted': 'workspace.deleted',
	'workspace.duplicated': 'workspace.duplicated',
};

const SOURCE = { provider: 'sim', vendor: 'Sim', product: 'Sim', log: 'Audit log', eventTypes: SIM_EVENT_TYPES };

/** Actions whose subject is a person, named in `metadata` (the resource is the workspace or organization). */
const PERSON_ACTIONS = new Set(['member.role_changed', 'member.removed', 'member.added', 'invitation.sent', 'invitation.revoked', 'invitation.updated', 'invitation.accepted']);
const GROUP_MEMBER_ACTIONS = new Set(['group_member.added', 'group_member.removed']);

export const simAuditLog: AuditLog<AuditLogEntry> = {
	source: SOURCE,
	record(entry): AuditRecord {
		// `metadata` is free JSON and may be null (docs/api/sim.md#responses).
		const metadata = isObject(entry.metadata) ? entry.metadata : {};
		const { action } = classify(SOURCE, entry.action);
		const person: AuditRecordTarget = {
			type: 'user',
			id: metadata.targetUserId ?? metadata.removedUserId,
			email: metadata.targetEmail ?? metadata.email,
			name: metadata.targetName,
		};
		const resource: AuditRecordTarget = { type: entry.resourceType, id: entry.resourceId, name: entry.resourceName };
		const organizationId = metadata.organizationId ?? (entry.resourceType === 'organization' ? entry.resourceId : undefined);
		const workspaceIsResource = entry.resourceType === 'workspace' && entry.resourceId === entry.workspaceId;
		return {
			id: entry.id,
			time: entry.createdAt,
			eventType: entry.action,
			outcome: 'success', // Sim records only what happened
			actor: {
				id: entry.actorId,
				name: entry.actorName,
				email: entry.actorEmail,
				// System events have no actor (docs/api/sim.md#responses).
				type: entry.actorId || entry.actorEmail || entry.actorName ? 'user' : 'system',
			},
			targets: PERSON_ACTIONS.has(action)
				? [person]
				: GROUP_MEMBER_ACTIONS.has(action)
					? [person, { ...resource, type: 'group' }]
					: action.startsWith('group.')
						? [{ ...resource, type: 'group' }]
						: [resource],
			scope: {
				organization: organizationId
					? { id: organizationId as string, name: entry.resourceType === 'organization' ? entry.resourceName : null }
					: null,
				workspace: entry.workspaceId
					? { id: entry.workspaceId, name: (metadata.workspaceName as string | undefined) ?? (workspaceIsResource ? entry.resourceName : null) }
					: null,
			},
			change: changeOf(action, metadata),
		};
	},
};

/**
 * Role changes and setting updates. Sim's metadata is free JSON and its keys have changed over
 * time; these are the ones its server and the sandbox write (inferred, docs/api/sim.md#what-the-normalizer-reads).
 */
function changeOf(action: string, metadata: Record<string, unknown>): AuditRecord['change'] {
	const listed = Array.isArray(metadata.changes) ? metadata.changes.filter(isObject) : [];
	const fromList = listed.find((entry) => entry.field === 'role') ?? listed[0];
	if (fromList && typeof fromList.field === 'string') return { field: fromList.field, from: fromList.from, to: fromList.to };
	if (action.endsWith('role_changed')) {
		return {
			field: 'role',
			from: metadata.previousPermission ?? metadata.previousRole ?? metadata.oldRole,
			to: metadata.newPermission ?? metadata.newRole ?? metadata.role,
		};
	}
	const role = metadata.targetRole ?? metadata.memberRole;
	if (role !== undefined && (action.startsWith('invitation.') || action === 'member.added')) return { field: 'role', to: role };
	const names = (value: unknown) => (Array.isArray(value) && value.length ? value.map(String).join(', ') : undefined);
	const fields = names(metadata.variables) ?? names(metadata.updatedKeys) ?? names(metadata.changed);
	if (fields) return { field: fields };
	if (isObject(metadata.changes)) {
		const entries = Object.entries(metadata.changes);
		if (entries.length === 1) return { field: entries[0][0], to: entries[0][1] };
		if (entries.length > 1) return { field: entries.map(([key]) => key).join(', ') };
	}
	return null;
}
