import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperations } from '../../shared/router';
import { makeApi } from '../api';
import * as auditLog from './auditLog/AuditLog.resource';
import * as filterCatalogue from './filterCatalogue/FilterCatalogue.resource';
import * as organizationAuditLog from './organizationAuditLog/OrganizationAuditLog.resource';
import * as teamAuditLog from './teamAuditLog/TeamAuditLog.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperations.call(this, makeApi, {
		organizationAuditLog: { getMany: organizationAuditLog.getMany },
		teamAuditLog: { getMany: teamAuditLog.getMany },
		auditLog: { get: auditLog.get },
		filterCatalogue: { get: filterCatalogue.get },
	});
}
