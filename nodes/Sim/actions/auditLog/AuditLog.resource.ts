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
		displayOptions: { show: { resource: ['auditLog'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one audit-log entry by ID',
				action: 'Get an audit log entry',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List audit-log entries, newest first, with filters',
				action: 'Get many audit log entries',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
