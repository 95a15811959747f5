import type { IDataObject } from 'n8n-workflow';

import type { NormalizedAuditEvent } from '../shared/normalize';
import { isObject } from '../shared/transport';
import type { WebflowSiteActivityLogItem, WebflowWorkspaceAuditLogItem } from './api';
import { workspaceEventId } from './api';

export function normalizeWorkspaceItem(item: WebflowWorkspaceAuditLogItem): NormalizedAuditEvent {
	const payload = (item.payload ?? {}) as IDataObject;
	const targetUser = isObject(payload.targetUser) ? payload.targetUser : undefined;
	const site = isObject(payload.site) ? payload.site : undefined;
	const target = targetUser
		? { type: 'user', id: str(targetUser.id), name: str(targetUser.email) }
		: payload.roleName !== undefined && item.eventType === 'custom_role'
			? { type: 'role', id: null, name: str(payload.roleName) }
			: payload.setting !== undefined
				? { type: 'setting', id: null, name: str(payload.setting) }
				: { type: site ? 'site' : null, id: site ? str(site.id) : null, name: site ? str(site.slug) : null };
	return {
		provider: 'webflow',
		id: workspaceEventId(item),
		occurredAt: String(item.timestamp),
		action: `${item.eventType}.${item.eventSubType}`,
		actor: { id: str(item.actor?.id), name: null, email: str(item.actor?.email) },
		target,
		scope: { type: 'workspace', id: str(item.workspace?.id), name: str(item.workspace?.slug) },
		summary: null,
		raw: item as unknown as IDataObject,
	};
}

export function normalizeSiteItem(siteId: string) {
	return (item: WebflowSiteActivityLogItem): NormalizedAuditEvent => ({
		provider: 'webflow',
		id: item.id,
		occurredAt: String(item.createdOn),
		action: String(item.event),
		actor: { id: str(item.user?.id), name: str(item.user?.displayName), email: null },
		target: { type: null, id: str(item.resourceId), name: str(item.resourceName) },
		scope: { type: 'site', id: siteId, name: null },
		summary: null,
		raw: item as unknown as IDataObject,
	});
}

function str(value: unknown): string | null {
	return value === undefined || value === null ? null : String(value);
}
