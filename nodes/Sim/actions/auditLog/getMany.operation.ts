import type { IExecuteFunctions, IDataObject, INodeProperties } from 'n8n-workflow';

import { commonOptions, readLimit, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { listAuditLogs, MAX_PAGE_SIZE } from '../../api';
import { simAuditLog } from '../../normalize';
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
): Promise<OperationResult> {
	const filters = readFilters(this.getNode(), this.getNodeParameter('filters', itemIndex, {}) as IDataObject, itemIndex);
	const { items } = await listAuditLogs(client, filters, readLimit(this, itemIndex));
	return { events: items, log: simAuditLog };
}
