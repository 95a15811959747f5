import type { IExecuteFunctions, IDataObject, INodeProperties } from 'n8n-workflow';

import { commonOptions, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { readListLimit, readToolQuery, toolProperties, withToolQuery } from '../../../shared/tool';
import { checkOptions } from '../../../shared/validate';
import { listAuditLogs, MAX_PAGE_SIZE } from '../../api';
import { simAuditLog } from '../../normalize';
import { listFilters, readFilters } from '../../filters';

const properties: INodeProperties[] = [
	...returnAllOrLimit(MAX_PAGE_SIZE),
	listFilters,
	commonOptions,
	...toolProperties({
		description:
			"Lists the Sim organization's audit log, newest first: who did what, and when, to workflows, workspaces, members, API keys, knowledge bases and other resources. Call it for questions such as \"which API keys were created this week?\" or \"who changed member roles yesterday?\".",
		dates: true,
		action:
			"Only events of this Sim action, exactly as Sim names it (resource.verb), e.g. api_key.created, api_key.revoked, member.invited, member.removed, member.role_changed, workflow.deployed, workspace.created.",
	}),
];

export const description = withDisplayOptions({ resource: ['auditLog'], operation: ['getMany'] }, properties);

export async function execute(
	this: IExecuteFunctions,
	client: ApiClient,
	itemIndex: number,
): Promise<OperationResult> {
	const node = this.getNode();
	const limit = readListLimit(this, itemIndex);
	const filters = readFilters(
		node,
		withToolQuery(this.getNodeParameter('filters', itemIndex, {}) as IDataObject, readToolQuery(this, itemIndex), {
			since: 'startDate',
			until: 'endDate',
			action: 'action',
		}),
		itemIndex,
	);
	checkOptions(node, commonOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex);
	const { items } = await listAuditLogs(client, filters, limit);
	return { events: items, log: simAuditLog };
}
