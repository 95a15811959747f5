import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { getActivity } from '../../api';
import { pathOptions, readPathStyle } from '../../fields';
import { workivaActivityLog } from '../../normalize';

const properties: INodeProperties[] = [
	{
		displayName: 'Activity ID',
		name: 'activityId',
		type: 'string',
		default: '',
		required: true,
		description: "The activity's ID, as Get Many returns it. Workiva does not guarantee that IDs stay the same over time.",
	},
	pathOptions,
];

export const description = withDisplayOptions({ resource: ['activity'], operation: ['get'] }, properties);

export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
	const id = requireText(this.getNode(), 'Activity ID', this.getNodeParameter('activityId', itemIndex), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return { events: [await getActivity(client, id, readPathStyle(options))], log: workivaActivityLog };
}
