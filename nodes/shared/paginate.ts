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
	/**
	 * The query parameter of an offset walk, whose pages can be asked for out of turn: a walk
	 * that may fetch pages ahead (a regular node's Return All) asks for several at once. `next`
	 * still decides where the walk goes and where it ends.
	 */
	offsetParam?: string;
	/** The list filters by time: a walk that may fetch pages ahead splits it into windows walked at once. */
	timeWindows?: TimeWindows<T>;
}

/**
 * A list the API filters by time, in time order (newest or oldest first), paged by a cursor or
 * next link that only one walk at a time can follow. After the first page, a walk that may
 * fetch pages ahead splits the rest of the list into windows of time, walks each window on its
 * own, several at once, and joins them in the list's order (see `walkTimeWindows`).
 */
export interface TimeWindows<T> {
	newestFirst: boolean;
	timeOf(item: T): number;
	/**
	 * Window edges fall on multiples of this (ms): the finest time the API filters on exactly.
	 * Each time unit is read whole by one window, so entries that share it keep the API's order.
	 */
	unitMs: number;
	/**
	 * The entries with `from` ≤ time < `until` (a side left undefined is open), within the
	 * user's own filters, in the list's order; `keep` drops what the API returned beyond them.
	 */
	window(from: number | undefined, until: number | undefined): { strategy: PaginationStrategy<T>; keep?: (item: T) => boolean };
	/** The user's range, epoch ms: `from` inclusive, `until` exclusive. Windows stay inside it. */
	range: { from?: number; until?: number };
	/**
	 * The time of the list's last entry, in its order, where the API can tell (e.g. one entry in
	 * the other order); undefined for an empty list. Windows then spread evenly up to it.
	 */
	farEnd?(client: ApiClient): Promise<number | undefined>;
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
 *   settled list (totals are compared with those known when each page was asked for).
 *
 * A regular node's Return All (a client with pages ahead, so no deadline, and no `limit`) does
 * not wait for one page before asking for the next: offset walks fetch the pages after the first
 * several at once (`PagesAhead`), and lists filtered by time walk windows of time at once
 * (`walkTimeWindows`). Every check above still holds for every page. Triggers and dropdowns
 * walk one page at a time.
 */
export async function paginate<T>(
	client: ApiClient,
	strategy: PaginationStrategy<T>,
	options: PaginateOptions<T>,
): Promise<PaginateResult<T>> {
	const ahead = options.limit === undefined ? client.pagesAhead : 0;
	if (ahead > 0 && strategy.timeWindows) return await walkTimeWindows(client, strategy, strategy.timeWindows, options, ahead);
	const pagesAhead = ahead > 0 && strategy.offsetParam !== undefined ? new PagesAhead(client, strategy.offsetParam, ahead) : undefined;
	try {
		return (await walk(client, strategy, options, pagesAhead)).result;
	} finally {
		// Pages asked for beyond the end (or before a failure) finish before the node goes on.
		await pagesAhead?.settle();
	}
}

/**
 * The walk itself, one page after another (some perhaps fetched ahead). `firstPageOnly` stops it
 * after the first page, marked incomplete if there is more; `lastPage` is what that page held.
 */
async function walk<T>(
	client: ApiClient,
	strategy: PaginationStrategy<T>,
	options: PaginateOptions<T>,
	pagesAhead?: PagesAhead,
	firstPageOnly = false,
): Promise<{ result: PaginateResult<T>; lastPage: T[] }> {
	const limit = options.limit ?? Infinity;
	const seenRequests = new Set<string>();
	const seenIds = new Set<string>();
	const collected: T[] = [];
	let request: ApiRequest | null = strategy.first(pageSizeFor(limit, options.maxPageSize));
	let firstPage: string[] | undefined;
	/** The highest total any page reported so far. */
	let knownTotal: number | undefined;
	let stalled = 0;
	let lastPage: T[] = [];

	const read = (current: ApiRequest, response: ApiResponse) => {
		const { body } = response;
		const raw = readingResponse(client, response, () => {
			if (strategy.envelope) expectEnvelope(client, response, strategy.envelope);
			strategy.check?.(current, body);
			return strategy.items(body);
		});
		const total = readingResponse(client, response, () => strategy.totalOf?.(body));
		return { request: current, response, raw, total };
	};
	const nextOf = (current: ApiRequest, page: ReturnType<typeof read>) =>
		readingResponse(client, page.response, (): ApiRequest | null =>
			strategy.next({ request: current, body: page.response.body, items: page.raw }, pageSizeFor(limit - collected.length, options.maxPageSize)),
		);

	/**
	 * A page fetched ahead may have been served before the page it follows. It is taken as it is
	 * only if it starts at an entry already read, so nothing between the two was missed, and, if
	 * it ends the walk, its total shows it is no older than any page read (without a total, an
	 * end is always read again). Otherwise it is read again, after the page it follows.
	 * Only offset strategies fetch ahead, and their `next` has no side effects.
	 */
	const takesAsItIs = (page: ReturnType<typeof read>) =>
		page.raw.length > 0 &&
		seenIds.has(options.idOf(page.raw[0])) &&
		((page.total !== undefined && page.total >= (knownTotal ?? 0)) || nextOf(page.request, page) !== null);

	while (request) {
		const key = requestKey(request);
		if (seenRequests.has(key)) throw repeatedPageError(client, key);
		seenRequests.add(key);
		const current: ApiRequest = request;

		const early = pagesAhead?.take(key);
		let totalBefore = early ? early.totalBefore : knownTotal;
		let page = read(current, early ? await early.response : await client.request(current));
		if (early && !takesAsItIs(page)) {
			totalBefore = knownTotal;
			page = read(current, await client.request(current));
		}
		const { raw, total } = page;

		// Compared with the totals known when the page was asked for: pages fetched ahead may
		// come back in any order, and one served earlier may show an older, smaller total.
		if (total !== undefined && totalBefore !== undefined && total < totalBefore) throw shrankError(client, totalBefore, total);

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
			if (restarted && fresh === 0 && total - (totalBefore ?? total) < raw.length) throw repeatedEntriesError(client);
			knownTotal = Math.max(knownTotal ?? total, total);
		}
		if (collected.length >= limit) return { result: { items: collected.slice(0, limit), complete: true }, lastPage: raw };

		const next = nextOf(current, page);
		stalled = fresh > 0 ? 0 : stalled + 1;
		if (next && stalled >= STALLED_PAGES) throw stalledError(client);
		const pastDeadline = client.deadline !== undefined && Date.now() >= client.deadline;
		if (next && ((pastDeadline && collected.length >= (options.minimum ?? 0)) || firstPageOnly)) {
			// A link the windows will not follow is still checked: one to another origin fails the walk.
			if (firstPageOnly) await client.resolveUrl(next.url);
			return { result: { items: collected, complete: false }, lastPage: raw };
		}
		request = next && pagesAhead ? pagesAhead.overlapping(current, next, knownTotal) : next;
		lastPage = raw;
	}
	return { result: { items: collected, complete: true }, lastPage };
}

