/**
 * The README's per-provider mapping tables, rendered from the code's own tables (each
 * provider's normalize.ts and the shared vocabulary) and the OCSF reference's captions, so
 * the README cannot drift from what the nodes do.
 */
import type { AuditSource } from '../../nodes/shared/normalize';
import { classify } from '../../nodes/shared/normalize';
import { ocsfMappingOf } from '../../nodes/shared/vocabulary';
import { makeAuditLog } from '../../nodes/Make/normalize';
import { simAuditLog } from '../../nodes/Sim/normalize';
import { siteActivityLog, workspaceAuditLog } from '../../nodes/Webflow/normalize';
import { workivaActivityLog } from '../../nodes/Workiva/normalize';
import reference from '../contracts/ocsf/ocsf-classes.json';

export const MAPPED_SOURCES: Record<string, { title: string; source: AuditSource }> = {
	sim: { title: 'Sim action', source: simAuditLog.source },
	'webflow-workspace': { title: 'Webflow `eventType.eventSubType`', source: workspaceAuditLog.source },
	'webflow-site': { title: 'Webflow site activity `event` (`:resourceOperation`)', source: siteActivityLog('').source },
	make: { title: 'Make `eventName`', source: makeAuditLog.source },
	workiva: { title: 'Workiva action `alias`', source: workivaActivityLog.source },
};

type ReferenceClass = { uid: number; caption: string; activity_id: Record<string, string> };

function ocsfLabel(action: string, category: Parameters<typeof ocsfMappingOf>[1]): string {
	const mapping = ocsfMappingOf(action, category);
	const cls = (reference.classes as ReferenceClass[]).find((candidate) => candidate.uid === mapping.classUid)!;
	const activity = mapping.activityId === 99 ? `Other (${mapping.activityName})` : cls.activity_id[String(mapping.activityId)];
	return `${cls.caption} (${mapping.classUid}): ${activity}`;
}

export function renderMappingTable(key: string): string {
	const { title, source } = MAPPED_SOURCES[key];
	const rows = Object.keys(source.eventTypes).map((eventType) => {
		const { action, category } = classify(source, eventType);
		return `| \`${eventType}\` | \`${action}\` | ${category} | ${ocsfLabel(action, category)} |`;
	});
	const fallback = `| any other | its own name | other | ${ocsfLabel('x', 'other').replace('(x)', '(the event type)')} |`;
	return [`| ${title} | Action | Category | OCSF class: activity |`, '|---|---|---|---|', ...rows, fallback].join('\n');
}
