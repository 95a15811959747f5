import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { commonOptions } from '../shared/descriptions';
import type { TriggerSource } from '../shared/trigger';
import { checkTriggerSettings } from '../shared/validate';
import type { AuditLogEntry, SimAnchor, SimFilters } from './api';
import { auditLogPageBelow, listAuditLogs, timeOf } from './api';
import { readFilters } from './filters';
import { simAuditLog } from './normalize';

type SimSelection = { filters: SimFilters & IDataObject };

/**
 * Sim lists newest first only. The engine walks down from the newest row once and then
 * reads the backlog from its oldest end between remembered page boundaries, so a backfill
 * costs about two reads of each page rather than one read of the whole backlog per poll.
 */
export const simTriggerSource: TriggerSource<SimSelection, AuditLogEntry> = {
	selection(ctx: IPollFunctions) {
		checkTriggerSettings(ctx, commonOptions);
		return { filters: { ...readFilters(ctx.getNode(), ctx.getNodeParameter('filters', {}) as IDataObject) } };
	},
	adapter: ({ filters }) => ({
		order: 'newestFirst',
		// Sim reads audit logs from a replica; a just-written event can show up late.
		lookbackMs: 60_000,
		pageBelow: async (client, anchor, since) =>
			await auditLogPageBelow(client, filters, anchor as SimAnchor | null, since),
		latest: async (client, count) => (await listAuditLogs(client, filters, count)).items,
		idOf: (entry) => entry.id,
		timeOf,
	}),
	log: () => simAuditLog,
};
