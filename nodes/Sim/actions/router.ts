import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperations } from '../../shared/router';
import { simApi } from '../api';
import * as auditLog from './auditLog/AuditLog.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperations.call(this, simApi, { auditLog: { get: auditLog.get, getMany: auditLog.getMany } });
}
