import type { IDataObject } from 'n8n-workflow';

import type { AuditLog, AuditRecord, AuditRecordTarget } from '../shared/normalize';
import { classify } from '../shared/normalize';
import { isObject } from '../shared/transport';
import { objectOf } from '../shared/vocabulary';
import type { WebflowSiteActivityLogItem, WebflowWorkspaceAuditLogItem } from './api';
import { workspaceEventId } from './api';

/** `eventType.eventSubType` (docs/api/webflow.md#workspace-audit-log-items) → the neutral actions. */
const WORKSPACE_EVENT_TYPES: Record<string, string> = {
	'user_access.login': 'user.login',
	'user_access.logout': 'user.logout',
	'custom_role.role_created': 'role.created',
	'custom_role.role_updated': 'role.updated',
	'custom_role.role_deleted': 'role.deleted',
	'workspace_membership.user_added': 'member.added',
	'workspace_membership.user_removed': 'member.removed',
	'workspace_membership.user_role_updated': 'member.role_changed',
	'site_membership.user_added': 'member.added',
	'site_membership.user_removed': 'member.removed',
	'site_membership.user_role_updated': 'member.role_changed',
	'site_membership.user_granular_access_updated': 'member.access_changed',
	'workspace_invitation.invite_sent': 'invitation.sent',
	'workspace_invitation.invite_accepted': 'invitation.accepted',
	'workspace_invitation.invite_updated': 'invitation.updated',
	'workspace_invitation.invite_canceled': 'invitation.revoked',
	'workspace_invitation.invite_declined': 'invitation.declined',
	'workspace_invitation.access_request_accepted': 'access_request.accepted',
	'workspace_setting.setting_updated': 'setting.updated',
};

/**
 * Site activity `event` (docs/api/webflow.md#site-activity-logs) → the neutral actions; `*`
 * stands for the entry's `resourceOperation` (CMS entries name their operation there).
 */
const SITE_EVENT_TYPES: Record<string, string> = {
	styles_modified: 'styles.updated',
	site_published: 'site.published',
	site_unpublished: 'site.unpublished',
	site_custom_code_modified: 'site_custom_code.updated',
	ix2_modified_on_page: 'interactions.updated',
	ix2_modified_on_component: 'interactions.updated',
	ix2_modified_on_class: 'interactions.updated',
	page_dom_modified: 'page.updated',
	page_created: 'page.created',
	page_deleted: 'page.deleted',
	page_duplicated: 'page.duplicated',
	page_renamed: 'page.renamed',
	page_settings_modified: 'page_settings.updated',
	page_custom_code_modified: 'page_custom_code.updated',
	page_settings_custom_code_modified: 'page_custom_code.updated',
	secondary_locale_page_content_modified: 'page_content.updated',
	cms_item: 'cms_item.*',
	cms_collection: 'cms_collection.*',
	symbols_modified: 'components.updated',
	variable_modified: 'variable.updated',
	variables_modified: 'variables.updated',
	backup_created: 'backup.created',
	backup_restored: 'backup.restored',
	locale_added: 'locale.added',
	locale_removed: 'locale.removed',
	locale_enabled: 'locale.enabled',
	locale_disabled: 'locale.disabled',
	locale_display_name_updated: 'locale.updated',
	locale_subdirectory_updated: 'locale.updated',
	locale_tag_updated: 'locale.updated',
	branch_created: 'branch.created',
	branch_merged: 'branch.merged',
	branch_deleted: 'branch.deleted',
	branch_review_created: 'branch_review.created',
	branch_review_approved: 'branch_review.approved',
	branch_review_canceled: 'branch_review.canceled',
	library_shared: 'library.shared',
	library_unshared: 'library.unshared',
	library_installed: 'library.installed',
	library_uninstalled: 'library.uninstalled',
	library_update_shared: 'library_update.shared',
	library_update_accepted: 'library_update.accepted',
};

/** `resourceOperation` → the verb of a `*` action. */
const OPERATION_VERBS: Record<string, string> = {
	CREATED: 'created',
	MODIFIED: 'updated',
	PUBLISHED: 'published',
	UNPUBLISHED: 'unpublished',
	DELETED: 'deleted',
	REORDERED: 'reordered',
	GROUP_CREATED: 'created',
	GROUP_DELETED: 'deleted',
	GROUP_REORDERED: 'reordered',
};

/** What `previousValue` → `newValue` is a change of, where the event says. */
const SITE_CHANGED_FIELDS: Record<string, string> = {
	page_renamed: 'name',
	locale_display_name_updated: 'displayName',
	locale_subdirectory_updated: 'subdirectory',
	locale_tag_updated: 'tag',
};

