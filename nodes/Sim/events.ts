import type { PollAdapter } from '../shared/pollEngine';
import type { AuditLogEntry, SimFilters } from './api';
import { listAuditLogs, timeOf } from './api';

/**
 * Sim lists newest first only, so a poll reads everything since the watermark (a
 * `startDate` window, usually one page) and the engine emits it oldest first.
 */
export function simEvents(filters: SimFilters): PollAdapter<AuditLogEntry> {
	return {
		// Sim reads audit logs from a replica; a just-written event can show up late.
		lookbackMs: 60_000,
		async fetchSince(client, since) {
			const { items, complete } = await listAuditLogs(client, { ...filters, startDate: since });
			// Read newest first: a cut-short walk knows nothing certain about the oldest events.
			return { events: items, complete, horizon: undefined };
		},
		async latest(client, count) {
			return (await listAuditLogs(client, filters, count)).items;
		},
		idOf: (entry) => entry.id,
		timeOf,
	};
}
