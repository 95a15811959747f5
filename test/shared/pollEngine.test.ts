/**
 * The trigger engine on its own, against scripted in-memory adapters: the one place where a
 * fake fits, because what is under test is the engine's bookkeeping, not HTTP or n8n.
 * Each poll gets a context rebuilt from the JSON of the saved static data, like n8n.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { Anchor, NewestFirstAdapter, OldestFirstAdapter, PollSettings } from '../../nodes/shared/pollEngine';
import { runPoll } from '../../nodes/shared/pollEngine';
import type { ApiClient } from '../../nodes/shared/transport';

interface Event {
	id: string;
	at: number;
}

/** An in-memory log; `reads` counts page reads, `failNext` makes the next read throw. */
class Log {
	events: Event[] = [];
	reads = 0;
	failNext = false;
	private seq = 0;

	add(count: number, at: number, spacing = 1): Event[] {
		const added = Array.from({ length: count }, (_, i) => ({ id: `e${String(++this.seq).padStart(6, '0')}`, at: at + i * spacing }));
		this.events.push(...added);
		return added;
	}

	private read() {
		this.reads++;
		if (this.failNext) {
			this.failNext = false;
			throw new Error('API down');
		}
	}

	newestFirst(pageSize: number): NewestFirstAdapter<Event> {
		// Anchors count from the oldest end (like Webflow's site log): stable under new events.
		const sorted = () => [...this.events].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
		return {
			order: 'newestFirst',
			lookbackMs: 10,
			pageBelow: async (_client, anchor) => {
				this.read();
				const all = sorted();
				const below = anchor === null ? all.length : (anchor as { fromOldest: number }).fromOldest;
				const start = Math.max(0, below - pageSize);
				const next: Anchor | null = start > 0 ? { fromOldest: start } : null;
				return { events: all.slice(start, below).reverse(), next };
			},
			latest: async (_client, count) => {
				this.read();
				return sorted().reverse().slice(0, count);
			},
			idOf: (event) => event.id,
			timeOf: (event) => event.at,
		};
	}

	oldestFirst(pageSize: number): OldestFirstAdapter<Event> {
		const sorted = () => [...this.events].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
		return {
			order: 'oldestFirst',
			lookbackMs: 10,
			fetchSince: async (client, since, { limit: wanted = Infinity, minimum = 0 }) => {
				const matching = sorted().filter((event) => since === undefined || event.at >= since);
				const events: Event[] = [];
				for (let offset = 0; offset < matching.length && events.length < wanted; offset += pageSize) {
					this.read();
					events.push(...matching.slice(offset, offset + pageSize));
					const past = client.deadline !== undefined && Date.now() >= client.deadline;
					if (past && events.length >= minimum && offset + pageSize < matching.length) return { events, complete: false };
				}
				return { events, complete: true };
			},
			latest: async (_client, count) => {
				this.read();
				return sorted().reverse().slice(0, count);
			},
			idOf: (event) => event.id,
			timeOf: (event) => event.at,
		};
	}
}

/** A trigger's saved static data, and polls run against it as n8n would. */
class Rig {
	staticData: IDataObject = {};
	/** When set, the client's deadline has already passed: each walk may read just one page. */
	outOfBudget = false;

	constructor(
		private readonly adapter: NewestFirstAdapter<Event> | OldestFirstAdapter<Event>,
		public settings: PollSettings,
	) {}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<string[]> {
		const data = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
		const ctx = {
			getMode: () => mode,
			getWorkflowStaticData: () => data,
			logger: undefined,
		} as unknown as IPollFunctions;
		const client = { deadline: this.outOfBudget ? Date.now() - 1 : undefined } as ApiClient;
		const events = await runPoll(ctx, client, this.adapter, this.settings);
		if (mode === 'trigger') this.staticData = data;
		return (events ?? []).map((event) => event.id);
	}

	/** Polls until a poll emits nothing and no walk or backlog is pending. */
	async drain(maxPolls = 500): Promise<string[][]> {
		const polls: string[][] = [];
		for (let i = 0; i < maxPolls; i++) {
			const ids = await this.poll();
			const state = this.staticData.auditLogCursor as { descent?: unknown; checkpoints?: unknown[] };
			polls.push(ids);
			if (ids.length === 0 && !state.descent && !state.checkpoints?.length) break;
		}
		return polls;
	}
}

