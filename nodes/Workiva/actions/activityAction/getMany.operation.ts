import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { readListLimit } from '../../../shared/tool';
import { checkOptions } from '../../../shared/validate';
import { listActivityActions, MAX_PAGE_SIZE } from '../../api';
import { catalogueOptions, readPathStyle } from '../../fields';

const properties: INodeProperties[] = [...returnAllOrLimit(MAX_PAGE_SIZE), catalogueOptions];

export const description = withDisplayOptions({ resource: ['activityAction'], operation: ['getMany'] }, properties);

/** The catalogue of action types; records of the catalogue, not audit events. */
export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
	const limit = readListLimit(this, itemIndex);
	const options = checkOptions(this.getNode(), catalogueOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex);
	const { items } = await listActivityActions(client, readPathStyle(options), limit);
	return { events: items };
}
