import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLimit, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { listActivityActions, MAX_PAGE_SIZE } from '../../api';
import { catalogueOptions, readPathStyle } from '../../fields';

const properties: INodeProperties[] = [...returnAllOrLimit(MAX_PAGE_SIZE), catalogueOptions];

export const description = withDisplayOptions({ resource: ['activityAction'], operation: ['getMany'] }, properties);

/** The catalogue of action types; records of the catalogue, not audit events. */
export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { items } = await listActivityActions(client, readPathStyle(options), readLimit(this, itemIndex));
	return { events: items };
}
