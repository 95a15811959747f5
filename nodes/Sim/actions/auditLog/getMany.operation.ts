import type { IExecuteFunctions, IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { commonOptions, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OutputFormat } from '../../../shared/normalize';
import { formatEvent } from '../../../shared/normalize';
import type { ApiClient } from '../../../shared/transport';
import { listAuditLogs, MAX_PAGE_SIZE, normalizeSimEntry } from '../../api';
import { listFilters, readFilters } from '../../filters';

const properties: INodeProperties[] = [
	...returnAllOrLimit(MAX_PAGE_SIZE),
	listFilters,
	commonOptions,
];

export const description = withDisplayOptions({ resource: ['auditLog'], operation: ['getMany'] }, properties);

export async function execute(
	this: IExecuteFunctions,
	client: ApiClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = readFilters(this.getNode(), this.getNodeParameter('filters', itemIndex, {}) as IDataObject, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const format = this.getNodeParameter('options.outputFormat', itemIndex, 'raw') as OutputFormat;

	const { items } = await listAuditLogs(client, filters, limit);
	return items.map((entry) => ({
		json: formatEvent(entry, format, normalizeSimEntry),
		pairedItem: { item: itemIndex },
	}));
}
