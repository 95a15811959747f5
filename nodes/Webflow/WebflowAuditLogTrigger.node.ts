import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { commonOptions, triggerSettings } from '../shared/descriptions';
import { pollAuditEvents } from '../shared/trigger';
import { webflowApi } from './api';
import { siteTriggerSource, workspaceTriggerSource } from './events';
import { eventTypeField, siteIdField, workspaceField } from './fields';
import { listSearch } from './methods';

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

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return this.getNodeParameter('scope', 'workspace') === 'site'
			? await pollAuditEvents(this, webflowApi, siteTriggerSource)
			: await pollAuditEvents(this, webflowApi, workspaceTriggerSource);
	}
}
