import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { optionValues, requireOption } from '../../../shared/validate';
import { getFilterCatalogue } from '../../api';
import { organizationField, readScope, teamField } from '../../fields';

const catalogueScopeField: INodeProperties = {
	displayName: 'Catalogue Of',
	name: 'catalogueScope',
	type: 'options',
	default: 'organization',
	options: [
		{ name: 'Organization', value: 'organization', description: 'Events, users and teams of an organization\'s log' },
		{ name: 'Team', value: 'team', description: 'Events and users of a team\'s log' },
	],
};

const properties: INodeProperties[] = [
	catalogueScopeField,
	{ ...organizationField, required: false, description: "The organization; for a team's catalogue it only lists its teams" },
	{ ...teamField, displayOptions: { show: { catalogueScope: ['team'] } } },
];

export const description = withDisplayOptions({ resource: ['filterCatalogue'], operation: ['get'] }, properties);

/** One item per filter value: each event (with its group), user and team. */
export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
	const kind = requireOption(
		this.getNode(),
		catalogueScopeField.displayName,
		this.getNodeParameter('catalogueScope', itemIndex, 'organization'),
		optionValues(catalogueScopeField) as Array<'organization' | 'team'>,
		itemIndex,
	);
	const scope = readScope(this.getNode(), kind, this.getNodeParameter(kind, itemIndex, '', { extractValue: true }), itemIndex);
	const catalogue = await getFilterCatalogue(client, scope);
	const events = (catalogue.events ?? []).flatMap((group) =>
		(group.items ?? []).map((item) => ({ type: 'event', group: group.header, label: item.label, value: item.value })),
	);
	const users = (catalogue.users ?? []).map((user) => ({ type: 'user', ...user }));
	const teams = (catalogue.teams ?? []).map((team) => ({ type: 'team', ...team }));
	return { events: [...events, ...users, ...teams] };
}
