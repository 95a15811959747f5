import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { TriggerSource } from '../shared/trigger';
import { checkTriggerSettings } from '../shared/validate';
import type { ActivityScope, PathStyle, WorkivaActivity } from './api';
import { activityIdentity, listActivities, timeOf } from './api';
import type { ActivityFilter } from './filter';
import { readFilter, readPathStyle, readScope, triggerOptions } from './fields';
import { workivaActivityLog } from './normalize';

type WorkivaSelection = { scope: ActivityScope & IDataObject; filter: ActivityFilter & IDataObject; pathStyle: PathStyle };

/**
 * Workiva's trigger reads oldest first (`$orderBy=activityDateTime asc`) from the watermark
 * (`activityDateTime ge`). Activity IDs are not stable, so activities are told apart by their
 * `eventId:` tag, else by a hash of their content (docs/api/workiva.md#activity-ids).
 */
export const workivaTriggerSource: TriggerSource<WorkivaSelection, WorkivaActivity> = {
	selection(ctx: IPollFunctions) {
		const node = ctx.getNode();
		checkTriggerSettings(ctx, triggerOptions);
		const options = ctx.getNodeParameter('options', {}) as IDataObject;
		const scope = readScope(node, {
			scope: ctx.getNodeParameter('scope', 'organization'),
			organizationId: ctx.getNodeParameter('organizationId', ''),
			workspaceId: ctx.getNodeParameter('workspaceId', ''),
		});
		const filter = readFilter(node, ctx.getNodeParameter('filters', {}) as IDataObject, options);
		return { scope: { ...scope }, filter: JSON.parse(JSON.stringify(filter)) as ActivityFilter & IDataObject, pathStyle: readPathStyle(options) };
	},
	adapter: ({ scope, filter, pathStyle }) => ({
		order: 'oldestFirst',
		lookbackMs: 60_000,
		async fetchSince(client, since, bounds) {
			const { items, complete } = await listActivities(client, { scope, filter: { ...filter, from: since }, order: 'asc', pathStyle }, bounds);
			return { events: items, complete };
		},
		latest: async (client, count) => (await listActivities(client, { scope, filter, order: 'desc', pathStyle }, { limit: count })).items,
		idOf: activityIdentity,
		timeOf,
	}),
	log: () => workivaActivityLog,
};
