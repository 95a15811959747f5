import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commonOptions, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { checkOptions, readResultLimit } from '../../../shared/validate';
import { listWorkspaceAuditLogs, MAX_PAGE_SIZE } from '../../api';
import { workspaceAuditLog } from '../../normalize';
import { dateRangeFields, eventTypeField, readWorkspaceQuery, workspaceField } from '../../fields';

const properties: INodeProperties[] = [
	workspaceField,
	...returnAllOrLimit(MAX_PAGE_SIZE),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [eventTypeField, ...dateRangeFields],
	},
	{
		displayName: 'Sort Order',
		name: 'sortOrder',
		type: 'options',
		default: 'desc',
		options: [
			{ name: 'Newest First', value: 'desc' },
			{ name: 'Oldest First', value: 'asc' },
		],
	},
	commonOptions,
];

export const description = withDisplayOptions({ resource: ['workspaceAuditLog'], operation: ['getMany'] }, properties);

export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
	const node = this.getNode();
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = readWorkspaceQuery(
		node,
		{
			workspace: this.getNodeParameter('workspace', itemIndex),
			eventType: filters.eventType,
			from: filters.from,
			to: filters.to,
			sortOrder: this.getNodeParameter('sortOrder', itemIndex, 'desc'),
		},
		itemIndex,
	);
	const limit = readResultLimit(this, itemIndex);
	checkOptions(node, commonOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex);
	const { items } = await listWorkspaceAuditLogs(client, query, { limit });
	return { events: items, log: workspaceAuditLog };
}
