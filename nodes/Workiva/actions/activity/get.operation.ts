import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { checkOptions, requirePathId } from '../../../shared/validate';
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
	const node = this.getNode();
	const options = checkOptions(node, pathOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex);
	const id = requirePathId(node, 'Activity ID', this.getNodeParameter('activityId', itemIndex), itemIndex);
	return { events: [await getActivity(client, id, readPathStyle(options))], log: workivaActivityLog };
}
