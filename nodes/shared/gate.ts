import { sleep } from 'n8n-workflow';

/**
 * What one API client may send at once, and how fast: the requests a client has in flight,
 * and the rate-limit budget the API reports. One gate per ApiClient; every attempt of every
 * request passes through it.
 *
 * - **Concurrency.** At most `maxConcurrency` requests in flight (the provider declares it).
 * - **A reported budget** (`X-RateLimit-Remaining`, with `X-RateLimit-Limit` and
 *   `X-RateLimit-Reset` where sent). Requests that would overdraw it wait for the reset; then one
 *   request learns the new budget before the others follow. Without a reset header, the reset is
 *   learnt: a window opens with the request whose answer shows a full budget less one, and lasts
 *   as long as the first 429's `Retry-After` showed. Until that is known, one request at a time
 *   probes the spent budget, so only that one meets the 429.
 * - **No budget reported** (APIs that only answer 429): additive increase, multiplicative
 *   decrease. A 429 halves the concurrency and holds every request until its `Retry-After`; each
 *   run of successes as long as the concurrency grows it by one, back up to the maximum. The 429
 *   also shows the rate: the requests answered since the last hold, over the time until its
 *   `Retry-After` (of a second or more) ends. From then on requests start no closer together
 *   than PACE_SHARE of that rate allows, so later windows are not overrun; the pace quickens
 *   slowly with each answer, in case the rate was learnt too low.
 */
/** The share of a learnt rate the gate uses, so that timing noise does not overrun a window. */
const PACE_SHARE = 0.9;
/** A 429 with a shorter Retry-After says nothing about a rate window (a passing overload). */
const MIN_WINDOW_MS = 1000;
/** Each answered request shortens the pace this much, so a rate learnt too low recovers. */
const PACE_RECOVERY = 0.995;

export class RequestGate {
	/** The concurrency allowed now: halved by 429s, grown back by successes. */
	private allowed: number;
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	/** No request starts before this (epoch ms): a 429's Retry-After, or a spent budget's reset. */
	private heldUntil = 0;
	private successRun = 0;

	/** Requests the API still allows in its window, as last reported, less those sent since. */
	private budget?: number;
	private budgetResetAt?: number;
	/** The send number of the response the budget was read from; older responses are stale. */
	private budgetSeq = 0;
	private sent = 0;
	/** Learnt from a 429 when the API reports a budget but no reset time. */
	private windowMs?: number;
	/** The request that opened the current window: when it was sent, and when its answer came. */
	private windowOpened?: { sentAt: number; answeredAt: number };

	/** Without a reported budget: requests answered since the last hold ended, and since when. */
	private answeredSinceHold = 0;
	private firstSentSinceHold?: number;
	/** The time between request starts, once a 429 showed the rate; and the next start allowed. */
	private paceMs?: number;
	private nextStartAt = 0;

	constructor(private readonly maxConcurrency: number) {
		this.allowed = Math.max(1, maxConcurrency);
	}

	/** The concurrency the gate allows at present. */
	get concurrency(): number {
		return this.allowed;
	}

	/**
	 * Waits for a slot, the end of a hold and a budget, then returns a ticket for `release`.
	 * A wait that `mayWait` refuses (longer than Max Wait, or past a trigger's deadline) is
	 * skipped: the request goes out, and the API's own 429 decides.
	 */
	async acquire(mayWait: (ms: number) => boolean): Promise<GateTicket> {
		for (;;) {
			const now = Date.now();
			let spent = this.budget !== undefined && this.budget <= 0;
			const holdMs = Math.max(this.heldUntil, spent ? (this.budgetResetAt ?? 0) : 0) - now;
			if (holdMs > 0 && mayWait(holdMs)) {
				await sleep(holdMs);
				continue;
			}
			if (spent && this.budgetResetAt !== undefined && this.budgetResetAt <= now) {
				this.awaitNewBudget();
				spent = false;
			}
			// A spent budget with no known reset: one request at a time, so only that one meets the 429.
			if (this.inFlight >= (spent ? 1 : this.allowed)) {
				await new Promise<void>((resolve) => this.waiting.push(resolve));
				continue;
			}
			if (this.paceMs !== undefined) {
				const paceWaitMs = this.nextStartAt - now;
				if (paceWaitMs > 0 && mayWait(paceWaitMs)) {
					await sleep(paceWaitMs);
					continue;
				}
				this.nextStartAt = Math.max(now, this.nextStartAt) + this.paceMs;
			}
			this.firstSentSinceHold ??= now;
			this.inFlight++;
			if (this.budget !== undefined) this.budget--;
			return { seq: ++this.sent, sentAt: Date.now() };
		}
	}

