import type { PollAdapter } from '../shared/pollEngine';
import type { WebflowSiteActivityLogItem, WebflowWorkspaceAuditLogItem, WorkspaceQuery } from './api';
import { latestSiteActivity, listSiteActivityLogs, listWorkspaceAuditLogs, siteTimeOf, workspaceEventId, workspaceTimeOf } from './api';

/**
 * Workspace audit logs are read oldest first from the watermark (`from` + `sortOrder=asc`).
 * New events land after everything already read, so they cannot shift the offsets of
 * pages still to come.
 */
export function workspaceEvents(query: Pick<WorkspaceQuery, 'workspace' | 'eventType'>): PollAdapter<WebflowWorkspaceAuditLogItem> {
	return {
		lookbackMs: 60_000,
		async fetchSince(client, since, wanted) {
			const { items, complete } = await listWorkspaceAuditLogs(
				client,
				{ ...query, from: since, sortOrder: 'asc' },
				Number.isFinite(wanted) ? wanted : undefined,
			);
			// Read oldest first, so even a walk cut short holds everything up to its last event.
			const last = items[items.length - 1];
			return { events: items, complete, horizon: last ? workspaceTimeOf(last) : undefined };
		},
		async latest(client, count) {
			return (await listWorkspaceAuditLogs(client, { ...query, sortOrder: 'desc' }, count)).items;
		},
		idOf: workspaceEventId,
		timeOf: workspaceTimeOf,
	};
}

/**
 * Site activity logs have IDs but no time filter and no sort: a poll reads from the newest
 * end until a page reaches events older than the watermark's look-back, usually one page.
 */
export function siteEvents(siteId: string): PollAdapter<WebflowSiteActivityLogItem> {
	return {
		lookbackMs: 60_000,
		async fetchSince(client, since) {
			const { items, complete } = await listSiteActivityLogs(client, siteId, { newestFirst: true, olderThan: since });
			return { events: items, complete };
		},
		async latest(client, count) {
			return await latestSiteActivity(client, siteId, count);
		},
		idOf: (item) => item.id,
		timeOf: siteTimeOf,
	};
}
