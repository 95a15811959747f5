import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { readFromBookmark } from '../shared/bookmark';
import { commonOptions } from '../shared/descriptions';
import type { TriggerSource } from '../shared/trigger';
import { checkTriggerSettings, requireOption } from '../shared/validate';
import type { MakeAuditLogEntry, MakeScope } from './api';
import { listAuditLogs, timeOf, utcDay } from './api';
import { readQuery, readScope } from './fields';
import { makeAuditLog } from './normalize';

type MakeSelection = {
	scope: MakeScope & IDataObject;
	events: string[] | null;
	authors: string[] | null;
	teams: string[] | null;
};

/**
 * Make's trigger reads oldest first (`pg[sortBy]=triggeredAt`, `pg[sortDir]=asc`) from the
 * watermark's day: new events land after everything already read, so offsets cannot shift
 * under a walk. `dateFrom` filters by whole days, so the listing opens with that day's events
 * before the look-back; a bookmark (shared/bookmark.ts) lets the next poll start past them
 * instead of re-reading the whole day (docs/api/make.md#dates).
 */
export const makeTriggerSource: TriggerSource<MakeSelection, MakeAuditLogEntry> = {
	selection(ctx: IPollFunctions) {
		const node = ctx.getNode();
		const kind = requireOption(node, 'Scope', ctx.getNodeParameter('scope', 'organization'), ['organization', 'team'] as const);
		checkTriggerSettings(ctx, commonOptions);
		const scope = readScope(node, kind, ctx.getNodeParameter(kind, '', { extractValue: true }));
		const query = readQuery(node, scope, { filters: ctx.getNodeParameter('filters', {}) as IDataObject });
		return { scope: { ...scope }, events: query.events ?? null, authors: query.authors ?? null, teams: query.teams ?? null };
	},
	adapter: ({ scope, events, authors, teams }) => {
		const base = { scope, events: events ?? undefined, authors: authors ?? undefined, teams: teams ?? undefined };
		return {
			order: 'oldestFirst',
			// triggeredAt has whole seconds, and Make does not say how soon an event is listed.
			lookbackMs: 60_000,
			async fetchSince(client, since, bounds, resume) {
				const query = { ...base, from: since, sortBy: 'triggeredAt', sortDir: 'asc' } as const;
				if (since === undefined) {
					const { items, complete } = await listAuditLogs(client, query, bounds);
					return { events: items, complete };
				}
				return await readFromBookmark({
					bookmark: resume,
					since,
					listingOf: utcDay,
					timeOf,
					read: async (startOffset, observe) => await listAuditLogs(client, query, { ...bounds, startOffset, observe }),
				});
			},
			latest: async (client, count) =>
				(await listAuditLogs(client, { ...base, sortBy: 'triggeredAt', sortDir: 'desc' }, { limit: count })).items,
			idOf: (entry) => entry.uuid,
			timeOf,
		};
	},
	log: () => makeAuditLog,
};
