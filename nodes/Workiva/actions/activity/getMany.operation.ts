import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { readListLimit, readToolQuery, toolProperties, withToolQuery } from '../../../shared/tool';
import { checkOptions } from '../../../shared/validate';
import { listActivities, MAX_PAGE_SIZE } from '../../api';
import { activityListOptions, listFilters, orderField, organizationIdField, readQuery, readScope, scopeField, workspaceIdField } from '../../fields';
import { workivaActivityLog } from '../../normalize';

const properties: INodeProperties[] = [
	scopeField,
	organizationIdField,
	workspaceIdField,
	...returnAllOrLimit(MAX_PAGE_SIZE),
	listFilters,
	orderField,
	activityListOptions,
	...toolProperties({
		description:
			"Lists Workiva activities (the audit trail) of an organization or a workspace, newest first: sign-ins, members and roles added or removed, workspace and security settings changed, with the performer, the target and the outcome. Call it for questions such as \"who signed in from a new IP today?\" or \"who was removed from a workspace this week?\".",
		dates: true,
		action:
			'Only activities of these Workiva action aliases, comma-separated, e.g. user_login, user_role_create, user_role_delete, workspace_membership_create, workspace_membership_delete.',
	}),
];

export const description = withDisplayOptions({ resource: ['activity'], operation: ['getMany'] }, properties);

export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
	const node = this.getNode();
	const scope = readScope(
		node,
		{
			scope: this.getNodeParameter('scope', itemIndex),
			organizationId: this.getNodeParameter('organizationId', itemIndex),
			workspaceId: this.getNodeParameter('workspaceId', itemIndex, ''),
		},
		itemIndex,
	);
	const query = readQuery(
		node,
		{
			scope,
			filters: withToolQuery(this.getNodeParameter('filters', itemIndex, {}) as IDataObject, readToolQuery(this, itemIndex), {
				since: 'dateFrom',
				until: 'dateTo',
				action: 'actionAliases',
			}),
			options: checkOptions(node, activityListOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex),
			order: this.getNodeParameter('order', itemIndex, 'desc'),
		},
		itemIndex,
	);
	const { items } = await listActivities(client, query, { limit: readListLimit(this, itemIndex) });
	return { events: items, log: workivaActivityLog };
}