/**
 * The pages of an offset walk fetched ahead of it, several at once through the client's gate.
 *
 * Entries added while the walk runs shift offsets, and pages fetched at once are served in no
 * set order: a page served before the one it follows, with fewer entries added ahead of it, can
 * start past that page's end and miss entries at the seam. So each page starts one entry before
 * the end of the one it follows, and `walk` takes a page fetched ahead only when that entry is
 * one it has already read; else it reads the page again.
 */
class PagesAhead {
	private readonly pages = new Map<string, { response: Promise<ApiResponse>; totalBefore?: number }>();

	constructor(
		private readonly client: ApiClient,
		private readonly offsetParam: string,
		private readonly depth: number,
	) {}

	/**
	 * The page after `current`, moved back one entry so the two overlap, and the pages after it
	 * asked for ahead, as far as the total (when there is one) says the list goes.
	 */
	overlapping(current: ApiRequest, next: ApiRequest, knownTotal: number | undefined): ApiRequest {
		const natural = this.offsetOf(next);
		const step = natural - 1 - this.offsetOf(current);
		// A page of one entry cannot overlap and still move on.
		if (!(step >= 1)) return next;
		for (let ahead = 1; ahead < this.depth; ahead++) {
			const offset = natural - 1 + step * ahead;
			if (knownTotal !== undefined && offset >= knownTotal) break;
			this.fetch(this.at(next, offset), knownTotal);
		}
		return this.at(next, natural - 1);
	}

