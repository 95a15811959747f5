/**
 * Jest set-up for tests against one emulator: start it once per file, give every test fresh
 * data, stop it at the end.
 *
 *   const sim = useEmulator(startSimEmulator, { anchor: ANCHOR });
 *   it('…', () => expect(sim.visibleEvents()).toHaveLength(1200));
 */
import type { DataOptions, ProviderEmulator, ServerOptions } from './kit';

/**
 * Registers `beforeAll` (start), `beforeEach` (reset to the data options it started with, which
 * also clears faults, switches, rate limits and the request log) and `afterAll` (close). Returns
 * the emulator: a stand-in that forwards to the running one, usable from `beforeAll` on.
 */
export function useEmulator<Options extends DataOptions, E extends ProviderEmulator<Options>>(
	start: (options?: Options & ServerOptions) => Promise<E>,
	options?: Options & ServerOptions,
): E {
	let running: E | undefined;
	let initial: Required<Options> | undefined;
	const current = (): E => {
		if (!running) throw new Error('the emulator runs from beforeAll to afterAll only');
		return running;
	};

	beforeAll(async () => {
		running = await start(options);
		initial = running.options();
	});
	beforeEach(() => {
		// All the initial options, so whatever a test changed with reset(...) is undone.
		current().reset(initial);
		current().clearRequests();
	});
	afterAll(async () => {
		await running?.close();
		running = undefined;
	});

	return new Proxy({} as E, {
		get: (_target, property) => Reflect.get(current(), property),
		has: (_target, property) => Reflect.has(current(), property),
		ownKeys: () => Reflect.ownKeys(current()),
		getOwnPropertyDescriptor: (_target, property) => {
			const descriptor = Reflect.getOwnPropertyDescriptor(current(), property);
			return descriptor && { ...descriptor, configurable: true };
		},
	});
}

/** A response read whole: the JSON `body` is `undefined` when the text is not JSON. */
export interface Reply {
	status: number;
	headers: Headers;
	text: string;
	body: unknown;
}

/** `fetch`, then read the whole body as text and, if it is JSON, parsed. */
export async function fetchReply(url: string, init: RequestInit = {}): Promise<Reply> {
	const response = await fetch(url, init);
	const text = await response.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: response.status, headers: response.headers, text, body };
}

/** Retries fast enough for tests; the defaults wait seconds. */
export const FAST_RETRIES = { maxRetries: 3, initialRetryDelayMs: 20, maxWaitSeconds: 5 };

/** Seeded histories end here, so every run sees the same events. */
export const ANCHOR = '2026-11-01T00:00:00.000Z';
