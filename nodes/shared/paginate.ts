import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Envelope } from './envelope';
import { expectEnvelope, readingResponse, UnexpectedResponse, valueAt } from './envelope';
import type { ApiClient, ApiRequest, ApiResponse } from './transport';
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
 *
 * `items`, `check` and `next` may throw an `UnexpectedResponse`; the engine reports it as
 * the provider's unexpected response, with the HTTP status.
 */
export interface PaginationStrategy<T> {
	first(pageSize: number): ApiRequest;
	next(page: Page<T>, pageSize: number): ApiRequest | null;
	/** Called only once the page matched `envelope`. */
	items(body: unknown): T[];
	/** The parts of each page's body that `items` and `next` rely on, checked before either runs. */
	envelope?: Envelope;
	/** Further checks of a page against the request that asked for it, e.g. an offset the API echoes. */
	check?(request: ApiRequest, body: unknown): void;
	/** The number of entries the API says the whole list has. It must not fall during a walk: see `paginate`. */
	totalOf?(body: unknown): number | undefined;
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
 * Pages in a row that brought no entry not seen before in this walk, after which the API is
 * taken to be ignoring the paging parameters (a cursor, link or offset that leads nowhere new).
 * Honest walks re-read entries only where pages overlap or new entries shifted offsets, which
 * never fills this many pages in a row.
 */
export const STALLED_PAGES = 10;

/**
 * Walks the pages of one list: each item once, at most `limit` of them, without requesting
 * a page it does not need. It stops early, marked incomplete, once the client's deadline
 * has passed. It fails rather than return a list it cannot vouch for:
 *
 * - each page must match the strategy's envelope (`Unexpected response from Make: \`auditLogs\` is missing`),
 *   on every page, so a wrong-shape page 3 fails the walk instead of quietly ending it;
 * - a repeated page request (a cursor or next link that comes back) is an error, not an endless loop;
 * - so are STALLED_PAGES pages in a row with nothing new (an API that ignores the paging parameters),
 *   and, where the API reports a total, a single page of entries already fetched that the total
 *   does not explain: the entries added ahead of the walk that would push old ones into a page
 *   again also raise the total by as many;
 * - a page bigger than asked is used whole: offsets advance by what the page held, so nothing
 *   is skipped, entries seen twice are dropped by identity, and `limit` still caps the result;
 * - a total that grows (entries added while paging) needs nothing: an entry added ahead of the
 *   walk's position shifts unread entries further on, where the walk still reaches them (the
 *   latest total decides where it ends), and the entries it pushes back into a page again are
 *   dropped by identity; an entry added behind the position was not there when the walk started;
 * - a total that falls is an error. An entry removed ahead of the walk's position pulls unread
 *   entries back past it, which would silently go missing, and the total alone cannot tell that
 *   from a removal behind it (harmless). Audit logs lose entries only to retention or a
 *   miscounting API, both rare within one walk; running again (a trigger's next poll) reads a
 *   settled list.
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
	let firstPage: string[] | undefined;
	let lastTotal: number | undefined;
	let stalled = 0;

	while (request) {
		const key = requestKey(request);
		if (seenRequests.has(key)) throw repeatedPageError(client, key);
		seenRequests.add(key);

		const response: ApiResponse = await client.request(request);
		const { body } = response;
		const current: ApiRequest = request;
		const raw = readingResponse(client, response, () => {
			if (strategy.envelope) expectEnvelope(client, response, strategy.envelope);
			strategy.check?.(current, body);
			return strategy.items(body);
		});

		const total = readingResponse(client, response, () => strategy.totalOf?.(body));
		if (total !== undefined && lastTotal !== undefined && total < lastTotal) throw shrankError(client, lastTotal, total);

		const ids = raw.map(options.idOf);
		if (firstPage === undefined && ids.length > 0) firstPage = ids;
		let fresh = 0;
		for (const [index, item] of raw.entries()) {
			if (!firstSighting(seenIds, ids[index])) continue;
			fresh++;
			if (options.keep?.(item) ?? true) collected.push(item);
		}
		if (total !== undefined) {
			// Entries come again only when as many were added ahead of the walk, which the total shows.
			// An API that ignores the offset serves the first page again. Twins (entries identical in
			// every field share one identity) can look the same: a first page of one identity only
			// (page size 1, or a run of twins) is what an honest next page may hold too, so such a
			// walk is left to the stalled-pages check rather than failed at once, for good.
			const restarted = ids.length > 0 && startsAgain(ids, firstPage ?? []);
			if (restarted && fresh === 0 && total - (lastTotal ?? total) < raw.length) throw repeatedEntriesError(client);
			lastTotal = total;
		}
		if (collected.length >= limit) return { items: collected.slice(0, limit), complete: true };

		request = readingResponse(client, response, (): ApiRequest | null =>
			strategy.next({ request: current, body, items: raw }, pageSizeFor(limit - collected.length, options.maxPageSize)),
		);
		stalled = fresh > 0 ? 0 : stalled + 1;
		if (request && stalled >= STALLED_PAGES) throw stalledError(client);
		const pastDeadline = client.deadline !== undefined && Date.now() >= client.deadline;
		if (request && pastDeadline && collected.length >= (options.minimum ?? 0)) {
			return { items: collected, complete: false };
		}
	}
	return { items: collected, complete: true };
}

/** Whether `ids` repeat the start of the walk's first page, which held at least two different entries. */
function startsAgain(ids: string[], firstPage: string[]): boolean {
	if (new Set(firstPage).size < 2) return false;
	return ids.every((id, index) => index >= firstPage.length || id === firstPage[index]);
}

/** A page request made twice in one walk: the API sent back a cursor or next link it had sent before. */
export function repeatedPageError(client: ApiClient, request: string) {
	return new NodeApiError(
		client.node,
		{ request },
		{
			message: `${client.api.name} returned the same page cursor twice`,
			description: 'Stopped paging to avoid an endless loop. The items fetched so far were not returned.',
		},
	);
}

function shrankError(client: ApiClient, before: number, after: number) {
	const { name } = client.api;
	return new NodeApiError(
		client.node,
		{ totalBefore: before, totalAfter: after },
		{
			message: `The ${name} list shrank while it was read (total ${before}, then ${after})`,
			description:
				'Entries were removed during the walk, or the API miscounted them. Removed entries shift the offsets of later pages, ' +
				'so some entries may have been skipped: nothing was returned. Run it again (a trigger tries again at its next poll).',
		},
	);
}

function repeatedEntriesError(client: ApiClient) {
	return new NodeApiError(
		client.node,
		{},
		{
			message: `${client.api.name} returned a page of entries already fetched`,
			description:
				'The next page held only entries read before, and the total did not grow to explain it: the API seems to ignore the paging offset. ' +
				'Stopped paging to avoid a wrong or endless list; nothing was returned.',
		},
	);
}

function stalledError(client: ApiClient) {
	return new NodeApiError(
		client.node,
		{ stalledPages: STALLED_PAGES },
		{
			message: `${client.api.name} kept returning entries already fetched`,
			description: `${STALLED_PAGES} pages in a row brought no new entry, so paging stopped to avoid an endless loop: the API seems to ignore the paging parameters. Nothing was returned.`,
		},
	);
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

/**
 * Where an offset walk goes after a page at `offset` that asked for `requested` entries and
 * held `count`: the next offset, or null at the end. It advances by what the page held, so a
 * page bigger than asked skips nothing. With a total, the total decides: a short page may only
 * mean that the API applied a smaller maximum than asked, so it does not end the walk while the
 * total says more are left. Without one, the first short page is the last. An empty page ends it,
 * but one below the total contradicts itself, and stopping there would silently cut the list.
 */
export function offsetAfter(page: { offset: number; requested: number; count: number; total?: number }): number | null {
	const next = page.offset + page.count;
	if (page.count === 0) {
		if (page.total !== undefined && page.offset < page.total) {
			throw new UnexpectedResponse(`no entries at offset ${page.offset}, although the total is ${page.total}`);
		}
		return null;
	}
	if (page.total !== undefined) return next >= page.total ? null : next;
	return page.count < page.requested ? null : next;
}

/** An offset the API echoes (at `path`) must be the one asked for; else it ignored it. */
export function checkOffsetEcho(body: unknown, path: string, asked: number) {
	const echoed = valueAt(body, path);
	if (typeof echoed === 'number' && echoed !== asked) {
		throw new UnexpectedResponse(`\`${path}\` is ${echoed}, but offset ${asked} was asked for`);
	}
}

/* ----- Strategies for the common paging styles ----- */

interface StrategyBase<T> {
	url: string;
	qs?: IDataObject;
	limitParam: string;
	itemsOf(body: unknown): T[];
	/** The parts of each page the strategy relies on (see `Envelope`). */
	envelope?: Envelope;
}

/**
 * Offset paging, as `offsetAfter` decides. With `totalOf` the total ends the walk (and must
 * not fall during it: see `paginate`).
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
		envelope: spec.envelope,
		totalOf: spec.totalOf,
		next(page, pageSize) {
			const offset = offsetAfter({
				offset: Number(page.request.qs?.[spec.offsetParam]),
				requested: Number(page.request.qs?.[spec.limitParam]),
				count: page.items.length,
				total: spec.totalOf?.(page.body),
			});
			return offset === null ? null : at(offset, pageSize);
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
		envelope: spec.envelope,
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
		envelope: spec.envelope,
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
		envelope: spec.envelope,
		next(page) {
			const link = spec.nextLinkOf(page.body);
			return link ? { url: link, qs: {} } : null;
		},
	};
}

/**
 * The array at `key` of an object body. Lenient, [] when absent: use it only behind an
 * envelope that requires the array (`{ [key]: 'array' }`), or a wrong-shape response reads
 * as an empty list.
 */
export function arrayAt<T>(key: string): (body: unknown) => T[] {
	return (body) => {
		const value = isObject(body) ? body[key] : undefined;
		return Array.isArray(value) ? (value as T[]) : [];
	};
}
