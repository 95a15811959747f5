import type { IDataObject } from 'n8n-workflow';

import type { NormalizedAuditEvent } from '../shared/normalize';
import type { AuditLogEntry } from './api';

export function normalizeSimEntry(entry: AuditLogEntry): NormalizedAuditEvent {
	return {
		provider: 'sim',
		id: entry.id,
		occurredAt: entry.createdAt,
		action: entry.action,
		actor: { id: entry.actorId ?? null, name: entry.actorName ?? null, email: entry.actorEmail ?? null },
		target: { type: entry.resourceType ?? null, id: entry.resourceId ?? null, name: entry.resourceName ?? null },
		scope: entry.workspaceId ? { type: 'workspace', id: entry.workspaceId, name: null } : { type: 'organization', id: null, name: null },
		summary: entry.description ?? null,
		raw: entry as unknown as IDataObject,
	};
}
