import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workspaceAuditLog'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List a workspace\'s audit log: logins, roles, memberships, invitations and settings. Webflow has no endpoint to get one entry by ID.',
				action: 'Get many workspace audit log entries',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