const settings = (overrides: Partial<PollSettings> = {}): PollSettings => ({
	configuration: { filter: 'all' },
	startFrom: { mode: 'now' },
	maxEventsPerPoll: 10,
	manualSampleSize: 3,
	...overrides,
});

const idsOf = (events: Event[]) => events.map((event) => event.id);

describe.each([
	['newest first', (log: Log, pageSize: number) => log.newestFirst(pageSize)],
	['oldest first', (log: Log, pageSize: number) => log.oldestFirst(pageSize)],
] as const)('poll engine, an API that lists %s', (_name, adapterOf) => {
	let log: Log;
	beforeEach(() => {
		log = new Log();
		log.add(50, 1_000);
	});

	it('baselines on the newest event, then emits only later events, oldest first', async () => {
		const rig = new Rig(adapterOf(log, 7), settings());
		expect(await rig.poll()).toEqual([]);
		expect(rig.staticData.auditLogCursor).toMatchObject({ watermark: 1_049 });
		const added = log.add(3, 2_000);
		expect(await rig.poll()).toEqual(idsOf(added));
		expect(await rig.poll()).toEqual([]);
	});

	it('emits an event that arrives late but within the look-back, and only once', async () => {
		const rig = new Rig(adapterOf(log, 7), settings());
		await rig.poll();
		const [late] = log.add(1, 1_045); // 4 ms older than the watermark; the look-back is 10 ms
		expect(await rig.poll()).toEqual([late.id]);
		expect(await rig.poll()).toEqual([]);
	});

	it('carries events beyond Max Events per Poll over to the next polls', async () => {
		const rig = new Rig(adapterOf(log, 7), settings({ maxEventsPerPoll: 10 }));
		await rig.poll();
		const added = log.add(25, 2_000);
		const polls = await rig.drain();
		expect(polls.filter((ids) => ids.length > 0)).toEqual([idsOf(added.slice(0, 10)), idsOf(added.slice(10, 20)), idsOf(added.slice(20))]);
	});

	it('drains a backlog whose every poll is cut short by the budget, exactly once and oldest first', async () => {
		const rig = new Rig(adapterOf(log, 5), settings({ startFrom: { mode: 'date', date: 0 }, maxEventsPerPoll: 20 }));
		rig.outOfBudget = true;
		const polls = await rig.drain();
		expect(polls.flat()).toEqual(idsOf(log.events));
		expect(polls.length).toBeGreaterThan(50 / 20);
	});

	it('survives a restart: a fresh context from the saved JSON goes on where the last one stopped', async () => {
		const rig = new Rig(adapterOf(log, 7), settings({ startFrom: { mode: 'date', date: 0 }, maxEventsPerPoll: 15 }));
		const first = await rig.poll();
		const restarted = new Rig(adapterOf(log, 7), settings({ startFrom: { mode: 'date', date: 0 }, maxEventsPerPoll: 15 }));
		restarted.staticData = JSON.parse(JSON.stringify(rig.staticData)) as IDataObject;
		const rest = (await restarted.drain()).flat();
		expect([...first, ...rest]).toEqual(idsOf(log.events));
	});

	it('leaves the state untouched when a poll fails, and emits the events on the next poll', async () => {
		const rig = new Rig(adapterOf(log, 7), settings());
		await rig.poll();
		const saved = JSON.stringify(rig.staticData);
		const added = log.add(4, 2_000);
		log.failNext = true;
		await expect(rig.poll()).rejects.toThrow('API down');
		expect(JSON.stringify(rig.staticData)).toBe(saved);
		expect(await rig.poll()).toEqual(idsOf(added));
	});

	it('starts from a new baseline when the configuration changes, and keeps its state otherwise', async () => {
		const rig = new Rig(adapterOf(log, 7), settings());
		await rig.poll();
		log.add(2, 2_000);
		rig.settings = settings({ configuration: { filter: 'other' } });
		expect(await rig.poll()).toEqual([]);
		const added = log.add(1, 3_000);
		expect(await rig.poll()).toEqual(idsOf(added));
	});

	it('returns a sample in manual mode and leaves the state alone', async () => {
		const rig = new Rig(adapterOf(log, 7), settings());
		await rig.poll();
		const saved = JSON.stringify(rig.staticData);
		expect(await rig.poll('manual')).toEqual(idsOf(log.events.slice(-3)));
		expect(JSON.stringify(rig.staticData)).toBe(saved);
	});
});
