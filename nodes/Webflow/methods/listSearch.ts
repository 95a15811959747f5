import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { dropdownClient, searchResults } from '../../shared/methods';
import { arrayAt } from '../../shared/paginate';
import { webflowApi } from '../api';

interface WebflowSite {
	id: string;
	displayName?: string;
	shortName?: string;
}

/** The sites the token can list (`GET /v2/sites`, scope sites:read; docs/api/webflow.md#site-list). */
export async function searchSites(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { body } = await dropdownClient(this, webflowApi).request({ url: '/v2/sites' });
	const sites = arrayAt<WebflowSite>('sites')(body);
	return searchResults(
		sites.map((site) => ({
			name: site.displayName ?? site.shortName ?? site.id,
			value: site.id,
			url: site.shortName ? `https://webflow.com/dashboard/sites/${site.shortName}/general` : undefined,
		})),
		filter,
	);
}
