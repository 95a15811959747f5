import type { INode, INodeProperties } from 'n8n-workflow';

import { dateRangeFields as sharedDateRange } from '../shared/descriptions';
import type { IdForm } from '../shared/validate';
import { checkDateRange, optionValues, parseDateParam, requireOption, requirePathId } from '../shared/validate';
import type { WorkspaceQuery } from './api';

export const workspaceField: INodeProperties = {
	displayName: 'Workspace ID or Slug',
	name: 'workspace',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'my-agency or 5f0c8c9e1c9d440000e8d8c4',
	description: 'The workspace\'s 24-character ID or its slug (from the dashboard URL)',
};

export const siteIdField: INodeProperties = {
	displayName: 'Site',
	name: 'siteId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The site whose activity log to read. The list needs the sites:read scope; By ID always works.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchSites', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '580e63e98c9a982ac9b8b741',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[0-9a-fA-F]{24}$', errorMessage: 'A site ID is 24 hexadecimal characters (Site settings → General)' },
				},
			],
		},
	],
};

const SITE_ID: IdForm = {
	pattern: /^[0-9a-f]{24}$/i,
	what: 'a 24-character hexadecimal site ID',
	hint: 'Pick the site from the list, or enter its ID from Site settings → General, e.g. 580e63e98c9a982ac9b8b741.',
};

/** The Site parameter's ID, whichever mode it was picked in (or a plain ID from older workflows). */
export function readSiteId(node: INode, value: unknown, itemIndex?: number): string {
	return requirePathId(node, 'Site', value, itemIndex, SITE_ID);
}

/** A 24-hex workspace ID or a slug (docs/api/webflow.md: "Unique identifier or slug"). */
const WORKSPACE: IdForm = {
	pattern: /^[A-Za-z0-9_-]{1,100}$/,
	what: "a workspace's ID or slug",
	hint: 'Use its 24-character ID or the slug from the dashboard URL, e.g. my-agency: letters, digits, "-" and "_".',
};

export const eventTypeField: INodeProperties = {
	displayName: 'Event Type',
	name: 'eventType',
	type: 'options',
	default: '',
	description: 'Only events of this type. Webflow filters on one type at a time.',
	options: [
		{ name: 'All', value: '' },
		{ name: 'Custom Role', value: 'custom_role', description: 'Custom roles created, updated or deleted' },
		{ name: 'Site Membership', value: 'site_membership', description: 'Site access granted, removed or changed' },
		{ name: 'User Access', value: 'user_access', description: 'Logins and logouts' },
		{ name: 'Workspace Invitation', value: 'workspace_invitation', description: 'Invitations sent, accepted, updated, canceled or declined' },
		{ name: 'Workspace Membership', value: 'workspace_membership', description: 'Members added, removed or given another role' },
		{ name: 'Workspace Setting', value: 'workspace_setting', description: 'Workspace settings changed, such as the AI toggle' },
	],
};

export const dateRangeFields = sharedDateRange('events', { name: 'from', displayName: 'From' }, { name: 'to', displayName: 'To' });

export function readWorkspaceQuery(
	node: INode,
	values: { workspace: unknown; eventType?: unknown; from?: unknown; to?: unknown; sortOrder?: unknown },
	itemIndex?: number,
): WorkspaceQuery {
	const date = (label: string, value: unknown) =>
		value === undefined || value === '' || value === null ? undefined : parseDateParam(node, label, value, itemIndex);
	const from = date('From', values.from);
	const to = date('To', values.to);
	checkDateRange(node, { label: 'From', ms: from }, { label: 'To', ms: to }, itemIndex);
	const eventType =
		values.eventType === undefined ? '' : requireOption(node, eventTypeField.displayName, values.eventType, optionValues(eventTypeField), itemIndex);
	const sortOrder = values.sortOrder === undefined ? 'desc' : requireOption(node, 'Sort Order', values.sortOrder, ['desc', 'asc'] as const, itemIndex);
	return {
		workspace: requirePathId(node, workspaceField.displayName, values.workspace, itemIndex, WORKSPACE),
		eventType: typeof eventType === 'string' && eventType ? eventType : undefined,
		from,
		to,
		sortOrder,
	};
}
