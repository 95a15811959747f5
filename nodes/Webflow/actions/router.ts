import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperations } from '../../shared/router';
import { webflowApi } from '../api';
import * as siteActivityLog from './siteActivityLog/SiteActivityLog.resource';
import * as workspaceAuditLog from './workspaceAuditLog/WorkspaceAuditLog.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperations.call(this, webflowApi, {
		workspaceAuditLog: { getMany: workspaceAuditLog.getMany },
		siteActivityLog: { getMany: siteActivityLog.getMany },
	});
}
