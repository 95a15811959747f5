import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['activity'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get one activity by ID', action: 'Get an activity' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List an organization's or a workspace's activities, with filters",
				action: 'Get many activities',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
