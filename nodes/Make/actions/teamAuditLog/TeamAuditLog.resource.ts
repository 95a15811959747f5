import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['teamAuditLog'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List a team's audit-log entries, with filters",
				action: 'Get many team audit log entries',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
