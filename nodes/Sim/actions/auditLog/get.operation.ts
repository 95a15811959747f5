import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commonOptions, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { getAuditLog } from '../../api';
import { simAuditLog } from '../../normalize';

const properties: INodeProperties[] = [
	{
		displayName: 'Audit Log ID',
		name: 'auditLogId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the audit-log entry (a 21-character ID such as V1StGXR8_Z5jdHi6B-myT)',
	},
	commonOptions,
];

export const description = withDisplayOptions({ resource: ['auditLog'], operation: ['get'] }, properties);

export async function execute(
	this: IExecuteFunctions,
	client: ApiClient,
	itemIndex: number,
): Promise<OperationResult> {
	const id = requireText(this.getNode(), 'Audit Log ID', this.getNodeParameter('auditLogId', itemIndex), itemIndex);
	return { events: [await getAuditLog(client, id)], log: simAuditLog };
}
