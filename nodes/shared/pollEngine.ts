import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { stableHash } from './hash';
import type { ApiClient } from './transport';

export interface FetchResult<E> {
	events: E[];
	/** False when the adapter stopped early (page cap, poll budget). */
	complete: boolean;
	/** When incomplete: every event at or before this time (epoch ms) is in `events`. */
	horizon?: number;
}

/** What a provider tells the engine about its event stream. */
export interface PollAdapter<E> {
	/**
	 * Events at or after `since` (epoch ms; undefined = all), in any order. `wanted` is
	 * how many the engine could use; an adapter that reads oldest first may stop there.
	 */
	fetchSince(client: ApiClient, since: number | undefined, wanted: number): Promise<FetchResult<E>>;
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

export type StartFrom = { mode: 'now' } | { mode: 'hoursAgo'; hours: number } | { mode: 'date'; date: number };

export interface PollSettings {
	/** Everything that changes which events match: filters, scope, credential. */
	configuration: unknown;
	startFrom: StartFrom;
	maxEventsPerPoll: number;
	manualSampleSize: number;
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
	const state = saved?.version === 1 && saved.fingerprint === fingerprint ? saved : undefined;

	if (!state) {
		if (saved) ctx.logger?.info('Audit-log trigger configuration changed: starting from a new baseline');
		const started = await startingState(client, adapter, settings.startFrom, fingerprint);
		staticData[STATE_KEY] = started as unknown as IDataObject;
		if (settings.startFrom.mode === 'now') return null;
		return emitNew(ctx, client, adapter, settings, started);
	}
	return emitNew(ctx, client, adapter, settings, state);
}

async function emitNew<E>(
	ctx: IPollFunctions,
	client: ApiClient,
	adapter: PollAdapter<E>,
	settings: PollSettings,
	state: PollState,
): Promise<E[] | null> {
	const recentIds = new Set(state.recent.map(([id]) => id));
	const since = state.watermark === null ? (state.floor ?? undefined) : state.watermark - adapter.lookbackMs;
	const fetched = await adapter.fetchSince(client, since, settings.maxEventsPerPoll + recentIds.size);

	const unseen = new Map<string, E>();
	for (const event of fetched.events) {
		const id = adapter.idOf(event);
		const time = adapter.timeOf(event);
		if (recentIds.has(id) || unseen.has(id)) continue;
		if (state.floor !== null && time < state.floor) continue;
		if (!fetched.complete && (fetched.horizon === undefined || time > fetched.horizon)) continue;
		unseen.set(id, event);
	}
	const toEmit = sortOldestFirst([...unseen.values()], adapter).slice(0, settings.maxEventsPerPoll);
	if (toEmit.length === 0) return null;

	const watermark = Math.max(state.watermark ?? -Infinity, ...toEmit.map((event) => adapter.timeOf(event)));
	const keepFrom = watermark - adapter.lookbackMs;
	const recent: Array<[string, number]> = [
		...state.recent,
		...toEmit.map((event): [string, number] => [adapter.idOf(event), adapter.timeOf(event)]),
	].filter(([, time]) => time >= keepFrom);

	const next: PollState = { ...state, watermark, recent };
	ctx.getWorkflowStaticData('node')[STATE_KEY] = next as unknown as IDataObject;
	return toEmit;
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
	const around = await adapter.fetchSince(client, floor, Infinity);
	const recent = around.events
		.map((event): [string, number] => [adapter.idOf(event), adapter.timeOf(event)])
		.filter(([, time]) => time >= floor);
	if (!recent.some(([id]) => id === adapter.idOf(newest))) recent.push([adapter.idOf(newest), watermark]);
	return { version: 1, fingerprint, watermark, floor, recent };
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
