import type { IDataObject } from 'n8n-workflow';

import type { NormalizedAuditEvent } from '../shared/normalize';
import { isObject } from '../shared/transport';
import type { MakeAuditLogEntry } from './api';
import { timeOf } from './api';

const str = (value: unknown) => (value === undefined || value === null || value === '' ? null : String(value));

export function normalizeMakeEntry(entry: MakeAuditLogEntry): NormalizedAuditEvent {
	const actor: IDataObject = isObject(entry.actor) ? entry.actor : {};
	const team: IDataObject | undefined = isObject(entry.team) ? entry.team : undefined;
	const organization: IDataObject = isObject(entry.organization) ? entry.organization : {};
	return {
		provider: 'make',
		id: entry.uuid,
		occurredAt: new Date(timeOf(entry)).toISOString(),
		action: String(entry.eventName),
		actor: { id: str(actor.id), name: str(actor.name), email: str(actor.email) },
		target: { type: null, id: str(entry.targetId), name: null },
		scope: team && str(team.id)
			? { type: 'team', id: str(team.id), name: str(team.name) }
			: { type: 'organization', id: str(organization.id ?? entry.organizationId), name: str(organization.name) },
		summary: null,
		raw: entry as unknown as IDataObject,
	};
}
