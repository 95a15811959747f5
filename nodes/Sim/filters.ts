import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { dateRangeFields, filtersCollection } from '../shared/descriptions';
import { checkDateRange, optionalText, parseDateParam, readList, requireBoolean } from '../shared/validate';
import type { SimFilters } from './api';
import { actionOptions, resourceTypeOptions } from './catalogue';

const eventFilters: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		options: actionOptions,
		default: 'workflow.deployed',
		description:
			'Only this action (resource.verb). The list is Sim\'s own catalogue; use an expression for an action it does not list yet.',
	},
	{
		displayName: 'Actor ID',
		name: 'actorId',
		type: 'string',
		default: '',
		description: 'Only events by this user. Sim accepts only current members of your organization here.',
	},
	{
		displayName: 'Include Departed Members',
		name: 'includeDeparted',
		type: 'boolean',
		default: false,
		description: 'Whether to include events by people who have left the organization',
	},
	{
		displayName: 'Resource ID',
		name: 'resourceId',
		type: 'string',
		default: '',
		description: 'Only events about this resource',
	},
	{
		displayName: 'Resource Types',
		name: 'resourceType',
		type: 'multiOptions',
		options: resourceTypeOptions,
		default: [],
		description:
			'Only events about these kinds of resource. Member events use Workspace or Organization. An expression may give a comma-separated list.',
	},
	{
		displayName: 'Workspace ID',
		name: 'workspaceId',
		type: 'string',
		default: '',
		description: 'Only events of this workspace. It must belong to your organization.',
	},
];

const dateFilters = dateRangeFields('events', { name: 'startDate', displayName: 'Start Date' }, { name: 'endDate', displayName: 'End Date' });

export const listFilters = filtersCollection([...eventFilters, ...dateFilters]);
/** The trigger decides the time range itself. */
export const triggerFilters = filtersCollection(eventFilters);

export function readFilters(node: INode, raw: IDataObject, itemIndex?: number): SimFilters {
	const text = (name: string, label: string) => optionalText(node, label, raw[name], itemIndex);
	const date = (name: string, label: string) =>
		raw[name] === undefined || raw[name] === '' ? undefined : parseDateParam(node, label, raw[name], itemIndex);

	const startDate = date('startDate', 'Start Date');
	const endDate = date('endDate', 'End Date');
	checkDateRange(node, { label: 'Start Date', ms: startDate }, { label: 'End Date', ms: endDate }, itemIndex);

	// A list from the dropdown, or a comma-separated text from an expression (or an older workflow).
	const resourceTypes = readList(node, 'Resource Types', raw.resourceType, itemIndex) ?? [];
	const includeDeparted =
		raw.includeDeparted === undefined ? undefined : requireBoolean(node, 'Include Departed Members', raw.includeDeparted, itemIndex);
	return {
		action: text('action', 'Action'),
		actorId: text('actorId', 'Actor ID'),
		resourceId: text('resourceId', 'Resource ID'),
		workspaceId: text('workspaceId', 'Workspace ID'),
		resourceTypes: resourceTypes.length ? [...new Set(resourceTypes)].sort() : undefined,
		startDate,
		endDate,
		includeDeparted,
	};
}
