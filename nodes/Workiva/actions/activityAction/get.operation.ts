import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { checkOptions, requirePathId } from '../../../shared/validate';
import { getActivityAction } from '../../api';
import { catalogueOptions, readPathStyle } from '../../fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Activity Action ID',
		name: 'activityActionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'com.workiva.administration.workspace_membership.create',
	},
	catalogueOptions,
];

export const description = withDisplayOptions({ resource: ['activityAction'], operation: ['get'] }, properties);

export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
	const node = this.getNode();
	const options = checkOptions(node, catalogueOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex);
	const id = requirePathId(node, 'Activity Action ID', this.getNodeParameter('activityActionId', itemIndex), itemIndex);
	return { events: [await getActivityAction(client, id, readPathStyle(options))] };
}
