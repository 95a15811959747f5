import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { commonOptions, triggerSettings } from '../shared/descriptions';
import { pollAuditEvents } from '../shared/trigger';
import { requireText } from '../shared/validate';
import { normalizeSiteItem, normalizeWorkspaceItem, webflowApi } from './api';
import { siteEvents, workspaceEvents } from './events';
import { eventTypeField, readWorkspaceQuery, siteIdField, workspaceField } from './fields';

const forScope = (scope: string) => ({ displayOptions: { show: { scope: [scope] } } });

export class WebflowAuditLogTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Webflow Audit Log Trigger',
		name: 'webflowAuditLogTrigger',
		icon: { light: 'file:../../icons/webflow.svg', dark: 'file:../../icons/webflow.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["scope"] === "site" ? "Site activity" : "Workspace audit log"}}',
		description: 'Starts a workflow once for each new Webflow workspace audit-log or site activity event, oldest first',
		defaults: { name: 'Webflow Audit Log Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'webflowAuditLogApi', required: true }],
		properties: [
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'options',
				default: 'workspace',
				options: [
					{ name: 'Workspace Audit Log', value: 'workspace', description: 'Needs a workspace token with workspace_activity:read' },
					{ name: 'Site Activity Log', value: 'site', description: 'Needs a site token with site_activity:read' },
				],
			},
			{ ...workspaceField, ...forScope('workspace') },
			{ ...eventTypeField, ...forScope('workspace') },
			{ ...siteIdField, ...forScope('site') },
			...triggerSettings,
			commonOptions,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		if (this.getNodeParameter('scope', 'workspace') === 'site') {
			const siteId = requireText(node, 'Site ID', this.getNodeParameter('siteId', ''));
			return await pollAuditEvents(this, webflowApi, siteEvents(siteId), { scope: 'site', siteId }, normalizeSiteItem(siteId));
		}
		const { workspace, eventType } = readWorkspaceQuery(node, {
			workspace: this.getNodeParameter('workspace', ''),
			eventType: this.getNodeParameter('eventType', ''),
		});
		return await pollAuditEvents(
			this,
			webflowApi,
			workspaceEvents({ workspace, eventType }),
			{ scope: 'workspace', workspace, eventType: eventType ?? null },
			normalizeWorkspaceItem,
		);
	}
}
