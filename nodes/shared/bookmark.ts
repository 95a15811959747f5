import type { Anchor, OldestFirstRead } from './pollEngine';

/**
 * Where a trigger's next read of an oldest-first offset listing may start, when the API's
 * time filter is coarser than the poll's `since` (whole days, say): the listing then opens,
 * on every poll, with the events of that day older than `since`, and a busy day would cost a
 * poll a page per hundred of them. The bookmark counts how many entries at the start of the
 * listing were older than the next poll's `since`.
 *
 * Entries added later with older times only push the boundary further in, so a bookmark may
 * fall short of it (a few entries re-read, dropped by the engine) but never past it, except
 * when entries are removed (retention). So the next read starts one entry before the
 * bookmark, and uses it only if that entry is still older than `since`: the listing being
 * sorted by time, so is everything before it. Otherwise the listing is read from its start.
 */
export type ListingBookmark = {
	/** What the offsets count in: the API's coarse filter value (e.g. the day). */
	listing: string;
	/** Entries at the listing's start known to be older than the `since` the bookmark was made for. */
	offset: number;
};

export interface BookmarkedRead<E> {
	/** The trigger's saved bookmark, if any (the engine's `resume`). */
	bookmark: Anchor | undefined;
	/** Events at or after this time are wanted (epoch ms). */
	since: number;
	/** The listing a read from `since` goes through; a bookmark of another listing is ignored. */
	listingOf(since: number): string;
	timeOf(event: E): number;
	/**
	 * One walk from `startOffset`, oldest first, returning only events at or after `since`.
	 * `observe` must see every entry the walk reads, in order, including those it drops for
	 * being older than `since`.
	 */
	read(startOffset: number, observe: (entry: E) => void): Promise<{ items: E[]; complete: boolean }>;
}

const isBookmark = (value: Anchor | undefined): value is Anchor & ListingBookmark =>
	typeof value === 'object' &&
	value !== null &&
	!Array.isArray(value) &&
	typeof value.listing === 'string' &&
	typeof value.offset === 'number' &&
	Number.isInteger(value.offset) &&
	value.offset >= 0;

export async function readFromBookmark<E>(spec: BookmarkedRead<E>): Promise<OldestFirstRead<E>> {
	const listing = spec.listingOf(spec.since);
	const saved = isBookmark(spec.bookmark) && spec.bookmark.listing === listing ? spec.bookmark.offset : 0;

	const readFrom = async (startOffset: number) => {
		let first: E | undefined;
		let older = 0;
		const result = await spec.read(startOffset, (entry) => {
			first ??= entry;
			if (spec.timeOf(entry) < spec.since) older++;
		});
		return { ...result, first, older };
	};

	let start = Math.max(saved - 1, 0);
	let read = await readFrom(start);
	if (start > 0 && (read.first === undefined || spec.timeOf(read.first) >= spec.since)) {
		// The entry before the bookmark is no longer older than `since`: entries were removed.
		start = 0;
		read = await readFrom(0);
	}

	// Entries before `start` and the `older` ones read after it are all older than `since`.
	const olderThanSince = start + read.older;
	return {
		events: read.items,
		complete: read.complete,
		resumeAt(nextSince) {
			if (nextSince < spec.since || spec.listingOf(nextSince) !== listing) return undefined;
			// Sorted by time, so the items older than `nextSince` lead the list.
			let offset = olderThanSince;
			for (const item of read.items) {
				if (spec.timeOf(item) >= nextSince) break;
				offset++;
			}
			const bookmark: ListingBookmark = { listing, offset };
			return bookmark;
		},
	};
}