	take(key: string) {
		const page = this.pages.get(key);
		this.pages.delete(key);
		return page;
	}

	async settle() {
		await Promise.allSettled([...this.pages.values()].map((page) => page.response));
		this.pages.clear();
	}

	private fetch(request: ApiRequest, totalBefore: number | undefined) {
		const key = requestKey(request);
		if (this.pages.has(key)) return;
		const response = this.client.request(request);
		// Failures surface when the walk takes the page; pages it never takes fail quietly.
		response.catch(() => undefined);
		this.pages.set(key, { response, totalBefore });
	}

	private offsetOf(request: ApiRequest): number {
		return Number(request.qs?.[this.offsetParam]);
	}

	/** `request` at another offset, with the same page size and query. */
	private at(request: ApiRequest, offset: number): ApiRequest {
		return { ...request, qs: { ...request.qs, [this.offsetParam]: offset } };
	}
}

/* ----- Time windows ----- */

/**
 * How many pages a window is sized for, from the density seen so far: enough that its partly
 * filled last page costs little, few enough that the list spreads over the walkers.
 */
const PAGES_PER_WINDOW = 4;

/**
 * Return All of a list that filters by time (see `TimeWindows`). The first page is read as usual.
 * If there is more, the rest of the list, from the first page's last time unit (read again whole;
 * entries already read are dropped by identity) to its far end, is cut into windows
 * [from, until) on unit edges, sized from the density seen so far, and `ahead` walkers take them
 * in turn, each walking its window's pages in order with every check of `walk`. The windows are
 * disjoint and leave no gap, so joined in order they are the list, each entry once.
 *
 * Where the list ends is not known. Windows go on until one comes back empty while no farther
 * window found anything; then one page of everything beyond the farthest window tells whether the
 * list ends there (that page is its end) or where it goes on, past a stretch without entries.
 */
