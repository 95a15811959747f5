import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { commonOptions, withDisplayOptions } from '../../../shared/descriptions';
import type { OutputFormat } from '../../../shared/normalize';
import { formatEvent } from '../../../shared/normalize';
import type { ApiClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { getAuditLog, normalizeSimEntry } from '../../api';

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
): Promise<INodeExecutionData[]> {
	const id = requireText(this.getNode(), 'Audit Log ID', this.getNodeParameter('auditLogId', itemIndex), itemIndex);
	const format = this.getNodeParameter('options.outputFormat', itemIndex, 'raw') as OutputFormat;
	const entry = await getAuditLog(client, id);
	return [{ json: formatEvent(entry, format, normalizeSimEntry), pairedItem: { item: itemIndex } }];
}