const WORKSPACE_SOURCE = {
	provider: 'webflow',
	vendor: 'Webflow',
	product: 'Webflow',
	log: 'Workspace audit log',
	eventTypes: WORKSPACE_EVENT_TYPES,
};

/** The site table with each `*` spelled out per operation, so the README can show it whole. */
const SITE_SOURCE = {
	provider: 'webflow',
	vendor: 'Webflow',
	product: 'Webflow',
	log: 'Site activity log',
	eventTypes: Object.fromEntries(
		Object.entries(SITE_EVENT_TYPES).flatMap(([event, action]) =>
			action.endsWith('.*')
				? Object.entries(OPERATION_VERBS).map(([operation, verb]) => [`${event}:${operation}`, `${objectOf(action)}.${verb}`])
				: [[event, action]],
		),
	),
};

export const workspaceAuditLog: AuditLog<WebflowWorkspaceAuditLogItem> = {
	source: WORKSPACE_SOURCE,
	record(item): AuditRecord {
		// The SDK types every field as optional (docs/api/webflow.md#workspace-audit-log-items).
		const payload: IDataObject = isObject(item.payload) ? item.payload : {};
		const site = isObject(payload.site) ? payload.site : undefined;
		const person = (user: unknown): AuditRecordTarget | undefined =>
			isObject(user) ? { type: 'user', id: user.id as string, email: user.email as string } : undefined;
		const users = [person(payload.targetUser), ...(Array.isArray(payload.targetUsers) ? payload.targetUsers.map(person) : [])];
		const isToken = item.actor?.type === 'token';
		return {
			id: workspaceEventId(item),
			time: item.timestamp,
			eventType: `${item.eventType}.${item.eventSubType}`,
			outcome: 'success', // the log records what happened
			actor: {
				id: item.actor?.id,
				email: item.actor?.email,
				type: isToken ? 'api_token' : item.actor ? 'user' : 'unknown',
				ip: payload.ipAddress as string | undefined,
			},
			targets: [
				...uniqueTargets(users),
				...(item.eventType === 'custom_role' ? [{ type: 'role', name: payload.roleName as string }] : []),
			],
			scope: {
				workspace: item.workspace ? { id: item.workspace.id, name: item.workspace.slug } : null,
				site: site ? { id: site.id as string, name: site.slug as string } : null,
			},
			change: workspaceChange(item.eventType, item.eventSubType, payload),
		};
	},
};

function workspaceChange(eventType: string, subType: string, payload: IDataObject): AuditRecord['change'] {
	if (eventType === 'workspace_setting') return { field: String(payload.setting ?? 'setting'), from: payload.previousValue, to: payload.value };
	if (subType === 'user_granular_access_updated' && isObject(payload.granularAccess)) {
		return { field: 'granularAccess', to: payload.granularAccess.name ?? payload.granularAccess.id };
	}
	if (eventType === 'custom_role') {
		return payload.previousRoleName !== undefined && payload.previousRoleName !== payload.roleName
			? { field: 'name', from: payload.previousRoleName, to: payload.roleName }
			: null;
	}
	if (payload.roleName !== undefined || payload.previousRoleName !== undefined) {
		return { field: 'role', from: payload.previousRoleName, to: payload.roleName };
	}
	return null;
}

/** A site's activity log; entries do not name their site, so the log is built for one. */
export function siteActivityLog(siteId: string): AuditLog<WebflowSiteActivityLogItem> {
	return {
		source: SITE_SOURCE,
		record(item): AuditRecord {
			const qualified = `${item.event}:${item.resourceOperation}`;
			const eventType = Object.prototype.hasOwnProperty.call(SITE_SOURCE.eventTypes, qualified) ? qualified : String(item.event);
			const { action, category } = classify(SITE_SOURCE, eventType);
			const field = SITE_CHANGED_FIELDS[item.event] ?? 'value';
			return {
				id: item.id,
				time: item.createdOn,
				eventType,
				outcome: 'success',
				// `user` is null for system events such as automatic backups.
				actor: item.user ? { id: item.user.id, name: item.user.displayName, type: 'user' } : { type: 'system' },
				targets: [{ type: category === 'other' ? null : objectOf(action), id: item.resourceId, name: item.resourceName }],
				scope: { site: { id: siteId } },
				change: (item.newValue ?? item.previousValue ?? null) !== null ? { field, from: item.previousValue, to: item.newValue } : null,
			};
		},
	};
}

function uniqueTargets(targets: Array<AuditRecordTarget | undefined>): Array<AuditRecordTarget> {
	const seen = new Set<string>();
	return targets.filter((target): target is AuditRecordTarget => {
		if (!target) return false;
		const key = `${target.id}|${target.email}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
