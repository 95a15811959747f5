import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commonOptions, readLimit, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { listAuditLogs, MAX_PAGE_SIZE } from '../../api';
import { organizationField, organizationListFilters, readQuery, readScope, sortFields } from '../../fields';
import { normalizeMakeEntry } from '../../normalize';

const properties: INodeProperties[] = [
	organizationField,
	...returnAllOrLimit(MAX_PAGE_SIZE),
	organizationListFilters,
	...sortFields,
	commonOptions,
];

export const description = withDisplayOptions({ resource: ['organizationAuditLog'], operation: ['getMany'] }, properties);

export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
	const node = this.getNode();
	const scope = readScope(node, 'organization', this.getNodeParameter('organization', itemIndex, '', { extractValue: true }), itemIndex);
	const query = readQuery(
		node,
		scope,
		{
			filters: this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
			sortBy: this.getNodeParameter('sortBy', itemIndex, 'triggeredAt'),
			sortDir: this.getNodeParameter('sortDir', itemIndex, 'desc'),
		},
		itemIndex,
	);
	const { items } = await listAuditLogs(client, query, { limit: readLimit(this, itemIndex) });
	return { events: items, normalize: normalizeMakeEntry };
}
