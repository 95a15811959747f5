import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { stableHash } from './hash';
import type { ApiClient } from './transport';

/**
 * Where a newest-first walk can continue: a provider's own bookmark (a time bound, an
 * offset counted from the oldest entry, a cursor). Plain JSON, because it is kept in the
 * trigger's static data between polls.
 */
export type Anchor = string | number | boolean | null | Anchor[] | { [key: string]: Anchor };

interface AdapterBase<E> {
	/** The newest `count` events, newest first. */
	latest(client: ApiClient, count: number): Promise<E[]>;
	idOf(event: E): string;
	timeOf(event: E): number;
	/**
	 * How far back each poll re-reads, to catch events that become visible late
	 * (read replicas, eventual consistency). Events re-read are de-duplicated by ID.
	 */
	lookbackMs: number;
}

/**
 * An API that lists oldest first from a time: new events land after everything already
 * read, so a walk can stop anywhere and resume from the newest event it emitted.
 */
export interface OldestFirstAdapter<E> extends AdapterBase<E> {
	order: 'oldestFirst';
	/**
	 * Events at or after `since` (epoch ms; undefined = all), oldest first, at most `limit`
	 * of them (undefined = all). `complete` is false when the client's deadline cut the walk
	 * short, which it may only do once it holds at least `minimum` events: the first ones are
	 * re-read events of the look-back, and a poll must get past them to move on. The options
	 * are the paginator's own, so an adapter hands them on as they are.
	 */
	fetchSince(
		client: ApiClient,
		since: number | undefined,
		bounds: { limit?: number; minimum?: number },
		resume?: Anchor,
	): Promise<OldestFirstRead<E>>;
}

/**
 * What an oldest-first read found. An API whose time filter is coarser than `since` (whole
 * days, say) lists events older than `since` first, on every poll; `resumeAt` lets the adapter
 * leave itself a bookmark past them for the poll that will read from `nextSince`, handed back
 * as `resume`. The adapter must check a bookmark before trusting it.
 */
export interface OldestFirstRead<E> {
	events: E[];
	complete: boolean;
	resumeAt?(nextSince: number): Anchor | undefined;
}

/**
 * An API that lists newest first. Reading everything from the watermark up to now on
 * every poll would cost O(backlog) per poll, O(N²) for a backfill, so the engine walks
 * down from the newest event once, keeps the page boundaries it passed (checkpoints), and
 * then reads the backlog from the oldest end, one stretch between two checkpoints at a time.
 */
export interface NewestFirstAdapter<E> extends AdapterBase<E> {
	order: 'newestFirst';
	/**
	 * One page, newest first, of the events just below `anchor` (null = the newest events).
	 * `since` (epoch ms) is where the engine stops reading; an API with a time filter may use
	 * it to send no older events. `next` continues below this page's last event; null when
	 * nothing older is left. Reading below the same anchor again must return the same events,
	 * plus any that arrived late in that stretch, even while new events arrive at the top.
	 */
	pageBelow(client: ApiClient, anchor: Anchor | null, since: number | undefined): Promise<{ events: E[]; next: Anchor | null }>;
}

export type PollAdapter<E> = OldestFirstAdapter<E> | NewestFirstAdapter<E>;

export type StartFrom = { mode: 'now' } | { mode: 'hoursAgo'; hours: number } | { mode: 'date'; date: number };

export interface PollSettings {
	/** Everything that changes which events match: filters, scope, credential. */
	configuration: unknown;
	startFrom: StartFrom;
	maxEventsPerPoll: number;
	manualSampleSize: number;
}

/** A page boundary of a newest-first walk: below `anchor` come the events at or before `time`. */
export interface Checkpoint {
	anchor: Anchor;
	time: number;
}

/** Persisted in the node's static data; plain JSON. */
export interface PollState {
	version: 1;
	fingerprint: string;
	/** Time of the newest event emitted (or seen at the baseline); null = none yet. */
	watermark: number | null;
	/** Events older than this are never emitted (the baseline or backfill start). */
	floor: number | null;
	/** [id, time] of events emitted or baselined within `lookbackMs` of the watermark. */
	recent: Array<[string, number]>;
	/** Newest-first APIs: boundaries of the backlog not yet emitted, newest first. */
	checkpoints?: Checkpoint[];
	/** Newest-first APIs: a walk down from the newest events that a poll's budget cut short. */
	descent?: { resume: Anchor; checkpoints: Checkpoint[] };
	/** Oldest-first APIs: the adapter's bookmark for the next read (`OldestFirstRead.resumeAt`). */
	resume?: Anchor;
}

