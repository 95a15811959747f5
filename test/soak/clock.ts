/**
 * The soak's clock: real time plus an offset that only ever grows, so the time between two
 * polls can be a minute or an hour (as in n8n, which polls every minute or less often) while
 * the test waits only milliseconds.
 *
 * It replaces `Date.now` of this test file's context, which the trigger, the transport, n8n-core
 * and the emulators (inserts at "now", token lifetimes, rate-limit windows) all read. Within a
 * poll the offset never changes, so a poll's budget and every timeout still run on real time.
 * Nothing here reads `new Date()` without arguments for anything that matters (only the
 * harness's workflow metadata does).
 */
const realNow = Date.now.bind(Date);
let offset = 0;
let installed = false;

export const virtualClock = {
	/** From now on, `Date.now()` starts at `startAt` (epoch ms) and runs at real speed. */
	install(startAt: number): void {
		offset = startAt - realNow();
		installed = true;
		Date.now = () => realNow() + offset;
	},
	/** Moves the clock forward; only ever call it between polls. */
	advance(ms: number): void {
		if (!installed) throw new Error('the virtual clock is not installed');
		if (ms < 0) throw new Error('the virtual clock only moves forward');
		offset += ms;
	},
	now(): number {
		return realNow() + offset;
	},
	/** Real time again, e.g. before jest takes a test's duration. */
	restore(): void {
		Date.now = realNow;
		offset = 0;
		installed = false;
	},
};
