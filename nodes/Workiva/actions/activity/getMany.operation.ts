import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { checkOptions, readResultLimit } from '../../../shared/validate';
import { listActivities, MAX_PAGE_SIZE } from '../../api';
import { activityListOptions, listFilters, orderField, organizationIdField, readQuery, readScope, scopeField, workspaceIdField } from '../../fields';
import { workivaActivityLog } from '../../normalize';

const properties: INodeProperties[] = [
	scopeField,
	organizationIdField,
	workspaceIdField,
	...returnAllOrLimit(MAX_PAGE_SIZE),
	listFilters,
	orderField,
	activityListOptions,
];

export const description = withDisplayOptions({ resource: ['activity'], operation: ['getMany'] }, properties);

export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
	const node = this.getNode();
	const scope = readScope(
		node,
		{
			scope: this.getNodeParameter('scope', itemIndex),
			organizationId: this.getNodeParameter('organizationId', itemIndex),
			workspaceId: this.getNodeParameter('workspaceId', itemIndex, ''),
		},
		itemIndex,
	);
	const query = readQuery(
		node,
		{
			scope,
			filters: this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
			options: checkOptions(node, activityListOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex),
			order: this.getNodeParameter('order', itemIndex, 'desc'),
		},
		itemIndex,
	);
	const { items } = await listActivities(client, query, { limit: readResultLimit(this, itemIndex) });
	return { events: items, log: workivaActivityLog };
}
