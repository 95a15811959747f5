import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['siteActivityLog'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List a site\'s activity log, newest first. Webflow offers no filters here and no endpoint to get one entry by ID.',
				action: 'Get many site activity log entries',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
