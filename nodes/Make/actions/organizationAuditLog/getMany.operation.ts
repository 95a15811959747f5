import type { INodeProperties } from 'n8n-workflow';

import { commonOptions, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import { MAX_PAGE_SIZE } from '../../api';
import { organizationField, organizationListFilters, sortFields } from '../../fields';
import { toolProperties } from '../../../shared/tool';
import { listLog, listLogTool } from '../listLog';

const properties: INodeProperties[] = [
	organizationField,
	...returnAllOrLimit(MAX_PAGE_SIZE),
	organizationListFilters,
	...sortFields,
	commonOptions,
	...toolProperties(listLogTool('organization')),
];

export const description = withDisplayOptions({ resource: ['organizationAuditLog'], operation: ['getMany'] }, properties);

export const execute = listLog('organization');
