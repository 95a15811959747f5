import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { dateRangeFields, filtersCollection, optionsWith, retryOptions } from '../shared/descriptions';
import { checkDateRange, optionalText, parseDateParam, requireText } from '../shared/validate';
import type { ActivityQuery, ActivityScope, PathStyle } from './api';
import { MAX_PAGE_SIZE, requireOrganizationId } from './api';
import type { ActivityFilter } from './filter';

export const scopeField: INodeProperties = {
	displayName: 'Scope',
	name: 'scope',
	type: 'options',
	default: 'organization',
	options: [
		{ name: 'Organization', value: 'organization', description: 'Every activity of the organization' },
		{ name: 'Workspace', value: 'workspace', description: 'The activities of one workspace of the organization' },
	],
};

export const organizationIdField: INodeProperties = {
	displayName: 'Organization ID',
	name: 'organizationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '0d8bf0f4-5a0c-4a0e-9b7a-3f1c2b6e9d10',
	description: "The organization's UUID (Organization admin → Organization settings)",
};

export const workspaceIdField: INodeProperties = {
	displayName: 'Workspace ID',
	name: 'workspaceId',
	type: 'string',
	default: '',
	required: true,
	description: "The workspace's ID, as the activities show it in workspace.ID",
	displayOptions: { show: { scope: ['workspace'] } },
};

const idList = (displayName: string, name: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description: `Only activities with one of these ${what}, comma-separated`,
});

const filterOptions: INodeProperties[] = [
	{
		displayName: 'Action Alias Names or IDs',
		name: 'actionAliases',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getActionAliases' },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	idList('Action IDs', 'actionIds', 'action IDs (e.g. com.workiva.administration.workspace_membership.create)'),
	idList('Performer IDs', 'performerIds', 'performer IDs'),
	idList('Target IDs', 'targetIds', 'target IDs'),
	...dateRangeFields('activities', { name: 'dateFrom', displayName: 'Date From' }, { name: 'dateTo', displayName: 'Date To' }),
];

export const listFilters = filtersCollection(filterOptions);
/** The trigger decides the time range itself. */
export const triggerFilters = filtersCollection(filterOptions.filter((option) => option.type !== 'dateTime'));

export const orderField: INodeProperties = {
	displayName: 'Order',
	name: 'order',
	type: 'options',
	default: 'desc',
	options: [
		{ name: 'Newest First', value: 'desc' },
		{ name: 'Oldest First', value: 'asc' },
	],
};

const rawFilterOption: INodeProperties = {
	displayName: 'Raw Filter Expression',
	name: 'rawFilter',
	type: 'string',
	default: '',
	placeholder: "action.alias eq 'user_login' or action.alias eq 'user_logout'",
	description:
		'A $filter expression of your own, in Workiva\'s syntax. It is put in parentheses and combined with the filters above using "and".',
};

const pathStyleOption: INodeProperties = {
	displayName: 'Path Style',
	name: 'pathStyle',
	type: 'options',
	default: 'documented',
	description: 'Whether the 2026-01-01 URLs still carry /admin/v1 is not confirmed; switch if Workiva answers 404',
	options: [
		{ name: 'Documented (/Organizations/…)', value: 'documented' },
		{ name: 'Legacy Prefix (/Admin/v1/Organizations/…)', value: 'adminV1' },
	],
};

const pageSizeOption: INodeProperties = {
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
	default: 1000,
	description: 'Activities per request ($maxpagesize), up to 1000',
};


export const activityListOptions = optionsWith([pageSizeOption, pathStyleOption, rawFilterOption]);
export const triggerOptions = optionsWith([pathStyleOption, rawFilterOption]);
export const pathOptions = optionsWith([pathStyleOption]);
/** The action catalogue is no audit event: no output format. */
export const catalogueOptions = optionsWith([pathStyleOption], retryOptions);

const commaList = (value: unknown): string[] | undefined => {
	const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
	const cleaned = [...new Set(list.map((entry) => entry.trim()).filter(Boolean))];
	return cleaned.length ? cleaned : undefined;
};

export function readPathStyle(options: IDataObject): PathStyle {
	return options.pathStyle === 'adminV1' ? 'adminV1' : 'documented';
}

export function readScope(node: INode, raw: { scope: unknown; organizationId: unknown; workspaceId: unknown }, itemIndex?: number): ActivityScope {
	const organizationId = requireOrganizationId(node, raw.organizationId, itemIndex);
	if (raw.scope !== 'workspace') return { organizationId };
	return { organizationId, workspaceId: requireText(node, 'Workspace ID', raw.workspaceId, itemIndex) };
}

/** The filters as the API client takes them; bad dates fail before any request. */
export function readFilter(node: INode, values: IDataObject, options: IDataObject, itemIndex?: number): ActivityFilter {
	const date = (name: string, label: string) =>
		values[name] === undefined || values[name] === '' ? undefined : parseDateParam(node, label, values[name], itemIndex);
	const from = date('dateFrom', 'Date From');
	const to = date('dateTo', 'Date To');
	checkDateRange(node, { label: 'Date From', ms: from }, { label: 'Date To', ms: to }, itemIndex);
	return {
		actionAliases: commaList(values.actionAliases),
		actionIds: commaList(values.actionIds),
		performerIds: commaList(values.performerIds),
		targetIds: commaList(values.targetIds),
		from,
		to,
		raw: optionalText(node, 'Raw Filter Expression', options.rawFilter, itemIndex),
	};
}

export function readQuery(node: INode, raw: { scope: ActivityScope; filters: IDataObject; options: IDataObject; order: unknown }, itemIndex?: number): ActivityQuery {
	const pageSize = Number(raw.options.pageSize);
	return {
		scope: raw.scope,
		filter: readFilter(node, raw.filters, raw.options, itemIndex),
		order: raw.order === 'asc' ? 'asc' : 'desc',
		pageSize: Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE ? pageSize : MAX_PAGE_SIZE,
		pathStyle: readPathStyle(raw.options),
	};
}