async function walkTimeWindows<T>(
	client: ApiClient,
	strategy: PaginationStrategy<T>,
	windows: TimeWindows<T>,
	options: PaginateOptions<T>,
	ahead: number,
): Promise<PaginateResult<T>> {
	const first = await walk(client, strategy, options, undefined, true);
	if (first.result.complete) return first.result;
	if (first.lastPage.length === 0) return (await walk(client, strategy, options)).result;

	const { unitMs, newestFirst, range } = windows;
	const floorToUnit = (time: number) => Math.floor(time / unitMs) * unitMs;
	const newest = windows.timeOf(first.lastPage[0]);
	const edge = windows.timeOf(first.lastPage[first.lastPage.length - 1]);
	// Entries per ms, first from the first page, then from every window read.
	let entriesSeen = first.lastPage.length;
	let spanSeen = Math.max(unitMs, Math.abs(newest - edge));
	const width = () => Math.max(unitMs, Math.ceil((PAGES_PER_WINDOW * options.maxPageSize * spanSeen) / Math.max(1, entriesSeen) / unitMs) * unitMs);

	/** Where the next window starts: the far side of the farthest window handed out so far. */
	let frontier = newestFirst ? floorToUnit(edge) + unitMs : floorToUnit(edge);
	// With the far end known, the windows split the span up to it evenly, and the farthest is
	// left open on its far side, so entries past the end as first seen are still read.
	const farEnd = await windows.farEnd?.(client);
	let evenWidth: number | undefined;
	if (farEnd !== undefined) {
		const span = Math.abs(frontier - farEnd) + unitMs;
		const pages = (entriesSeen / spanSeen) * (span / options.maxPageSize);
		const count = Math.min(ahead * PAGES_PER_WINDOW, Math.max(1, Math.ceil(pages)));
		evenWidth = Math.max(unitMs, Math.ceil(span / count / unitMs) * unitMs);
	}
	const atRangeEnd = () => (newestFirst ? range.from !== undefined && frontier <= range.from : range.until !== undefined && frontier >= range.until);
	/** Each window's entries, in the list's order of the windows. */
	const segments: Array<T[] | undefined> = [];
	let farthestFound = -1;
	let done = false;
	let checking: Promise<void> | undefined;
	let failure: { error: unknown } | undefined;

	const keepIn = (keep?: (item: T) => boolean) => (item: T) => (options.keep?.(item) ?? true) && (keep?.(item) ?? true);
	const walkWindow = async (from: number | undefined, until: number | undefined, firstPageOnly = false) => {
		const window = windows.window(from, until);
		return await walk(client, window.strategy, { ...options, keep: keepIn(window.keep) }, undefined, firstPageOnly);
	};

	const nextWindow = async (): Promise<{ index: number; from?: number; until?: number } | undefined> => {
		for (;;) {
			if (done || failure) return undefined;
			if (checking) {
				await checking;
				continue;
			}
			if (atRangeEnd()) {
				done = true;
				return undefined;
			}
			const span = evenWidth ?? width();
			let from: number | undefined = newestFirst ? Math.max(frontier - span, range.from ?? -Infinity) : frontier;
			let until: number | undefined = newestFirst ? frontier : Math.min(frontier + span, range.until ?? Infinity);
			frontier = newestFirst ? from : until;
			if (farEnd !== undefined && (newestFirst ? from <= farEnd : until > farEnd)) {
				if (newestFirst) from = range.from;
				else until = range.until;
				done = true;
			}
			segments.push(undefined);
			return { index: segments.length - 1, from, until };
		}
	};

	/** One page of everything beyond the frontier: the list's end, or where it goes on. */
	const checkBeyond = async () => {
		const beyond = newestFirst ? await walkWindow(range.from, frontier, true) : await walkWindow(frontier, range.until, true);
		if (beyond.result.complete) {
			segments.push(beyond.result.items);
			done = true;
			return;
		}
		const nearest = floorToUnit(windows.timeOf(beyond.lastPage[0]));
		frontier = newestFirst ? Math.min(frontier, nearest + unitMs) : Math.max(frontier, nearest);
	};

	const walker = async () => {
		for (let window = await nextWindow(); window; window = await nextWindow()) {
			const { index, from, until } = window;
			try {
				const { result } = await walkWindow(from, until);
				segments[index] = result.items;
				if (from !== undefined && until !== undefined) {
					entriesSeen += result.items.length;
					spanSeen += until - from;
				}
				if (result.items.length > 0) farthestFound = Math.max(farthestFound, index);
				else if (index > farthestFound && !checking && !done) {
					checking = checkBeyond()
						.catch((error: unknown) => {
							failure ??= { error };
						})
						.finally(() => {
							checking = undefined;
						});
				}
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	await Promise.all(Array.from({ length: ahead }, walker));
	if (failure) throw failure.error;

	const items: T[] = first.result.items;
	const seen = new Set(items.map(options.idOf));
	for (const segment of segments) {
		for (const item of segment ?? []) if (firstSighting(seen, options.idOf(item))) items.push(item);
	}
	return { items, complete: true };
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
		offsetParam: spec.offsetParam,
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
