import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { commonOptions, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OutputFormat } from '../../../shared/normalize';
import { formatEvent } from '../../../shared/normalize';
import type { ApiClient } from '../../../shared/transport';
import { listWorkspaceAuditLogs, MAX_PAGE_SIZE, normalizeWorkspaceItem } from '../../api';
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

export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = readWorkspaceQuery(
		this.getNode(),
		{
			workspace: this.getNodeParameter('workspace', itemIndex),
			eventType: filters.eventType,
			from: filters.from,
			to: filters.to,
			sortOrder: this.getNodeParameter('sortOrder', itemIndex, 'desc'),
		},
		itemIndex,
	);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const format = this.getNodeParameter('options.outputFormat', itemIndex, 'raw') as OutputFormat;

	const { items } = await listWorkspaceAuditLogs(client, query, limit);
	return items.map((item) => ({ json: formatEvent(item, format, normalizeWorkspaceItem), pairedItem: { item: itemIndex } }));
}
