import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { commonOptions } from '../../shared/descriptions';
import type { OperationResult } from '../../shared/router';
import type { ApiClient } from '../../shared/transport';
import type { ToolSpec } from '../../shared/tool';
import { readListLimit, readToolQuery, withToolQuery } from '../../shared/tool';
import { checkOptions } from '../../shared/validate';
import { listAuditLogs } from '../api';
import { readQuery, readScope } from '../fields';
import { makeAuditLog } from '../normalize';

/** What a model reads about Get Many of an organization's or a team's log. */
export function listLogTool(kind: 'organization' | 'team'): ToolSpec {
	return {
		description: `Lists a Make ${kind}'s audit log, newest first: who created, changed or deleted API keys, connections, webhooks, scenarios, teams and members, and who changed roles. Call it for questions such as "who was given admin rights yesterday?" or "which keys were created this week?". Make filters by whole UTC days; the exact times are applied afterwards.`,
		dates: true,
		action:
			'Only events of these Make event names, comma-separated, e.g. key_created, key_deleted, user_invited, user_removed, user_role_changed, connection_created, webhook_updated, scenario_deleted.',
	};
}

/** Get Many of an organization's or a team's log: the same filters, paging and output. */
export function listLog(kind: 'organization' | 'team') {
	return async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
		const node = this.getNode();
		const scope = readScope(node, kind, this.getNodeParameter(kind, itemIndex, '', { extractValue: true }), itemIndex);
		const query = readQuery(
			node,
			scope,
			{
				filters: withToolQuery(this.getNodeParameter('filters', itemIndex, {}) as IDataObject, readToolQuery(this, itemIndex), {
					since: 'dateFrom',
					until: 'dateTo',
					action: 'events',
				}),
				sortBy: this.getNodeParameter('sortBy', itemIndex, 'triggeredAt'),
				sortDir: this.getNodeParameter('sortDir', itemIndex, 'desc'),
			},
			itemIndex,
		);
		const limit = readListLimit(this, itemIndex);
		checkOptions(node, commonOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex);
		const { items } = await listAuditLogs(client, query, { limit });
		return { events: items, log: makeAuditLog };
	};
}
