/**
 * The soak: many polls of one real trigger (TriggerRig, real n8n-core PollContext) against its
 * emulator, with a seeded mix of what happens to a trigger in production between and during
 * polls. Afterwards every event must have been emitted exactly once.
 *
 * Between polls, drawn from one seeded PRNG:
 * - time passes (seconds to hours, on a virtual clock, see clock.ts);
 * - events arrive: a few, a backlog of hundreds, a burst sharing one timestamp;
 * - late events: timestamps older than the trigger's watermark, inside its look-back (they must
 *   be delivered) or outside it (they may be missed, and are counted apart);
 * - faults for the next poll: 429 (Retry-After 0, rarely 1 s), 5xx, dropped connections,
 *   malformed bodies, a response slower than the Request Timeout, inserts while a poll pages;
 * - Max Retries 0 to 3, Max Events per Poll 5 to 100, now and then a poll budget that runs
 *   out (with latency and a backlog, so the walk is really cut short);
 * - n8n restarts: a new TriggerRig from the saved static data (as JSON);
 * - provider chaos (Workiva: expired and short-lived tokens).
 * A poll that fails after its retries is allowed; the next ones must catch up.
 */
import type { IDataObject } from 'n8n-workflow';

import { TriggerRig } from '../harness/n8n';
import type { FaultConfig } from '../sandbox/kit';
import { createRandom } from '../sandbox/kit';
import { virtualClock } from './clock';
import type { SoakTarget } from './targets';

export interface SoakOptions {
	/** Mixed polls, after the baseline poll. */
	polls: number;
	seed: number;
	/** Where the virtual clock starts (epoch ms). */
	startAt: number;
	/** Receives a line per poll and per insert, for reproducing a failure. */
	trace?: (line: string) => void;
}

type InsertKind = 'between polls' | 'backlog' | 'burst' | 'late, inside window' | 'late, outside window' | 'while paging';

interface InsertRecord {
	poll: number;
	kind: InsertKind;
	time: number;
}

export interface SoakResult {
	provider: string;
	seed: number;
	/** Every poll run: baseline + mixed + until quiet. */
	polls: number;
	mixedPolls: number;
	quietPolls: number;
	/** Events that arrived after the baseline (every kind). */
	events: number;
	faults: number;
	faultKinds: Record<string, number>;
	restarts: number;
	lost: string[];
	duplicated: string[];
	lateInside: number;
	lateOutside: number;
	lateOutsideDelivered: number;
	/** Emitted although the emulator never had it after the baseline. */
	unknownEmitted: string[];
	requests: number;
	failedPolls: number;
	errors: Record<string, number>;
	/** Errors that are not the node's own NodeApiError (a TypeError would be a crash). */
	unexpectedErrors: string[];
	/** NodeApiErrors whose message does not name the provider and the cause plainly. */
	unclearErrors: Record<string, number>;
	/** Polls whose items were not oldest first. */
	unorderedPolls: number[];
	/** Polls that failed although none of their requests met a fault (nor Workiva's token chaos). */
	faultlessFailures: string[];
	budgetPolls: number;
	/** Budget polls that ran past their deadline (the walk was cut short). */
	budgetExhausted: number;
	providerChaos: Record<string, number>;
	/** For a lost or duplicated event: when it was inserted, and which polls emitted it. */
	diagnostics: string[];
	ms: number;
}

const iso = (ms: number | null) => (ms === null ? 'none' : new Date(ms).toISOString());
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Messages a poll may fail with: the provider's API error, or the transport's own. */
const EXPECTED_ERROR = /^(?:(?:Sim|Webflow|Make|Workiva) API error \d{3}\b|Could not reach (?:Sim|Webflow|Make|Workiva)\b|(?:Sim|Webflow|Make|Workiva) returned a response that is not valid JSON|(?:Sim|Webflow|Make|Workiva) refused the OAuth2 client credentials|Could not get an access token from (?:Sim|Webflow|Make|Workiva): the token endpoint answered)/;

/** Messages that do not say what went wrong in words a user can act on. */
const UNCLEAR_ERROR = /: (?:ESTATUS|ERR_[A-Z_]+|Unterminated string|Unexpected token|Unexpected end)\b/;

