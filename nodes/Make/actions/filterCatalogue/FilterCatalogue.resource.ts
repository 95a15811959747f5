import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['filterCatalogue'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the events, users and teams the audit log can be filtered by',
				action: 'Get the filter catalogue',
			},
		],
		default: 'get',
	},
	...get.description,
];
