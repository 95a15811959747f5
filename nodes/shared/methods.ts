import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { ProviderApi } from './transport';
import { ApiClient } from './transport';

/**
 * Dropdowns (`methods.loadOptions`) and searchable lists (`methods.listSearch`, for resource
 * locators) call the API through the same client as the nodes: the credential's origin only,
 * the provider's errors. A dropdown should answer quickly, so it retries once at most.
 */
export function dropdownClient(ctx: ILoadOptionsFunctions, api: ProviderApi): ApiClient {
	return new ApiClient(ctx, api, { retry: { maxRetries: 1, initialDelayMs: 500, maxWaitMs: 5_000 } });
}

/** A searchable list from items already fetched: a case-insensitive match on name or ID. */
export function searchResults(items: INodeListSearchItems[], filter?: string): INodeListSearchResult {
	const needle = filter?.trim().toLowerCase();
	const results = needle
		? items.filter((item) => item.name.toLowerCase().includes(needle) || String(item.value).toLowerCase().includes(needle))
		: items;
	return { results: [...results].sort((a, b) => a.name.localeCompare(b.name)) };
}
