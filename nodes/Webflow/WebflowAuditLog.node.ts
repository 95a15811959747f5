import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as siteActivityLog from './actions/siteActivityLog/SiteActivityLog.resource';
import * as workspaceAuditLog from './actions/workspaceAuditLog/WorkspaceAuditLog.resource';
import { listSearch } from './methods';

export class WebflowAuditLog implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Webflow Audit Log',
		name: 'webflowAuditLog',
		icon: { light: 'file:../../icons/webflow.svg', dark: 'file:../../icons/webflow.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["resource"] === "siteActivityLog" ? "List site activity" : "List workspace audit log"}}',
		description: 'Read Webflow Enterprise workspace audit logs and site activity logs',
		defaults: { name: 'Webflow Audit Log' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'webflowAuditLogApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Workspace Audit Log', value: 'workspaceAuditLog' },
					{ name: 'Site Activity Log', value: 'siteActivityLog' },
				],
				default: 'workspaceAuditLog',
			},
			...workspaceAuditLog.description,
			...siteActivityLog.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
