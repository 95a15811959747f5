import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as auditLog from './actions/auditLog/AuditLog.resource';
import * as filterCatalogue from './actions/filterCatalogue/FilterCatalogue.resource';
import * as organizationAuditLog from './actions/organizationAuditLog/OrganizationAuditLog.resource';
import { router } from './actions/router';
import * as teamAuditLog from './actions/teamAuditLog/TeamAuditLog.resource';
import { listSearch, loadOptions } from './methods';

export class MakeAuditLog implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Make Audit Log',
		name: 'makeAuditLog',
		icon: { light: 'file:../../icons/make.svg', dark: 'file:../../icons/make.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{{"organizationAuditLog": "Organization audit log", "teamAuditLog": "Team audit log", "auditLog": "Audit log entry", "filterCatalogue": "Filter catalogue"}[$parameter["resource"]]}}',
		description: "Read Make's organization and team audit logs: who changed keys, connections, webhooks, scenarios and members",
		defaults: { name: 'Make Audit Log' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'makeAuditLogApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Audit Log Entry', value: 'auditLog' },
					{ name: 'Filter Catalogue', value: 'filterCatalogue' },
					{ name: 'Organization Audit Log', value: 'organizationAuditLog' },
					{ name: 'Team Audit Log', value: 'teamAuditLog' },
				],
				default: 'organizationAuditLog',
			},
			...organizationAuditLog.description,
			...teamAuditLog.description,
			...auditLog.description,
			...filterCatalogue.description,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
