import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commonOptions, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { readListLimit, readToolQuery, toolProperties, withToolQuery } from '../../../shared/tool';
import { checkOptions } from '../../../shared/validate';
import { listWorkspaceAuditLogs, MAX_PAGE_SIZE } from '../../api';
import { workspaceAuditLog } from '../../normalize';
import { dateRangeFields, eventTypeField, readWorkspaceQuery, workspaceField } from '../../fields';

const properties: INodeProperties[] = [
	workspaceField,
	...returnAllOrLimit(MAX_PAGE_SIZE),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [eventTypeField, ...dateRangeFields],
	},
	{
		displayName: 'Sort Order',
		name: 'sortOrder',
		type: 'options',
		default: 'desc',
		options: [
			{ name: 'Newest First', value: 'desc' },
			{ name: 'Oldest First', value: 'asc' },
		],
	},
	commonOptions,
	...toolProperties({
		description:
			"Lists a Webflow workspace's audit log: logins and logouts, members added or removed, role changes, custom roles, invitations and workspace settings. Call it for questions such as \"who was made a workspace admin this week?\" or \"who logged in yesterday?\".",
		dates: true,
		action:
			'Only events of this Webflow event type, one of: user_access (logins, logouts), workspace_membership (members added, removed, role changes), site_membership, custom_role, workspace_invitation, workspace_setting.',
	}),
];

export const description = withDisplayOptions({ resource: ['workspaceAuditLog'], operation: ['getMany'] }, properties);

export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
	const node = this.getNode();
	const filters = withToolQuery(this.getNodeParameter('filters', itemIndex, {}) as IDataObject, readToolQuery(this, itemIndex), {
		since: 'from',
		until: 'to',
		action: 'eventType',
	});
	const query = readWorkspaceQuery(
		node,
		{
			workspace: this.getNodeParameter('workspace', itemIndex),
			eventType: filters.eventType,
			from: filters.from,
			to: filters.to,
			sortOrder: this.getNodeParameter('sortOrder', itemIndex, 'desc'),
		},
		itemIndex,
	);
	const limit = readListLimit(this, itemIndex);
	checkOptions(node, commonOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex);
	const { items } = await listWorkspaceAuditLogs(client, query, { limit });
	return { events: items, log: workspaceAuditLog };
}
