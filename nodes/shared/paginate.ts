import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiClient, ApiRequest } from './transport';
import { isObject } from './transport';

export interface Page<T> {
	request: ApiRequest;
	body: unknown;
	items: T[];
}

/**
 * How one endpoint pages. The engine asks for the first request, then for the request
 * after each page until the strategy returns null. `pageSize` is what the engine still
 * needs, capped at the API's maximum, so the last page asks for no more than required.
 */
export interface PaginationStrategy<T> {
	first(pageSize: number): ApiRequest;
	next(page: Page<T>, pageSize: number): ApiRequest | null;
	items(body: unknown): T[];
}

export interface PaginateOptions<T> {
	/** Stop once this many items are collected; undefined = all. */
	limit?: number;
	maxPageSize: number;
	/**
	 * The item's identity: the API's ID, or a content hash where it has none. Every walk
	 * drops items it already delivered, because offset pages shift when rows are added
	 * or removed during the walk (and windowed strategies overlap on purpose).
	 */
	idOf: (item: T) => string;
	/** Drops items the API returned but the caller filters out itself; paging still counts them. */
	keep?: (item: T) => boolean;
	/** The walk goes on past the client's deadline until it holds this many items. */
	minimum?: number;
}

export interface PaginateResult<T> {
	items: T[];
	/** False when the client's deadline (a trigger's poll budget) cut the walk short. */
	complete: boolean;
}

/**
 * Walks the pages of one list: each item once, at most `limit` of them, without requesting
 * a page it does not need. It stops early, marked incomplete, once the client's deadline
 * has passed; a repeated page request is an error rather than an endless loop.
 */
export async function paginate<T>(
	client: ApiClient,
	strategy: PaginationStrategy<T>,
	options: PaginateOptions<T>,
): Promise<PaginateResult<T>> {
	const limit = options.limit ?? Infinity;
	const seenRequests = new Set<string>();
	const seenIds = new Set<string>();
	const collected: T[] = [];
	let request: ApiRequest | null = strategy.first(pageSizeFor(limit, options.maxPageSize));

	while (request) {
		const key = requestKey(request);
		if (seenRequests.has(key)) {
			throw new NodeApiError(
				client.node,
				{ request: key },
				{
					message: `${client.api.name} returned the same page cursor twice`,
					description: 'Stopped paging to avoid an endless loop. The items fetched so far were not returned.',
				},
			);
		}
		seenRequests.add(key);

		const { body } = await client.request(request);
		const raw = strategy.items(body);
		for (const item of raw) {
			if ((options.keep?.(item) ?? true) && firstSighting(seenIds, options.idOf(item))) collected.push(item);
		}
		if (collected.length >= limit) return { items: collected.slice(0, limit), complete: true };

		request = strategy.next({ request, body, items: raw }, pageSizeFor(limit - collected.length, options.maxPageSize));
		const pastDeadline = client.deadline !== undefined && Date.now() >= client.deadline;
		if (request && pastDeadline && collected.length >= (options.minimum ?? 0)) {
			return { items: collected, complete: false };
		}
	}
	return { items: collected, complete: true };
}

function pageSizeFor(wanted: number, maxPageSize: number) {
	return Math.max(1, Math.min(maxPageSize, wanted));
}

function firstSighting(seen: Set<string>, id: string) {
	if (seen.has(id)) return false;
	seen.add(id);
	return true;
}

function requestKey(request: ApiRequest) {
	return JSON.stringify([request.url, request.qs ?? {}]);
}

/* ----- Strategies for the common paging styles ----- */

interface StrategyBase<T> {
	url: string;
	qs?: IDataObject;
	limitParam: string;
	itemsOf(body: unknown): T[];
}

/**
 * Offset paging. With `totalOf` it stops when offset reaches the reported total;
 * without it, at the first short page.
 */
export function offsetPagination<T>(
	spec: StrategyBase<T> & { offsetParam: string; totalOf?: (body: unknown) => number | undefined; startOffset?: number },
): PaginationStrategy<T> {
	const at = (offset: number, pageSize: number): ApiRequest => ({
		url: spec.url,
		qs: { ...spec.qs, [spec.offsetParam]: offset, [spec.limitParam]: pageSize },
	});
	return {
		first: (pageSize) => at(spec.startOffset ?? 0, pageSize),
		items: spec.itemsOf,
		next(page, pageSize) {
			const requested = Number(page.request.qs?.[spec.limitParam]);
			const offset = Number(page.request.qs?.[spec.offsetParam]) + page.items.length;
			if (page.items.length === 0 || page.items.length < requested) return null;
			const total = spec.totalOf?.(page.body);
			if (total !== undefined && offset >= total) return null;
			return at(offset, pageSize);
		},
	};
}

/** An opaque cursor returned in the body and sent back as a query parameter. */
export function cursorPagination<T>(
	spec: StrategyBase<T> & { cursorParam: string; nextCursorOf(body: unknown): string | undefined | null },
): PaginationStrategy<T> {
	return {
		first: (pageSize) => ({ url: spec.url, qs: { ...spec.qs, [spec.limitParam]: pageSize } }),
		items: spec.itemsOf,
		next(page, pageSize) {
			const cursor = spec.nextCursorOf(page.body);
			if (!cursor) return null;
			return { url: spec.url, qs: { ...spec.qs, [spec.limitParam]: pageSize, [spec.cursorParam]: cursor } };
		},
	};
}

/** Keyset ("entries after the last key you saw"); stops at the first short page. */
export function keysetPagination<T>(
	spec: StrategyBase<T> & { keyParam: string; lastKeyOf(page: Page<T>): string | number | undefined },
): PaginationStrategy<T> {
	return {
		first: (pageSize) => ({ url: spec.url, qs: { ...spec.qs, [spec.limitParam]: pageSize } }),
		items: spec.itemsOf,
		next(page, pageSize) {
			const requested = Number(page.request.qs?.[spec.limitParam]);
			if (page.items.length < requested) return null;
			const key = spec.lastKeyOf(page);
			if (key === undefined) return null;
			return { url: spec.url, qs: { ...spec.qs, [spec.limitParam]: pageSize, [spec.keyParam]: key } };
		},
	};
}

/**
 * An absolute next link. The link already carries every query parameter, so the
 * original query is dropped. The client refuses links to another origin.
 */
export function nextLinkPagination<T>(
	spec: StrategyBase<T> & { nextLinkOf(body: unknown): string | undefined | null },
): PaginationStrategy<T> {
	return {
		first: (pageSize) => ({ url: spec.url, qs: { ...spec.qs, [spec.limitParam]: pageSize } }),
		items: spec.itemsOf,
		next(page) {
			const link = spec.nextLinkOf(page.body);
			return link ? { url: link, qs: {} } : null;
		},
	};
}

/** Reads an array at `key` of a JSON object body, or [] when absent. */
export function arrayAt<T>(key: string): (body: unknown) => T[] {
	return (body) => {
		const value = isObject(body) ? body[key] : undefined;
		return Array.isArray(value) ? (value as T[]) : [];
	};
}
