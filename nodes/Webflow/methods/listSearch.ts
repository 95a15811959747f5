import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { dropdownClient, searchResults } from '../../shared/methods';
import { listSites, webflowApi } from '../api';

/** The sites the token can list (`GET /v2/sites`, scope sites:read; docs/api/webflow.md#site-list). */
export async function searchSites(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const sites = await listSites(dropdownClient(this, webflowApi));
	return searchResults(
		sites.map((site) => ({
			name: site.displayName ?? site.shortName ?? site.id,
			value: site.id,
			url: site.shortName ? `https://webflow.com/dashboard/sites/${site.shortName}/general` : undefined,
		})),
		filter,
	);
}
