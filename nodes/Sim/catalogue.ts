import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Sim's audit actions and resource types, as the server defines them (AuditAction and
 * AuditResourceType in Sim's apps/sim/lib/audit/log.ts; docs/api/sim.md#action-catalogue).
 * The dropdowns offer them; an expression can still send any other value, because Sim adds
 * actions over time and the API accepts any string.
 */
export const SIM_ACTIONS = [
	'api_key.created',
	'api_key.revoked',
	'api_key.updated',
	'byok_key.created',
	'byok_key.deleted',
	'chat.deleted',
	'chat.deployed',
	'chat.updated',
	'credential_set.created',
	'credential_set.deleted',
	'credential_set.updated',
	'credential_set_invitation.created',
	'credential_set_invitation.revoked',
	'credential_set_member.removed',
	'document.deleted',
	'document.updated',
	'document.uploaded',
	'environment.updated',
	'file.deleted',
	'file.uploaded',
	'folder.created',
	'folder.deleted',
	'folder.duplicated',
	'form.created',
	'form.deleted',
	'form.updated',
	'invitation.accepted',
	'invitation.revoked',
	'knowledge_base.created',
	'knowledge_base.deleted',
	'knowledge_base.updated',
	'mcp_server.added',
	'mcp_server.removed',
	'mcp_server.updated',
	'member.invited',
	'member.removed',
	'member.role_changed',
	'notification.created',
	'notification.deleted',
	'notification.updated',
	'oauth.disconnected',
	'org_invitation.accepted',
	'org_invitation.created',
	'org_invitation.revoked',
	'org_invitation.updated',
	'org_member.added',
	'org_member.removed',
	'org_member.role_changed',
	'organization.created',
	'organization.updated',
	'permission_group.created',
	'permission_group.deleted',
	'permission_group.updated',
	'permission_group_member.added',
	'permission_group_member.removed',
	'personal_api_key.created',
	'personal_api_key.revoked',
	'schedule.updated',
	'webhook.created',
	'webhook.deleted',
	'workflow.created',
	'workflow.deleted',
	'workflow.deployed',
	'workflow.deployment_reverted',
	'workflow.duplicated',
	'workflow.undeployed',
	'workflow.variables_updated',
	'workspace.created',
	'workspace.deleted',
	'workspace.duplicated',
] as const;

export const SIM_RESOURCE_TYPES = [
	'api_key',
	'byok_key',
	'chat',
	'credential_set',
	'document',
	'environment',
	'file',
	'folder',
	'form',
	'knowledge_base',
	'mcp_server',
	'notification',
	'oauth',
	'organization',
	'permission_group',
	'schedule',
	'webhook',
	'workflow',
	'workspace',
] as const;

/** "api_key.role_changed" → "Api Key: Role Changed", so the list reads as words and sorts by resource. */
function words(text: string) {
	return text
		.split('_')
		.map((word) => (word === 'api' || word === 'byok' || word === 'mcp' || word === 'oauth' ? word.toUpperCase() : word[0].toUpperCase() + word.slice(1)))
		.join(' ');
}

export const actionOptions: INodePropertyOptions[] = SIM_ACTIONS.map((action) => {
	const [resource, verb] = action.split('.');
	return { name: `${words(resource)}: ${words(verb)}`, value: action, description: action };
});

export const resourceTypeOptions: INodePropertyOptions[] = SIM_RESOURCE_TYPES.map((type) => ({
	name: words(type),
	value: type,
}));
