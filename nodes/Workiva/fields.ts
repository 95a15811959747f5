import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { dateRangeFields, filtersCollection, optionsWith, retryOptions } from '../shared/descriptions';
import { checkDateRange, optionValues, parseDateParam, readList, requireOption, requirePathId, requireText } from '../shared/validate';
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

export function readPathStyle(options: IDataObject): PathStyle {
	return options.pathStyle === 'adminV1' ? 'adminV1' : 'documented';
}

export function readScope(node: INode, raw: { scope: unknown; organizationId: unknown; workspaceId: unknown }, itemIndex?: number): ActivityScope {
	const scope = requireOption(node, scopeField.displayName, raw.scope, optionValues(scopeField), itemIndex);
	const organizationId = requireOrganizationId(node, raw.organizationId, itemIndex);
	if (scope !== 'workspace') return { organizationId };
	return { organizationId, workspaceId: requirePathId(node, workspaceIdField.displayName, raw.workspaceId, itemIndex) };
}

/** A raw `$filter` may be long, but not longer than a URL can carry. */
const MAX_RAW_FILTER_LENGTH = 4000;

/**
 * The Raw Filter Expression, checked: it is put in parentheses and and-ed with the built
 * clauses, which holds only if its own parentheses and quotes are balanced. Otherwise
 * `x') or (true` would close the parenthesis and or away every other filter.
 */
function readRawFilter(node: INode, value: unknown, itemIndex?: number): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	const label = rawFilterOption.displayName;
	const text = requireText(node, label, value, itemIndex, MAX_RAW_FILTER_LENGTH);
	let depth = 0;
	let quoted = false;
	for (let i = 0; i < text.length && depth >= 0; i++) {
		const char = text[i];
		if (quoted) {
			if (char === "'" && text[i + 1] === "'") i++;
			else if (char === "'") quoted = false;
		} else if (char === "'") quoted = true;
		else if (char === '(') depth++;
		else if (char === ')') depth--;
	}
	if (quoted || depth !== 0) {
		throw new NodeOperationError(node, `Parameter "${label}" must be a complete expression with balanced parentheses and quotes`, {
			description: `${quoted ? 'A string is not closed' : depth > 0 ? 'A "(" is not closed' : 'A ")" closes more than was opened'}. It is put in parentheses and combined with the other filters using "and", e.g. action.alias eq 'user_login' or action.alias eq 'user_logout'; a ' inside a string is written ''.`,
			itemIndex,
		});
	}
	return text;
}

/** The filters as the API client takes them; bad dates fail before any request. */
export function readFilter(node: INode, values: IDataObject, options: IDataObject, itemIndex?: number): ActivityFilter {
	const date = (name: string, label: string) =>
		values[name] === undefined || values[name] === '' ? undefined : parseDateParam(node, label, values[name], itemIndex);
	const from = date('dateFrom', 'Date From');
	const to = date('dateTo', 'Date To');
	checkDateRange(node, { label: 'Date From', ms: from }, { label: 'Date To', ms: to }, itemIndex);
	const list = (name: string) => {
		const field = filterOptions.find((option) => option.name === name)!;
		return readList(node, field.displayName, values[name], itemIndex);
	};
	return {
		actionAliases: list('actionAliases'),
		actionIds: list('actionIds'),
		performerIds: list('performerIds'),
		targetIds: list('targetIds'),
		from,
		to,
		raw: readRawFilter(node, options.rawFilter, itemIndex),
	};
}

export function readQuery(node: INode, raw: { scope: ActivityScope; filters: IDataObject; options: IDataObject; order: unknown }, itemIndex?: number): ActivityQuery {
	// Page Size itself is checked with the other options (checkOptions).
	const pageSize = Number(raw.options.pageSize);
	return {
		scope: raw.scope,
		filter: readFilter(node, raw.filters, raw.options, itemIndex),
		order: raw.order === undefined ? 'desc' : requireOption(node, orderField.displayName, raw.order, ['desc', 'asc'] as const, itemIndex),
		pageSize: Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE ? pageSize : MAX_PAGE_SIZE,
		pathStyle: readPathStyle(raw.options),
	};
}
