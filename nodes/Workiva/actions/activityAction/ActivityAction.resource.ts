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
		displayOptions: { show: { resource: ['activityAction'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get one action type by ID', action: 'Get an activity action' },
			{ name: 'Get Many', value: 'getMany', description: 'List the catalogue of action types', action: 'Get many activity actions' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
