import type { INodeProperties } from 'n8n-workflow';

import { commonOptions, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import { MAX_PAGE_SIZE } from '../../api';
import { organizationField, sortFields, teamField, teamListFilters } from '../../fields';
import { toolProperties } from '../../../shared/tool';
import { listLog, listLogTool } from '../listLog';

const properties: INodeProperties[] = [
	{
		...organizationField,
		required: false,
		description: 'Only used to list its teams below; the team log itself needs just the team',
	},
	teamField,
	...returnAllOrLimit(MAX_PAGE_SIZE),
	teamListFilters,
	...sortFields,
	commonOptions,
	...toolProperties(listLogTool('team')),
];

export const description = withDisplayOptions({ resource: ['teamAuditLog'], operation: ['getMany'] }, properties);

export const execute = listLog('team');