export async function runSoak(target: SoakTarget, options: SoakOptions): Promise<SoakResult> {
	const started = performance.now();
	const random = createRandom(options.seed);
	virtualClock.install(options.startAt);
	const session = await target.start();
	const { emulator } = session;

	const inserted = new Map<string, InsertRecord>();
	const lateOutside = new Set<string>();
	let lateInside = 0;
	const emitted = new Map<string, number[]>();
	const errors: Record<string, number> = {};
	const unexpectedErrors: string[] = [];
	const unclearErrors: Record<string, number> = {};
	const unorderedPolls: number[] = [];
	const faultlessFailures: string[] = [];
	let lastError = '';
	const providerChaos: Record<string, number> = {};
	let failedPolls = 0;
	let restarts = 0;
	let budgetPolls = 0;
	let budgetExhausted = 0;
	let pollsRun = 0;
	let quietPolls = 0;

	const record = (events: IDataObject[], poll: number, kind: InsertKind) => {
		if (options.trace && events.length) {
			const times = events.map((event) => target.timeOf(event));
			const span = `${iso(times.reduce((a, b) => Math.min(a, b)))} .. ${iso(times.reduce((a, b) => Math.max(a, b)))}`;
			options.trace(`  before poll ${poll}: ${events.length} ${kind} [${span}], watermark ${iso(watermark())}`);
		}
		for (const event of events) {
			const identity = target.identityOf(event);
			if (!inserted.has(identity)) inserted.set(identity, { poll, kind, time: target.timeOf(event) });
			if (kind === 'late, outside window') lateOutside.add(identity);
			if (kind === 'late, inside window') lateInside++;
		}
	};

	const baseOptions = { maxRetries: 3, initialRetryDelayMs: 1, maxWaitSeconds: 2, timeoutSeconds: 1 };
	const parameters = { ...session.parameters, maxEventsPerPoll: 100, options: baseOptions };
	let rig = new TriggerRig(target.trigger, parameters, session.credentials);
	const watermark = () => (rig.state?.auditLogCursor as { watermark?: number | null } | undefined)?.watermark ?? null;

	/** One poll: what it emitted is recorded; a failure is counted, never thrown. */
	const poll = async (number: number): Promise<IDataObject[] | null | 'failed'> => {
		pollsRun++;
		try {
			const items = await rig.poll();
			const times = (items ?? []).map((item) => target.timeOf(item));
			if (times.some((time, index) => index > 0 && time < times[index - 1])) unorderedPolls.push(number);
			for (const item of items ?? []) {
				const identity = target.identityOf(item);
				emitted.set(identity, [...(emitted.get(identity) ?? []), number]);
			}
			return items;
		} catch (error) {
			failedPolls++;
			const message = error instanceof Error ? error.message : String(error);
			lastError = message;
			const kind = message.replace(/\d{3,}/g, 'N').slice(0, 90);
			errors[kind] = (errors[kind] ?? 0) + 1;
			// The node's own errors are NodeApiErrors; anything else (a TypeError…) is a crash.
			if ((error as Error)?.name !== 'NodeApiError') unexpectedErrors.push(`poll ${number}: ${(error as Error)?.stack ?? message}`);
			else if (!EXPECTED_ERROR.test(message) || UNCLEAR_ERROR.test(message)) unclearErrors[kind] = (unclearErrors[kind] ?? 0) + 1;
			return 'failed';
		}
	};

	let log = 0;
	/** Events that `insertDuringPaging` added in the last poll, found through the request log. */
	const recordPagingInserts = (number: number) => {
		const requests = emulator.requests();
		const fired = requests.slice(log).some((request) => request.fault === 'insertDuringPaging');
		log = requests.length;
		if (!fired) return;
		record(session.visible().filter((event) => !inserted.has(target.identityOf(event)) && !baseline.has(target.identityOf(event))), number, 'while paging');
	};

	/** Whether a request since log index `from` met a fault that can fail a poll. */
	const faulted = (from: number) => emulator.requests().slice(from).some((request) => request.fault !== undefined && request.fault !== 'insertDuringPaging');

	let baseline = new Set<string>();
	try {
		emulator.setFaults({ ...target.switches });
		// The baseline: Start From "now" emits nothing and records the newest event.
		if ((await poll(0)) !== null) throw new Error(`${target.name}: the baseline poll emitted events or failed`);
		baseline = new Set(session.visible().map((event) => target.identityOf(event)));
		log = emulator.requests().length;

		/** Up to `pages` pages, but never more than 1,500 events (Workiva's pages hold 1,000). */
		const pagesWorth = (pages: number) => Math.max(Math.ceil(target.pageSize * 1.1), Math.min(Math.ceil(target.pageSize * pages), 1500));
		const oneSecondFaults = Math.max(1, Math.round(options.polls / 500));
		const slowPolls = new Set(Array.from({ length: oneSecondFaults }, () => random.int(1, options.polls)));
		const retryAfterPolls = new Set(Array.from({ length: oneSecondFaults }, () => random.int(1, options.polls)));
		// Budget polls are drawn by chance, and a few are fixed so that every seed has some.
		const budgetedPolls = new Set(Array.from({ length: oneSecondFaults }, () => random.int(1, options.polls)));
		let nextRestart = random.int(10, 60);
		let lastPollEnd = virtualClock.now();
		for (let number = 1; number <= options.polls; number++) {
			if (number === nextRestart) {
				// n8n restarts: a new trigger instance from the saved static data.
				const saved = JSON.parse(JSON.stringify(rig.staticData)) as IDataObject;
				rig = new TriggerRig(target.trigger, rig.parameters, session.credentials);
				rig.staticData = saved;
				restarts++;
				nextRestart += random.int(10, 60);
			}

			// Time passes: mostly a minute, sometimes seconds, sometimes a long gap.
			const step = random.weighted<() => number>([
				[() => MINUTE, 45],
				[() => random.int(5, 59) * SECOND, 20],
				[() => random.int(2, 15) * MINUTE, 30],
				[() => random.int(1, 8) * HOUR, 5],
			])();
			virtualClock.advance(step);
			const now = virtualClock.now();
			/** A time after the last poll ended (so newer than anything the trigger saw) and not after now. */
			const between = () => lastPollEnd + 1 + Math.floor(random.next() * Math.max(1, now - lastPollEnd - 1));

			// Events arrive.
			const few = random.weighted([[0, 35], [1, 30], [2, 18], [3, 9], [5, 5], [10, 3]]);
			if (few > 0) {
				const at = between();
				const spacingMs = Math.max(1, Math.floor(random.next() * Math.min(20 * SECOND, (at - lastPollEnd - 1) / few)));
				record(session.insert({ count: few, at, spacingMs }), number, 'between polls');
			}
			if (random.chance(0.04)) {
				// Mostly small bursts, now and then one as large as the API copes with.
				const count = random.chance(0.2) ? random.int(20, target.maxBurst) : random.int(2, 20);
				record(session.insert({ count, at: between(), spacingMs: 0 }), number, 'burst');
			}
			const budgeted = random.chance(target.pageSize > 100 ? 0.006 : 0.012) || budgetedPolls.has(number);
			if (budgeted || random.chance(0.01)) {
				// A backlog of several pages, spread over the time since the last poll.
				const count = budgeted ? random.int(Math.ceil(target.pageSize * 1.1), pagesWorth(2.5)) : random.int(100, 200);
				const at = now;
				const spacingMs = Math.max(1, Math.floor((now - lastPollEnd - 1) / count));
				record(session.insert({ count, at, spacingMs }), number, 'backlog');
			}
			const mark = watermark();
			if (mark !== null && random.chance(0.08)) {
				// Late, inside the look-back: written before the watermark, visible only now.
				const at = mark - random.int(SECOND, target.lookbackMs - 10 * SECOND);
				record(session.insert({ count: random.int(1, 3), at, spacingMs: random.int(0, 500) }), number, 'late, inside window');
			}
			if (mark !== null && random.chance(0.04)) {
				// Late, outside the look-back: the trigger may miss these.
				const at = mark - random.int(target.lookbackMs + 5 * SECOND, 2 * HOUR);
				record(session.insert({ count: random.int(1, 2), at, spacingMs: random.int(0, 500) }), number, 'late, outside window');
			}

			// The poll's settings.
			if (random.chance(0.1)) parameters.maxEventsPerPoll = random.pick([5, 10, 20, 30, 50, 75, 100, random.int(5, 100)]);
			const maxRetries = random.weighted([[3, 75], [1, 15], [0, 10]]);
			rig.parameters = {
				...parameters,
				maxEventsPerPoll: budgeted ? random.int(Math.ceil(target.pageSize * 1.1), pagesWorth(2.5)) : parameters.maxEventsPerPoll,
				options: { ...baseOptions, maxRetries },
			};
			rig.pollBudgetMs = budgeted ? random.int(15, 60) : undefined;

			// The poll's faults. The fault PRNG gets its own seed each time: setFaults reseeds it.
			const faults: FaultConfig = { ...target.switches, ...target.switchesFor?.(random), seed: random.int(1, 2 ** 31 - 1) };
			if (random.chance(0.65)) {
				faults.status429 = { rate: random.int(1, 8) / 100, retryAfterSeconds: 0 };
				faults.status5xx = { rate: random.int(1, 8) / 100, status: random.pick([500, 502, 503, 504]) };
				faults.drop = { rate: random.int(0, 4) / 100 };
				faults.malformed = { rate: random.int(0, 4) / 100 };
			}
			// Each of these costs a second: a fixed few per 500 polls.
			if (retryAfterPolls.has(number)) faults.status429 = { times: 1, retryAfterSeconds: 1 };
			if (slowPolls.has(number)) faults.slow = { ms: 1100, times: 1 };
			if (random.chance(0.3)) faults.insertDuringPaging = { count: random.int(1, 6), rate: 0.5, times: random.int(1, 3) };
			if (budgeted) faults.latencyMs = random.int(3, 10);
			emulator.setFaults(faults);
			const chaos = session.betweenPolls?.(random);
			if (chaos) providerChaos[chaos] = (providerChaos[chaos] ?? 0) + 1;
			if (budgeted) budgetPolls++;

			const pollStarted = performance.now();
			const before = emulator.requests().length;
			const got = await poll(number);
			if (options.trace) {
				const state = rig.state?.auditLogCursor as IDataObject | undefined;
				const emittedNow = got === 'failed' ? 'failed' : `emitted ${got?.length ?? 0}`;
				options.trace(
					`poll ${number}: ${emittedNow} (max ${String(rig.parameters.maxEventsPerPoll)}, ${emulator.requests().length - before} requests, faults ${JSON.stringify(faults)}); ` +
						`watermark ${iso(watermark())}, checkpoints ${JSON.stringify(state?.checkpoints ?? [])}, descent ${JSON.stringify(state?.descent ?? null)}, recent ${(state?.recent as unknown[] | undefined)?.length ?? 0}`,
				);
			}
			if (got === 'failed' && !chaos && !faulted(before)) faultlessFailures.push(`poll ${number}: ${lastError}`);
			if (budgeted && performance.now() - pollStarted >= (rig.pollBudgetMs ?? Infinity) * 0.8) budgetExhausted++;
			emulator.setFaults({ ...target.switches });
			recordPagingInserts(number);
			lastPollEnd = virtualClock.now();
		}

		// Quiet: no faults, no inserts, no budget; poll until three polls in a row emit nothing.
		rig.parameters = { ...parameters, maxEventsPerPoll: 100, options: baseOptions };
		rig.pollBudgetMs = undefined;
		emulator.setFaults({ ...target.switches });
		session.settle?.();
		let idle = 0;
		while (idle < 3) {
			if (quietPolls >= 2000) throw new Error(`${target.name}: still emitting after 2000 quiet polls`);
			quietPolls++;
			const before = emulator.requests().length;
			const items = await poll(options.polls + quietPolls);
			if (items === 'failed' && !faulted(before)) faultlessFailures.push(`poll ${options.polls + quietPolls} (quiet): ${lastError}`);
			idle = items === null ? idle + 1 : 0;
		}

		// The emulator's own view: everything that arrived after the baseline.
		const all = session.visible().map((event) => target.identityOf(event));
		const arrived = [...new Set(all)].filter((identity) => !baseline.has(identity));
		const arrivedSet = new Set(arrived);
		const expected = arrived.filter((identity) => !lateOutside.has(identity));
		const lost = expected.filter((identity) => !emitted.has(identity));
		const duplicated = [...emitted].filter(([, polls]) => polls.length > 1).map(([identity]) => identity);
		const unknownEmitted = [...emitted.keys()].filter((identity) => !arrivedSet.has(identity));
		const diagnostics = [...lost.map((identity) => ['lost', identity] as const), ...duplicated.map((identity) => ['duplicated', identity] as const)]
			.slice(0, 20)
			.map(([what, identity]) => {
				const origin = inserted.get(identity);
				const at = origin ? `${new Date(origin.time).toISOString()}, inserted before poll ${origin.poll} (${origin.kind})` : 'origin unknown';
				return `${what} ${identity}: ${at}; emitted by polls [${(emitted.get(identity) ?? []).join(', ')}]`;
			});

		const requests = emulator.requests();
		const faultKinds: Record<string, number> = {};
		for (const request of requests) if (request.fault) faultKinds[request.fault] = (faultKinds[request.fault] ?? 0) + 1;

		return {
			provider: target.name,
			seed: options.seed,
			polls: pollsRun,
			mixedPolls: options.polls,
			quietPolls,
			events: arrived.length,
			faults: requests.filter((request) => request.fault !== undefined).length,
			faultKinds,
			restarts,
			lost,
			duplicated,
			lateInside,
			lateOutside: [...lateOutside].filter((identity) => arrivedSet.has(identity)).length,
			lateOutsideDelivered: [...lateOutside].filter((identity) => emitted.has(identity)).length,
			unknownEmitted,
			requests: requests.length,
			failedPolls,
			errors,
			unexpectedErrors,
			unclearErrors,
			unorderedPolls,
			faultlessFailures,
			budgetPolls,
			budgetExhausted,
			providerChaos,
			diagnostics,
			ms: performance.now() - started,
		};
	} finally {
		await emulator.close();
		virtualClock.restore();
	}
}

