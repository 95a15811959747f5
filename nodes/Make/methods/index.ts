import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { dropdownClient, searchResults } from '../../shared/methods';
import type { MakeScope } from '../api';
import { getFilterCatalogue, listOrganizations, makeApi } from '../api';

/** The ID picked in a resource locator, or undefined while none is picked yet. */
function pickedId(ctx: ILoadOptionsFunctions, name: string): number | undefined {
	const value = ctx.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return /^[1-9]\d*$/.test(text) ? Number(text) : undefined;
}

/**
 * Which filter catalogue the dropdowns read: the team's for a team log (node resource or
 * trigger scope), otherwise the organization's.
 */
function catalogueScope(ctx: ILoadOptionsFunctions): MakeScope | undefined {
	const parameters = ctx.getCurrentNodeParameters() ?? {};
	const teamLog = parameters.resource === 'teamAuditLog' || parameters.scope === 'team';
	const teamId = teamLog ? pickedId(ctx, 'team') : undefined;
	if (teamId !== undefined) return { teamId };
	const organizationId = pickedId(ctx, 'organization');
	return organizationId === undefined ? undefined : { organizationId };
}

async function catalogue(ctx: ILoadOptionsFunctions, scope = catalogueScope(ctx)) {
	return scope ? await getFilterCatalogue(dropdownClient(ctx, makeApi), scope) : undefined;
}

const label = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

export const listSearch = {
	/** The token's organizations in the credential's zone (`GET /organizations`). */
	async searchOrganizations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const organizations = await listOrganizations(dropdownClient(this, makeApi));
		return searchResults(
			organizations.filter((org) => org.id !== undefined).map((org) => ({ name: org.name ?? String(org.id), value: String(org.id) })),
			filter,
		);
	},

	/** The chosen organization's teams, from its filter catalogue. */
	async searchTeams(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const organizationId = pickedId(this, 'organization');
		if (organizationId === undefined) return { results: [] };
		const found = await catalogue(this, { organizationId });
		const teams = found?.teams ?? [];
		return searchResults(teams.map((team) => ({ name: label(team.name), value: label(team.id) })), filter);
	},
};

export const loadOptions = {
	/** Make's event catalogue; its group headers stay visible as a prefix ("Keys: Key created"). */
	async getEvents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const groups = (await catalogue(this))?.events ?? [];
		return groups.flatMap((group) =>
			(group.items ?? []).map((item) => ({
				name: `${label(group.header)}: ${label(item.label ?? item.value)}`,
				value: label(item.value ?? item.label),
			})),
		);
	},

	async getAuthors(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const users = (await catalogue(this))?.users ?? [];
		return users
			.map((user) => ({ name: label(user.name), value: label(user.id), description: label(user.email) || undefined }))
			.sort((a, b) => a.name.localeCompare(b.name));
	},

	async getTeams(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const organizationId = pickedId(this, 'organization');
		if (organizationId === undefined) return [];
		const teams = (await catalogue(this, { organizationId }))?.teams ?? [];
		return teams.map((team) => ({ name: label(team.name), value: label(team.id) })).sort((a, b) => a.name.localeCompare(b.name));
	},
};
