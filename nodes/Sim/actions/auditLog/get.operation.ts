import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commonOptions, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import type { IdForm } from '../../../shared/validate';
import { checkOptions, requirePathId } from '../../../shared/validate';
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

/** Sim's IDs are 21-character URL-safe short IDs (docs/api/sim.md#responses); any length up to 64 is let through. */
const AUDIT_LOG_ID: IdForm = {
	pattern: /^[A-Za-z0-9_-]{1,64}$/,
	what: 'a Sim audit-log ID',
	hint: 'It is made of letters, digits, "_" and "-", such as V1StGXR8_Z5jdHi6B-myT.',
};

export const description = withDisplayOptions({ resource: ['auditLog'], operation: ['get'] }, properties);

export async function execute(
	this: IExecuteFunctions,
	client: ApiClient,
	itemIndex: number,
): Promise<OperationResult> {
	const node = this.getNode();
	checkOptions(node, commonOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex);
	const id = requirePathId(node, 'Audit Log ID', this.getNodeParameter('auditLogId', itemIndex), itemIndex, AUDIT_LOG_ID);
	return { events: [await getAuditLog(client, id)], log: simAuditLog };
}