const STATE_KEY = 'auditLogCursor';

/**
 * One poll: emits each event exactly once, oldest first. The state is written only
 * after the events were fetched, and only up to the newest event actually emitted, so a
 * failed or partial poll never skips anything.
 */
export async function runPoll<E>(
	ctx: IPollFunctions,
	client: ApiClient,
	adapter: PollAdapter<E>,
	settings: PollSettings,
): Promise<E[] | null> {
	if (ctx.getMode() === 'manual') {
		const sample = await adapter.latest(client, settings.manualSampleSize);
		return sample.length ? sortOldestFirst(sample, adapter) : null;
	}

	const staticData = ctx.getWorkflowStaticData('node');
	const fingerprint = stableHash({ v: 1, configuration: settings.configuration, startFrom: settings.startFrom });
	const saved = staticData[STATE_KEY] as PollState | undefined;
	let state = saved?.version === 1 && saved.fingerprint === fingerprint ? saved : undefined;

	if (!state) {
		if (saved) ctx.logger?.info('Audit-log trigger configuration changed: starting from a new baseline');
		state = await startingState(client, adapter, settings.startFrom, fingerprint);
		staticData[STATE_KEY] = state as unknown as IDataObject;
		if (settings.startFrom.mode === 'now') return null;
	}

	const { events, next } = await emitNew(client, adapter, settings.maxEventsPerPoll, state);
	ctx.getWorkflowStaticData('node')[STATE_KEY] = next as unknown as IDataObject;
	return events.length ? events : null;
}

/** What one poll emits, and the state after it. */
async function emitNew<E>(
	client: ApiClient,
	adapter: PollAdapter<E>,
	maxEvents: number,
	state: PollState,
): Promise<{ events: E[]; next: PollState }> {
	const recentIds = new Set(state.recent.map(([id]) => id));
	const since = state.watermark === null ? (state.floor ?? undefined) : state.watermark - adapter.lookbackMs;
	const wanted = maxEvents + recentIds.size;
	const read =
		adapter.order === 'oldestFirst'
			? await readOldestFirst(client, adapter, since, wanted, recentIds.size + 1, state.resume)
			: await readNewestFirst(client, adapter, state, since, maxEvents);

	const unseen = new Map<string, E>();
	for (const event of read.events) {
		const id = adapter.idOf(event);
		const time = adapter.timeOf(event);
		if (recentIds.has(id) || unseen.has(id)) continue;
		if (state.floor !== null && time < state.floor) continue;
		if (since !== undefined && time < since) continue;
		if (!read.covers(time)) continue;
		unseen.set(id, event);
	}
	const toEmit = sortOldestFirst([...unseen.values()], adapter).slice(0, maxEvents);

	const watermark = toEmit.reduce((newest, event) => Math.max(newest, adapter.timeOf(event)), state.watermark ?? -Infinity);
	const newest = Number.isFinite(watermark) ? watermark : null;
	const keepFrom = newest === null ? -Infinity : newest - adapter.lookbackMs;
	const recent: Array<[string, number]> = [
		...state.recent,
		...toEmit.map((event): [string, number] => [adapter.idOf(event), adapter.timeOf(event)]),
	].filter(([, time]) => time >= keepFrom);

	const next: PollState = { ...state, watermark: newest, recent };
	delete next.checkpoints;
	delete next.descent;
	delete next.resume;
	const nextSince = newest === null ? (state.floor ?? undefined) : newest - adapter.lookbackMs;
	const resume = nextSince === undefined ? undefined : read.resumeAt?.(nextSince);
	if (resume !== undefined) next.resume = resume;
	// No backlog left: the next poll reads down from the newest event again, contiguous and
	// cheap. Otherwise keep the boundaries, less the stretches wholly older than the next
	// poll's look-back, which will never be read again.
	const drained = read.complete && unseen.size <= maxEvents;
	const checkpoints = drained ? [] : (read.checkpoints ?? []).filter((checkpoint) => checkpoint.time >= keepFrom);
	if (checkpoints.length) next.checkpoints = checkpoints;
	if (read.descent) next.descent = read.descent;
	return { events: toEmit, next };
}

interface ReadResult<E> {
	events: E[];
	/** Whether everything from `since` up to the newest event has been read. */
	complete: boolean;
	/** Whether every event at this time has been read (so none of that time is still to come). */
	covers(time: number): boolean;
	checkpoints?: Checkpoint[];
	descent?: PollState['descent'];
	resumeAt?: OldestFirstRead<E>['resumeAt'];
}

