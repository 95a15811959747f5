import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

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
				description: 'Get one audit-log entry with its details',
				action: 'Get an audit log entry',
			},
		],
		default: 'get',
	},
	...get.description,
];
