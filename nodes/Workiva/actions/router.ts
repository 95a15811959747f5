import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperations } from '../../shared/router';
import { workivaApi } from '../api';
import * as activity from './activity/Activity.resource';
import * as activityAction from './activityAction/ActivityAction.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperations.call(this, workivaApi, {
		activity: { get: activity.get, getMany: activity.getMany },
		activityAction: { get: activityAction.get, getMany: activityAction.getMany },
	});
}