async function readOldestFirst<E>(
	client: ApiClient,
	adapter: OldestFirstAdapter<E>,
	since: number | undefined,
	wanted: number,
	minimum: number,
	resume: Anchor | undefined,
): Promise<ReadResult<E>> {
	const { events, complete, resumeAt } = await adapter.fetchSince(client, since, { limit: wanted, minimum }, resume);
	// Read oldest first, so even a walk cut short holds everything up to its last event;
	// more events of that same time come again next poll and are dropped by ID.
	const horizon = complete ? Infinity : events.reduce((newest, event) => Math.max(newest, adapter.timeOf(event)), -Infinity);
	return { events, complete, covers: (time) => time <= horizon, resumeAt };
}

/**
 * Newest-first reading in two phases. First the walk down from the newest events to the
 * newest checkpoint (or to `since`), which a poll budget may cut short and a later poll
 * resumes. Then the stretches between checkpoints, from the oldest end upwards, until
 * enough events are found. Page reads of this poll are reused, never repeated.
 */
async function readNewestFirst<E>(
	client: ApiClient,
	adapter: NewestFirstAdapter<E>,
	state: PollState,
	since: number | undefined,
	maxEvents: number,
): Promise<ReadResult<E>> {
	const known = state.checkpoints ?? [];
	const bottom = since ?? -Infinity;
	const pagesRead = new Map<string, { events: E[]; next: Anchor | null }>();
	const readPage = async (anchor: Anchor | null) => {
		const key = JSON.stringify(anchor);
		let page = pagesRead.get(key);
		if (!page) {
			page = await adapter.pageBelow(client, anchor, since);
			pagesRead.set(key, page);
		}
		return page;
	};
	// A reduce, not Math.min(...times): a spread of a very large page would overflow the stack.
	const oldestOf = (events: E[]) => events.reduce((oldest, event) => Math.min(oldest, adapter.timeOf(event)), Infinity);

	// Phase 1: down from the top until the walk joins what is already known.
	const joinAt = known.length ? known[0].time : bottom;
	let anchor: Anchor | null = state.descent?.resume ?? null;
	const found: Checkpoint[] = [...(state.descent?.checkpoints ?? [])];
	let joined = false;
	for (;;) {
		const page = await readPage(anchor);
		const oldest = oldestOf(page.events);
		if (page.next === null || page.events.length === 0 || oldest <= joinAt) {
			joined = true;
			break;
		}
		found.push({ anchor: page.next, time: oldest });
		anchor = page.next;
		if (pastDeadline(client)) break;
	}

	// Phase 2: the stretches between checkpoints, oldest first. Each is read from its upper
	// checkpoint down to the one below it (or to `since`); late arrivals may lengthen it.
	const checkpoints = joined ? [...found, ...known] : known;
	const uppers: Array<{ anchor: Anchor | null; time: number }> = joined
		? [{ anchor: null, time: Infinity }, ...checkpoints]
		: checkpoints;
	const events: E[] = [];
	let horizon = uppers.length ? -Infinity : bottom;
	const counted = new Set(state.recent.map(([id]) => id));
	let unseen = 0;
	// Events read but not yet below the horizon: they cannot be emitted yet, so they do not count.
	let above: E[] = [];
	for (let index = uppers.length - 1; index >= 0; index--) {
		const lower = index + 1 < uppers.length ? uppers[index + 1].time : bottom;
		let below: Anchor | null = uppers[index].anchor;
		for (;;) {
			const page = await readPage(below);
			events.push(...page.events);
			above.push(...page.events);
			// On to an event older than `lower`: the events of that very time belong to this stretch
			// (the one below only covers older ones), and arrivals since the stretch below was read
			// may have pushed some of them past a page that ends on that time.
			if (page.next === null || page.events.length === 0 || oldestOf(page.events) < lower) break;
			below = page.next;
		}
		// Everything older than this stretch's upper boundary has now been read.
		horizon = uppers[index].time;
		// Count only what the horizon covers. A page read from a checkpoint can also hold events
		// newer than the checkpoint (an offset anchor that arrivals since have moved); counted, they
		// could end the poll with nothing it may emit, and every later poll the same way.
		const stillAbove: E[] = [];
		for (const event of above) {
			const time = adapter.timeOf(event);
			if (time >= horizon) {
				stillAbove.push(event);
				continue;
			}
			const id = adapter.idOf(event);
			if (!counted.has(id) && time >= bottom) {
				counted.add(id);
				unseen++;
			}
		}
		above = stillAbove;
		// Past the budget, stop once there is something new to emit, so every poll moves on.
		if (unseen >= maxEvents || (pastDeadline(client) && unseen > 0)) break;
	}

	return {
		events,
		complete: horizon === Infinity,
		covers: (time) => time < horizon,
		checkpoints: withoutRedundant(uppers, bottom, (upper) => pagesRead.get(JSON.stringify(upper))?.events, oldestOf),
		descent: joined ? undefined : { resume: anchor as Anchor, checkpoints: found },
	};
}

