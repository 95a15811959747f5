import type { IPollFunctions } from 'n8n-workflow';

import { commonOptions } from '../shared/descriptions';
import type { TriggerSource } from '../shared/trigger';
import { checkTriggerSettings, requireOption } from '../shared/validate';
import type { SiteAnchor, WebflowSiteActivityLogItem, WebflowWorkspaceAuditLogItem } from './api';
import {
	latestSiteActivity,
	listWorkspaceAuditLogs,
	siteActivityPageBelow,
	siteTimeOf,
	workspaceEventId,
	workspaceTimeOf,
} from './api';
import { readSiteId, readWorkspaceQuery } from './fields';
import { siteActivityLog, workspaceAuditLog } from './normalize';

type WorkspaceSelection = { scope: 'workspace'; workspace: string; eventType: string | null };
type SiteSelection = { scope: 'site'; siteId: string };

/**
 * Workspace audit logs are read oldest first from the watermark (`from` + `sortOrder=asc`).
 * New events land after everything already read, so they cannot shift the offsets of
 * pages still to come.
 */
export const workspaceTriggerSource: TriggerSource<WorkspaceSelection, WebflowWorkspaceAuditLogItem> = {
	selection(ctx: IPollFunctions) {
		// The node polls the site log for "site" and this one for anything else: refuse anything else.
		requireOption(ctx.getNode(), 'Scope', ctx.getNodeParameter('scope', 'workspace'), ['workspace', 'site'] as const);
		checkTriggerSettings(ctx, commonOptions);
		const { workspace, eventType } = readWorkspaceQuery(ctx.getNode(), {
			workspace: ctx.getNodeParameter('workspace', ''),
			eventType: ctx.getNodeParameter('eventType', ''),
		});
		return { scope: 'workspace', workspace, eventType: eventType ?? null };
	},
	adapter: ({ workspace, eventType }) => {
		const query = { workspace, eventType: eventType ?? undefined };
		return {
			order: 'oldestFirst',
			lookbackMs: 60_000,
			async fetchSince(client, since, bounds) {
				const { items, complete } = await listWorkspaceAuditLogs(client, { ...query, from: since, sortOrder: 'asc' }, bounds);
				return { events: items, complete };
			},
			latest: async (client, count) => (await listWorkspaceAuditLogs(client, { ...query, sortOrder: 'desc' }, { limit: count })).items,
			idOf: workspaceEventId,
			timeOf: workspaceTimeOf,
		};
	},
	log: () => workspaceAuditLog,
};

/**
 * Site activity logs have IDs and a total but no time filter and no documented order: the
 * engine walks down from the newest entry, with page boundaries counted from the oldest end.
 */
export const siteTriggerSource: TriggerSource<SiteSelection, WebflowSiteActivityLogItem> = {
	selection(ctx: IPollFunctions) {
		checkTriggerSettings(ctx, commonOptions);
		return { scope: 'site', siteId: readSiteId(ctx.getNode(), ctx.getNodeParameter('siteId', '', { extractValue: true })) };
	},
	adapter: ({ siteId }) => ({
		order: 'newestFirst',
		lookbackMs: 60_000,
		pageBelow: async (client, anchor) => await siteActivityPageBelow(client, siteId, anchor as SiteAnchor | null),
		latest: async (client, count) => await latestSiteActivity(client, siteId, count),
		idOf: (item) => item.id,
		timeOf: siteTimeOf,
	}),
	log: ({ siteId }) => siteActivityLog(siteId),
};