const number = (value: number) => value.toLocaleString('en-US');

/** The table for the issue: one row per trigger. */
export function resultsTable(results: SoakResult[]): string {
	const rows = results.map((r) =>
		[
			r.provider,
			number(r.polls),
			number(r.events),
			number(r.faults),
			number(r.restarts),
			number(r.lost.length),
			number(r.duplicated.length),
			`${number(r.lateOutside)} (${number(r.lateOutsideDelivered)} delivered anyway)`,
			number(r.requests),
		].join(' | '),
	);
	return [
		'| provider | polls | events | faults injected | restarts | lost | duplicated | late outside window | requests |',
		'|---|---|---|---|---|---|---|---|---|',
		...rows.map((row) => `| ${row} |`),
	].join('\n');
}

/** What the table leaves out: how the polls went, per trigger. */
export function resultsDetails(results: SoakResult[]): string {
	return results
		.map((r) => {
			const kinds = Object.entries(r.faultKinds).map(([kind, count]) => `${kind} ${count}`).join(', ');
			const errors = Object.entries(r.errors).map(([message, count]) => `${count}× ${message}`).join('; ');
			const chaos = Object.entries(r.providerChaos).map(([what, count]) => `${what} ${count}`).join(', ');
			const unclear = Object.entries(r.unclearErrors).map(([message, count]) => `${count}× ${message}`).join('; ');
			return [
				`- ${r.provider} (seed ${r.seed}, ${(r.ms / 1000).toFixed(1)} s): ${r.mixedPolls} mixed polls + baseline + ${r.quietPolls} until quiet;`,
				`  faults: ${kinds || 'none'}; failed polls ${r.failedPolls}${errors ? ` (${errors})` : ''}; failed without a fault ${r.faultlessFailures.length};`,
				`  late inside window ${r.lateInside}; budget polls ${r.budgetPolls} (${r.budgetExhausted} ran out of budget)${chaos ? `; ${chaos}` : ''}`,
				...(unclear ? [`  unclear error messages: ${unclear}`] : []),
			].join('\n');
		})
		.join('\n');
}