/**
 * Drops each checkpoint that the page read from the one above it already reached past: it
 * would only add a page read per poll. Without this, new events arriving between polls
 * would leave a checkpoint just below the top on every poll.
 */
function withoutRedundant<E>(
	uppers: Array<{ anchor: Anchor | null; time: number }>,
	bottom: number,
	pageRead: (anchor: Anchor | null) => E[] | undefined,
	oldestOf: (events: E[]) => number,
): Checkpoint[] {
	const kept: Array<{ anchor: Anchor | null; time: number }> = uppers.slice(0, 1);
	for (let index = 1; index < uppers.length; index++) {
		const above = pageRead(kept[kept.length - 1].anchor);
		const lower = index + 1 < uppers.length ? uppers[index + 1].time : bottom;
		if (above?.length && oldestOf(above) < lower) continue;
		kept.push(uppers[index]);
	}
	return kept.filter((upper): upper is Checkpoint => upper.anchor !== null);
}

function pastDeadline(client: ApiClient) {
	return client.deadline !== undefined && Date.now() >= client.deadline;
}

async function startingState<E>(
	client: ApiClient,
	adapter: PollAdapter<E>,
	startFrom: StartFrom,
	fingerprint: string,
): Promise<PollState> {
	if (startFrom.mode === 'hoursAgo' || startFrom.mode === 'date') {
		const floor = startFrom.mode === 'date' ? startFrom.date : Date.now() - startFrom.hours * 3_600_000;
		return { version: 1, fingerprint, watermark: null, floor, recent: [] };
	}
	// Baseline on the newest event the API has, not on our clock: a skewed clock
	// would otherwise hide or replay events.
	const [newest] = await adapter.latest(client, 1);
	if (newest === undefined) return { version: 1, fingerprint, watermark: null, floor: null, recent: [] };
	const watermark = adapter.timeOf(newest);
	const floor = watermark - adapter.lookbackMs;
	const around = await eventsSince(client, adapter, floor);
	const recent = around
		.map((event): [string, number] => [adapter.idOf(event), adapter.timeOf(event)])
		.filter(([, time]) => time >= floor);
	if (!recent.some(([id]) => id === adapter.idOf(newest))) recent.push([adapter.idOf(newest), watermark]);
	return { version: 1, fingerprint, watermark, floor, recent };
}

/** Every event at or after `since` (a short stretch: the baseline's look-back). */
async function eventsSince<E>(client: ApiClient, adapter: PollAdapter<E>, since: number): Promise<E[]> {
	if (adapter.order === 'oldestFirst') return (await adapter.fetchSince(client, since, { minimum: Infinity })).events;
	const events: E[] = [];
	let anchor: Anchor | null = null;
	for (;;) {
		const page = await adapter.pageBelow(client, anchor, since);
		events.push(...page.events);
		if (page.next === null || page.events.some((event) => adapter.timeOf(event) < since)) return events;
		anchor = page.next;
	}
}

function sortOldestFirst<E>(events: E[], adapter: PollAdapter<E>): E[] {
	return [...events].sort((a, b) => {
		const byTime = adapter.timeOf(a) - adapter.timeOf(b);
		if (byTime !== 0) return byTime;
		const idA = adapter.idOf(a);
		const idB = adapter.idOf(b);
		return idA < idB ? -1 : idA > idB ? 1 : 0;
	});
}

/** The poll's time budget (n8n ≥ 2.38), leaving a margin to return what was found. */
export function pollDeadline(ctx: IPollFunctions): number | undefined {
	const withBudget = ctx as IPollFunctions & { getPollBudgetMs?: () => number };
	if (typeof withBudget.getPollBudgetMs !== 'function') return undefined;
	const budget = withBudget.getPollBudgetMs();
	return Number.isFinite(budget) && budget > 0 ? Date.now() + budget * 0.8 : undefined;
}
