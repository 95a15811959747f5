import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as activity from './actions/activity/Activity.resource';
import * as activityAction from './actions/activityAction/ActivityAction.resource';
import { router } from './actions/router';
import { loadOptions } from './methods';

export class WorkivaActivity implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Workiva Activity',
		name: 'workivaActivity',
		icon: { light: 'file:../../icons/workiva.svg', dark: 'file:../../icons/workiva.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["resource"] === "activityAction" ? "Action catalogue" : "Activities"}}',
		description: "Read Workiva's organization and workspace activities: who signed in, changed a role or a membership, and more",
		defaults: { name: 'Workiva Activity' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'workivaOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Activity', value: 'activity' },
					{ name: 'Activity Action', value: 'activityAction' },
				],
				default: 'activity',
			},
			...activity.description,
			...activityAction.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
