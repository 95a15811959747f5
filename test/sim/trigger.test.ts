import { SimAuditLogTrigger } from '../../nodes/Sim/SimAuditLogTrigger.node';
import { TriggerRig } from '../harness/n8n';
import { FAST_RETRIES, listRequests, simCredentials, useSim } from './setup';

const trigger = new SimAuditLogTrigger();
const sim = useSim();

function rig(parameters: Record<string, unknown> = {}) {
	return new TriggerRig(
		trigger,
		{ startFrom: 'now', maxEventsPerPoll: 100, filters: {}, options: FAST_RETRIES, ...parameters },
		simCredentials(sim),
	);
}

const idsOf = (events: Array<{ id?: unknown }> | null) => (events ?? []).map((event) => event.id as string);

/** Polls until a poll emits nothing; the IDs each poll emitted. */
const drain = async (triggerRig: TriggerRig) => (await triggerRig.drain()).map(idsOf);

describe('Sim Audit Log Trigger', () => {
	it('records a baseline on the first poll and emits only what comes after, oldest first', async () => {
		const triggerRig = rig();
		expect(await triggerRig.poll()).toBeNull();
		const [newest] = sim.visibleEvents();
		expect(triggerRig.state?.auditLogCursor).toMatchObject({ watermark: Date.parse(newest.createdAt) });
		expect(await triggerRig.poll()).toBeNull();

		const inserted = sim.insert({ count: 3, spacingMs: 5 });
		const emitted = await triggerRig.poll();
		expect(emitted).toEqual([...inserted].reverse());
		expect(await triggerRig.poll()).toBeNull();
	});

	it('delivers every event exactly once across 50 polls, with inserts between polls and while a poll is paging', async () => {
		const triggerRig = rig({ maxEventsPerPoll: 1000 });
		const baseline = new Set(sim.visibleEvents().map((event) => event.id));
		await triggerRig.poll();

		const emitted: string[] = [];
		for (let poll = 0; poll < 50; poll++) {
			sim.insert({ count: poll % 7, spacingMs: poll % 3 });
			if (poll % 10 === 5) {
				// A big batch makes the next poll page, and more arrive during that walk.
				sim.insert({ count: 250, spacingMs: 0.25 });
				sim.setFaults({ insertDuringPaging: { count: 4, times: 2 } });
			}
			const events = await triggerRig.poll();
			const times = (events ?? []).map((event) => String(event.createdAt));
			expect(times).toEqual([...times].sort());
			emitted.push(...idsOf(events));
			sim.setFaults({});
		}
		emitted.push(...(await drain(triggerRig)).flat());

		const expected = sim.visibleEvents().filter((event) => !baseline.has(event.id));
		expect(expected.length).toBeGreaterThan(1000);
		expect(listRequests(sim).some((request) => request.fault === 'insertDuringPaging')).toBe(true);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(new Set(emitted)).toEqual(new Set(expected.map((event) => event.id)));
	});

	it('carries events beyond Max Events per Poll over to the next polls, losing none', async () => {
		const triggerRig = rig({ maxEventsPerPoll: 10 });
		await triggerRig.poll();
		const inserted = sim.insert({ count: 25, spacingMs: 3 });
		const polls = await drain(triggerRig);
		expect(polls.map((ids) => ids.length)).toEqual([10, 10, 5]);
		expect(polls.flat()).toEqual(inserted.map((event) => event.id).reverse());
	});

	it('splits a burst that shares one millisecond across polls without loss or repeats, precision quirk on', async () => {
		sim.setFaults({ precisionQuirk: true });
		const triggerRig = rig({ maxEventsPerPoll: 30 });
		await triggerRig.poll();
		// Up to a page (100) per millisecond: Sim's own cursor cannot get past more than
		// that in one millisecond when the quirk is live (see README, Sim limits).
		const burst = sim.insert({ count: 80, spacingMs: 0 });
		expect(new Set(burst.map((event) => event.createdAt)).size).toBe(1);
		const polls = await drain(triggerRig);
		expect(polls.map((ids) => ids.length)).toEqual([30, 30, 20]);
		expect(new Set(polls.flat())).toEqual(new Set(burst.map((event) => event.id)));
	});

	it('backfills every event since a date, oldest first and exactly once, precision quirk on', async () => {
		sim.setFaults({ precisionQuirk: true });
		const since = '2026-10-25T00:00:00Z';
		const triggerRig = rig({ startFrom: 'date', startDate: since, maxEventsPerPoll: 75 });
		const polls = await drain(triggerRig);
		const expected = sim
			.visibleEvents()
			.filter((event) => event.createdAt >= '2026-10-25T00:00:00.000Z')
			.reverse();
		expect(expected.length).toBeGreaterThan(150);
		const emitted = polls.flat();
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(new Set(emitted)).toEqual(new Set(expected.map((event) => event.id)));
		// Oldest first; within one millisecond Sim's microsecond order is invisible to clients.
		const createdAt = new Map(expected.map((event) => [event.id, event.createdAt]));
		const times = emitted.map((id) => createdAt.get(id)!);
		expect(times).toEqual([...times].sort());
	});

	it('backfills the last N hours', async () => {
		const now = Date.now();
		const [old] = sim.insert({ count: 1, at: new Date(now - 30 * 3_600_000).toISOString() });
		const [recent] = sim.insert({ count: 1, at: new Date(now - 2 * 3_600_000).toISOString() });
		const triggerRig = rig({ startFrom: 'hoursAgo', startHours: 24 });
		const polls = await drain(triggerRig);
		expect(polls.flat()).toEqual([recent.id]);
		expect(polls.flat()).not.toContain(old.id);
	});

	it('emits an event that becomes visible late, within the look-back window', async () => {
		const triggerRig = rig();
		await triggerRig.poll();
		const [first] = sim.insert({ count: 1 });
		expect(idsOf(await triggerRig.poll())).toEqual([first.id]);
		// Written 10 s ago but only visible now (Sim lists from a read replica).
		const [late] = sim.insert({ count: 1, at: new Date(Date.parse(first.createdAt) - 10_000).toISOString() });
		expect(idsOf(await triggerRig.poll())).toEqual([late.id]);
		expect(await triggerRig.poll()).toBeNull();
	});

	it('returns the latest events in manual mode and leaves the state alone', async () => {
		const triggerRig = rig();
		await triggerRig.poll();
		const before = JSON.stringify(triggerRig.staticData);
		sim.insert({ count: 5 });
		const sample = await triggerRig.poll('manual');
		expect(idsOf(sample)).toEqual(sim.visibleEvents().slice(0, 3).map((event) => event.id).reverse());
		expect(JSON.stringify(triggerRig.staticData)).toBe(before);
		expect(await triggerRig.poll()).toHaveLength(5);
	});

	it('leaves the state untouched when a poll fails, and delivers the events on the next poll', async () => {
		const triggerRig = rig({ options: { ...FAST_RETRIES, maxRetries: 1 } });
		await triggerRig.poll();
		const inserted = sim.insert({ count: 4 });
		const before = JSON.stringify(triggerRig.staticData);

		sim.setFaults({ status5xx: { times: 2 } });
		await expect(triggerRig.poll()).rejects.toThrow('Sim API error 500: Internal server error');
		expect(JSON.stringify(triggerRig.staticData)).toBe(before);

		sim.setFaults({});
		expect(idsOf(await triggerRig.poll())).toEqual(inserted.map((event) => event.id).reverse());
	});

	it('starts from a new baseline when a filter changes, and never by accident', async () => {
		const triggerRig = rig({ filters: { action: 'workflow.deployed' } });
		await triggerRig.poll();
		const fingerprint = (triggerRig.state?.auditLogCursor as { fingerprint: string }).fingerprint;

		// Options that do not change which events match keep the cursor.
		triggerRig.parameters = { ...triggerRig.parameters, maxEventsPerPoll: 5, options: { ...FAST_RETRIES, outputFormat: 'normalized' } };
		sim.insert({ count: 2, events: [{ action: 'workflow.deployed' }, { action: 'workflow.deployed' }] });
		expect(await triggerRig.poll()).toHaveLength(2);
		expect((triggerRig.state?.auditLogCursor as { fingerprint: string }).fingerprint).toBe(fingerprint);

		sim.insert({ count: 1, events: [{ action: 'workflow.created' }] });
		triggerRig.parameters = { ...triggerRig.parameters, filters: { action: 'workflow.created' } };
		expect(await triggerRig.poll()).toBeNull();
		expect((triggerRig.state?.auditLogCursor as { fingerprint: string }).fingerprint).not.toBe(fingerprint);
		const [created] = sim.insert({ count: 1, events: [{ action: 'workflow.created' }] });
		const emitted = await triggerRig.poll();
		expect(emitted?.map((event) => event.id)).toEqual([created.id]);
		expect(emitted?.[0]).toMatchObject({ provider: 'sim', action: 'workflow.created' });
	});
});
