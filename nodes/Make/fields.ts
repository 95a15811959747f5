import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { dateRangeFields, filtersCollection } from '../shared/descriptions';
import { checkDateRange, optionValues, parseDateParam, readList, requireOption } from '../shared/validate';
import type { MakeQuery, MakeScope, SortField } from './api';
import { requireIntegerId, SORT_FIELDS } from './api';

export const organizationField: INodeProperties = {
	displayName: 'Organization',
	name: 'organization',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The organization whose audit log to read (its Owner or Admin role is needed)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchOrganizations', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '123456',
			validation: [{ type: 'regex', properties: { regex: '^[1-9][0-9]*$', errorMessage: 'A Make organization ID is a number' } }],
		},
	],
};

export const teamField: INodeProperties = {
	displayName: 'Team',
	name: 'team',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: "The team whose audit log to read (the Team Admin role is enough). The list shows the chosen organization's teams.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTeams', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '123456',
			validation: [{ type: 'regex', properties: { regex: '^[1-9][0-9]*$', errorMessage: 'A Make team ID is a number' } }],
		},
	],
};

const eventsField: INodeProperties = {
	displayName: 'Event Names or IDs',
	name: 'events',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getEvents', loadOptionsDependsOn: ['organization.value', 'team.value'] },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

const authorsField: INodeProperties = {
	displayName: 'Author Names or IDs',
	name: 'authors',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getAuthors', loadOptionsDependsOn: ['organization.value', 'team.value'] },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

const teamsField: INodeProperties = {
	displayName: 'Team Names or IDs',
	name: 'teams',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getTeams', loadOptionsDependsOn: ['organization.value'] },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

const dateFields = dateRangeFields('events', { name: 'dateFrom', displayName: 'Date From' }, { name: 'dateTo', displayName: 'Date To' });

export const organizationListFilters = filtersCollection([authorsField, ...dateFields, eventsField, teamsField]);
export const teamListFilters = filtersCollection([authorsField, ...dateFields, eventsField]);
export const organizationTriggerFilters = filtersCollection([authorsField, eventsField, teamsField]);
export const teamTriggerFilters = filtersCollection([authorsField, eventsField]);

export const sortFields: INodeProperties[] = [
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		default: 'triggeredAt',
		options: [
			{ name: 'Actor', value: 'actor' },
			{ name: 'Created At', value: 'createdAt' },
			{ name: 'Event Name', value: 'eventName' },
			{ name: 'Organization', value: 'organization' },
			{ name: 'Target ID', value: 'targetId' },
			{ name: 'Team', value: 'team' },
			{ name: 'Triggered At', value: 'triggeredAt' },
		],
	},
	{
		displayName: 'Sort Direction',
		name: 'sortDir',
		type: 'options',
		default: 'desc',
		options: [
			{ name: 'Descending', value: 'desc' },
			{ name: 'Ascending', value: 'asc' },
		],
	},
];

/** The scope a log operation or the trigger reads, from its Organization or Team parameter. */
export function readScope(node: INode, kind: 'organization' | 'team', value: unknown, itemIndex?: number): MakeScope {
	return kind === 'organization'
		? { organizationId: requireIntegerId(node, 'Organization', value, itemIndex) }
		: { teamId: requireIntegerId(node, 'Team', value, itemIndex) };
}

/** Filters and sort order as the API client takes them; bad dates fail before any request. */
export function readQuery(
	node: INode,
	scope: MakeScope,
	raw: { filters: IDataObject; sortBy?: unknown; sortDir?: unknown },
	itemIndex?: number,
): MakeQuery {
	const { filters: values } = raw;
	const date = (name: string, label: string) =>
		values[name] === undefined || values[name] === '' ? undefined : parseDateParam(node, label, values[name], itemIndex);
	const from = date('dateFrom', 'Date From');
	const to = date('dateTo', 'Date To');
	checkDateRange(node, { label: 'Date From', ms: from }, { label: 'Date To', ms: to }, itemIndex);
	// The trigger sets no sort order; the list operations offer these options only.
	const [sortByField, sortDirField] = sortFields;
	const sortBy =
		raw.sortBy === undefined ? 'triggeredAt' : requireOption(node, sortByField.displayName, raw.sortBy, SORT_FIELDS, itemIndex);
	const sortDir =
		raw.sortDir === undefined ? 'desc' : requireOption(node, sortDirField.displayName, raw.sortDir, optionValues(sortDirField) as Array<'asc' | 'desc'>, itemIndex);
	// A multi-select value: picked IDs, or a list or comma-separated text from an expression.
	const list = (name: string, field: INodeProperties) => readList(node, field.displayName, values[name], itemIndex);
	return {
		scope,
		events: list('events', eventsField),
		authors: list('authors', authorsField),
		teams: 'organizationId' in scope ? list('teams', teamsField) : undefined,
		from,
		to,
		sortBy: sortBy as SortField,
		sortDir,
	};
}
