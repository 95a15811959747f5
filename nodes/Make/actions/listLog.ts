import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { commonOptions } from '../../shared/descriptions';
import type { OperationResult } from '../../shared/router';
import type { ApiClient } from '../../shared/transport';
import { checkOptions, readResultLimit } from '../../shared/validate';
import { listAuditLogs } from '../api';
import { readQuery, readScope } from '../fields';
import { makeAuditLog } from '../normalize';

/** Get Many of an organization's or a team's log: the same filters, paging and output. */
export function listLog(kind: 'organization' | 'team') {
	return async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
		const node = this.getNode();
		const scope = readScope(node, kind, this.getNodeParameter(kind, itemIndex, '', { extractValue: true }), itemIndex);
		const query = readQuery(
			node,
			scope,
			{
				filters: this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
				sortBy: this.getNodeParameter('sortBy', itemIndex, 'triggeredAt'),
				sortDir: this.getNodeParameter('sortDir', itemIndex, 'desc'),
			},
			itemIndex,
		);
		const limit = readResultLimit(this, itemIndex);
		checkOptions(node, commonOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex);
		const { items } = await listAuditLogs(client, query, { limit });
		return { events: items, log: makeAuditLog };
	};
}
