/**
 * The request gate on its own (nodes/shared/gate.ts), on a fake clock: how many requests it
 * lets through at once, and when, for the rate-limit signals an API may send.
 */
import type { GateTicket } from '../../nodes/shared/gate';
import { RequestGate } from '../../nodes/shared/gate';

const always = () => true;

beforeEach(() => {
	jest.useFakeTimers({ now: Date.parse('2026-11-01T00:00:00.000Z') });
});
afterEach(() => {
	jest.useRealTimers();
});

/** Asks the gate for `count` tickets at once; `granted` lists those it has handed out so far. */
function ask(gate: RequestGate, count: number, mayWait: (ms: number) => boolean = always) {
	const granted: GateTicket[] = [];
	const all = Array.from({ length: count }, async () => {
		const ticket = await gate.acquire(mayWait);
		granted.push(ticket);
		return ticket;
	});
	return { granted, all };
}

const settle = async () => await jest.advanceTimersByTimeAsync(0);
const ok = (headers: Record<string, string> = {}) => ({ statusCode: 200, headers });

describe('RequestGate', () => {
	it('lets at most the declared number of requests through at once', async () => {
		const gate = new RequestGate(3);
		const { granted } = ask(gate, 5);
		await settle();
		expect(granted).toHaveLength(3);
		gate.release(granted[0], ok());
		await settle();
		expect(granted).toHaveLength(4);
		gate.release(granted[1]);
		await settle();
		expect(granted).toHaveLength(5);
	});

	it('waits for X-RateLimit-Reset once the reported budget is spent, then lets one request learn the new budget', async () => {
		const gate = new RequestGate(4);
		const first = await gate.acquire(always);
		gate.release(first, ok({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': '2026-11-01T00:00:05.000Z' }));
		const { granted } = ask(gate, 4);
		await settle();
		// Two left in the window: the others wait for the reset.
		expect(granted).toHaveLength(2);
		await jest.advanceTimersByTimeAsync(4_999);
		expect(granted).toHaveLength(2);
		await jest.advanceTimersByTimeAsync(1);
		// After the reset, one request first: a bucket may refill by less than the concurrency.
		expect(granted).toHaveLength(3);
		gate.release(granted[2], ok({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '9' }));
		await settle();
		expect(granted).toHaveLength(4);
	});

	it('counts requests sent after a response against the budget it reports', async () => {
		const gate = new RequestGate(8);
		const { granted } = ask(gate, 3);
		await settle();
		// The first answer says 3 remain, but two more requests were sent after it.
		gate.release(granted[0], ok({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '60' }));
		const more = ask(gate, 3);
		await settle();
		expect(more.granted).toHaveLength(1);
	});

	it('without a reset header, probes a spent budget one request at a time, and learns the window from the 429', async () => {
		const gate = new RequestGate(4);
		const budget = (remaining: number) => ({ 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': String(remaining) });
		// The window opens with the request whose answer shows a full budget less one.
		const opener = await gate.acquire(always);
		gate.release(opener, ok(budget(2)));
		const spend = ask(gate, 2);
		await settle();
		spend.granted.forEach((ticket, index) => gate.release(ticket, ok(budget(1 - index))));
		const probes = ask(gate, 3);
		await settle();
		expect(probes.granted).toHaveLength(1);
		await jest.advanceTimersByTimeAsync(200);
		// The probe meets the 429: every request waits out its Retry-After, which ends the window.
		gate.release(probes.granted[0], { statusCode: 429, headers: budget(0), retryAfterMs: 800 });
		await jest.advanceTimersByTimeAsync(799);
		expect(probes.granted).toHaveLength(1);
		await jest.advanceTimersByTimeAsync(1);
		expect(probes.granted).toHaveLength(2);
		// The new window opens; once it is spent, the gate waits for its end without a 429.
		gate.release(probes.granted[1], ok(budget(2)));
		await settle();
		expect(probes.granted).toHaveLength(3);
		gate.release(probes.granted[2], ok(budget(1)));
		const next = ask(gate, 3);
		await settle();
		expect(next.granted).toHaveLength(1);
		gate.release(next.granted[0], ok(budget(0)));
		await settle();
		expect(next.granted).toHaveLength(1);
		// The window lasted 1,000 ms (from the opener's send to the Retry-After's end).
		await jest.advanceTimersByTimeAsync(1_000);
		expect(next.granted).toHaveLength(2);
	});

	it('without any budget: a 429 halves the concurrency and holds everyone until Retry-After; successes grow it back', async () => {
		const gate = new RequestGate(8);
		const { granted } = ask(gate, 8);
		await settle();
		expect(granted).toHaveLength(8);
		gate.release(granted[0], { statusCode: 429, headers: {}, retryAfterMs: 1_000 });
		expect(gate.concurrency).toBe(4);
		granted.slice(1).forEach((ticket) => gate.release(ticket, ok()));
		const after = ask(gate, 8);
		await jest.advanceTimersByTimeAsync(999);
		expect(after.granted).toHaveLength(0);
		await jest.advanceTimersByTimeAsync(1);
		expect(after.granted).toHaveLength(gate.concurrency);
		const before = gate.concurrency;
		after.granted.slice(0, before).forEach((ticket) => gate.release(ticket, ok()));
		expect(gate.concurrency).toBe(before + 1);
	});

	it('without any budget: a 429 of a second or more shows the rate, and later requests keep to it', async () => {
		const gate = new RequestGate(4);
		const { granted } = ask(gate, 4);
		await settle();
		// Three answered in the window, then a 429 whose Retry-After ends the window at 1,000 ms.
		granted.slice(0, 3).forEach((ticket) => gate.release(ticket, ok()));
		gate.release(granted[3], { statusCode: 429, headers: {}, retryAfterMs: 1_000 });
		const after = ask(gate, 3);
		await jest.advanceTimersByTimeAsync(1_000);
		expect(after.granted).toHaveLength(1);
		// 90 % of 3 requests a second: one every 500 ms.
		await jest.advanceTimersByTimeAsync(499);
		expect(after.granted).toHaveLength(1);
		await jest.advanceTimersByTimeAsync(1);
		expect(after.granted).toHaveLength(2);
	});

	it('skips a wait that Max Wait or a deadline does not allow: the API decides', async () => {
		const gate = new RequestGate(2);
		const first = await gate.acquire(always);
		gate.release(first, { statusCode: 429, headers: {}, retryAfterMs: 60_000 });
		const { granted } = ask(gate, 1, (ms) => ms <= 5_000);
		await settle();
		expect(granted).toHaveLength(1);
	});
});
