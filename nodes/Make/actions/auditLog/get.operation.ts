import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commonOptions, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { checkOptions } from '../../../shared/validate';
import { getAuditLog, requireIntegerId, requireUuid } from '../../api';
import { organizationField } from '../../fields';
import { makeAuditLog } from '../../normalize';

const properties: INodeProperties[] = [
	organizationField,
	{
		displayName: 'Audit Log UUID',
		name: 'uuid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'c37c7292-35cd-4dc4-9113-21b23beaea7d',
		description: "The entry's uuid, as Get Many returns it. The result adds the entry's details (what changed).",
	},
	commonOptions,
];

export const description = withDisplayOptions({ resource: ['auditLog'], operation: ['get'] }, properties);

export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
	const node = this.getNode();
	checkOptions(node, commonOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex);
	const organizationId = requireIntegerId(node, 'Organization', this.getNodeParameter('organization', itemIndex, '', { extractValue: true }), itemIndex);
	const uuid = requireUuid(node, 'Audit Log UUID', this.getNodeParameter('uuid', itemIndex, ''), itemIndex);
	return { events: [await getAuditLog(client, organizationId, uuid)], log: makeAuditLog };
}