	/** Ends a request: frees its slot and learns from its response (none for a dropped connection). */
	release(ticket: GateTicket, response?: GateResponse) {
		this.inFlight--;
		if (response) this.learn(ticket, response);
		this.waiting.splice(0).forEach((wake) => wake());
	}

	private learn(ticket: GateTicket, { statusCode, headers, retryAfterMs }: GateResponse) {
		const now = Date.now();
		const remaining = readCount(headers['x-ratelimit-remaining']);
		const limit = readCount(headers['x-ratelimit-limit']);
		if (remaining !== undefined && ticket.seq > this.budgetSeq) {
			this.budgetSeq = ticket.seq;
			if (limit !== undefined && remaining >= limit - 1) this.windowOpened = { sentAt: ticket.sentAt, answeredAt: now };
			// Requests sent after this one may already have been counted against it.
			this.budget = remaining - (this.sent - ticket.seq);
			// A learnt window is counted from the answer, which came after the server opened it.
			this.budgetResetAt =
				parseResetHeader(headers['x-ratelimit-reset'], now) ??
				(this.windowMs !== undefined && this.windowOpened !== undefined ? this.windowOpened.answeredAt + this.windowMs : undefined);
		}
		if (statusCode === 429) {
			this.allowed = Math.max(1, Math.floor(this.allowed / 2));
			this.successRun = 0;
			if (retryAfterMs === undefined) return;
			const resumeAt = now + retryAfterMs;
			this.heldUntil = Math.max(this.heldUntil, resumeAt);
			if (this.budget === undefined) {
				this.learnPace(resumeAt, retryAfterMs);
				return;
			}
			this.budget = Math.min(this.budget, 0);
			this.budgetResetAt = Math.max(this.budgetResetAt ?? 0, resumeAt);
			// The budget's window, learnt once: from the request that opened it, sent before the
			// server opened it, to this reset, so it is never shorter than the real one.
			if (this.windowMs === undefined && this.windowOpened !== undefined) this.windowMs = resumeAt - this.windowOpened.sentAt;
			return;
		}
		if (statusCode < 500) {
			this.answeredSinceHold++;
			if (this.paceMs !== undefined) this.paceMs *= PACE_RECOVERY;
		}
		if (statusCode < 500 && ++this.successRun >= this.allowed && this.allowed < this.maxConcurrency) {
			this.allowed++;
			this.successRun = 0;
		}
	}

	/**
	 * An API that reports no budget answered 429: the requests it took since the last hold, over
	 * the time from the first of them to the end of this Retry-After, is the rate it allows.
	 */
	private learnPace(resumeAt: number, retryAfterMs: number) {
		if (retryAfterMs >= MIN_WINDOW_MS && this.firstSentSinceHold !== undefined && this.answeredSinceHold > 0) {
			const allowedRequests = Math.max(1, Math.floor(this.answeredSinceHold * PACE_SHARE));
			this.paceMs = (resumeAt - this.firstSentSinceHold) / allowedRequests;
			this.nextStartAt = resumeAt;
		}
		this.answeredSinceHold = 0;
		this.firstSentSinceHold = undefined;
	}

	/**
	 * The reset has passed. One request goes out to learn the new budget (a bucket may refill by
	 * less than the concurrency); answers to requests sent before the reset are out of date.
	 */
	private awaitNewBudget() {
		this.budget = 1;
		this.budgetResetAt = undefined;
		this.budgetSeq = this.sent;
	}
}

/** What the gate reads of a response; `retryAfterMs` is the wait a 429 asked for, if it said. */
export interface GateResponse {
	statusCode: number;
	headers: Record<string, string>;
	retryAfterMs?: number;
}

export interface GateTicket {
	/** The order in which requests were let through. */
	seq: number;
	sentAt: number;
}

function readCount(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const count = Number(value);
	return Number.isFinite(count) ? count : undefined;
}

/** X-RateLimit-Reset comes as an ISO date (Sim), epoch seconds (Webflow SDK) or epoch ms. */
export function parseResetHeader(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) {
		const n = Number(trimmed);
		if (n > 1e12) return n;
		if (n > 1e9) return n * 1000;
		return now + n * 1000;
	}
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : date;
}
