import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as auditLog from './actions/auditLog/AuditLog.resource';

export class SimAuditLog implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sim Audit Log',
		name: 'simAuditLog',
		icon: { light: 'file:../../icons/sim.svg', dark: 'file:../../icons/sim.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "get" ? "Get an audit log entry" : "List audit log entries"}}',
		description: "Read Sim's organization audit log: who did what to which workflow, workspace, member or API key",
		defaults: { name: 'Sim Audit Log' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'simAuditLogApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Audit Log', value: 'auditLog' }],
				default: 'auditLog',
			},
			...auditLog.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
