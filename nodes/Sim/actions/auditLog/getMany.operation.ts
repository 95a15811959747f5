import type { IExecuteFunctions, IDataObject, INodeProperties } from 'n8n-workflow';

import { commonOptions, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { checkOptions, readResultLimit } from '../../../shared/validate';
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
	const node = this.getNode();
	const limit = readResultLimit(this, itemIndex);
	const filters = readFilters(node, this.getNodeParameter('filters', itemIndex, {}) as IDataObject, itemIndex);
	checkOptions(node, commonOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex);
	const { items } = await listAuditLogs(client, filters, limit);
	return { events: items, log: simAuditLog };
}
