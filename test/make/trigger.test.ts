import type { IDataObject } from 'n8n-workflow';

import { MakeAuditLogTrigger } from '../../nodes/Make/MakeAuditLogTrigger.node';
import type { MakeAuditLogEntry } from '../../nodes/Make/types';
import { TriggerRig } from '../harness/n8n';
import { apiRequests, FAST_RETRIES, makeCredentials, useMake } from './setup';

const trigger = new MakeAuditLogTrigger();
const make = useMake();

const organization = () => ({ __rl: true, mode: 'list', value: String(make.organization.id) });

function rig(parameters: Record<string, unknown> = {}, token?: string) {
	return new TriggerRig(
		trigger,
		{ scope: 'organization', organization: organization(), startFrom: 'now', maxEventsPerPoll: 100, filters: {}, options: FAST_RETRIES, ...parameters },
		makeCredentials(make, token),
	);
}

const uuids = (events: IDataObject[] | null) => (events ?? []).map((event) => String(event.uuid));
/** Oldest first, as the trigger emits: by second, then uuid (the engine's tie-break). */
const oldestFirst = (entries: MakeAuditLogEntry[]) =>
	[...entries].sort((a, b) => a.triggeredAt - b.triggeredAt || (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0)).map((entry) => entry.uuid);

describe('Make Audit Log Trigger', () => {
	it('baselines, then emits new entries oldest first, reading oldest first from the watermark\'s day', async () => {
		const triggerRig = rig();
		expect(await triggerRig.poll()).toBeNull();
		const { watermark } = triggerRig.state?.auditLogCursor as { watermark: number };
		const inserted = make.insert({ count: 3, spacingSeconds: 2 });
		make.clearRequests();
		expect(uuids(await triggerRig.poll())).toEqual(oldestFirst(inserted));
		const [request] = apiRequests(make);
		expect(request.query).toMatchObject({ 'pg[sortBy]': 'triggeredAt', 'pg[sortDir]': 'asc', dateFrom: new Date(watermark - 60_000).toISOString().slice(0, 10) });
		expect(await triggerRig.poll()).toBeNull();
	});

	it('delivers every entry exactly once across 40 polls: inserts, same-second bursts, inserts while paging, carry-over', async () => {
		const triggerRig = rig({ maxEventsPerPoll: 60 });
		await triggerRig.poll();
		const before = new Set(make.visibleEvents().map((entry) => entry.uuid));
		const emitted: string[] = [];
		for (let poll = 0; poll < 40; poll++) {
			make.insert({ count: poll % 5, spacingSeconds: poll % 2 });
			if (poll % 8 === 3) {
				make.insert({ count: 150, spacingSeconds: 0 }); // 150 entries in one second
				make.setFaults({ insertDuringPaging: { count: 3, times: 2 } });
			}
			const events = await triggerRig.poll();
			const seconds = (events ?? []).map((event) => Number(event.triggeredAt));
			expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
			emitted.push(...uuids(events));
			make.setFaults({});
		}
		emitted.push(...(await triggerRig.drain()).flat().map((event) => String(event.uuid)));

		const expected = make.visibleEvents().filter((entry) => !before.has(entry.uuid)).map((entry) => entry.uuid);
		expect(expected.length).toBeGreaterThan(700);
		expect(apiRequests(make).some((request) => request.fault === 'insertDuringPaging')).toBe(true);
		expect(emitted).toHaveLength(new Set(emitted).size);
		expect(new Set(emitted)).toEqual(new Set(expected));
	});

	it('starts each poll past the day\'s entries older than its look-back, not at the start of the day', async () => {
		const triggerRig = rig({ maxEventsPerPoll: 1000 });
		await triggerRig.poll();
		// 450 entries a second apart, the newest at noon of a day no seeded entry falls on.
		const busy = make.insert({ count: 450, spacingSeconds: 1, at: '2026-11-02T12:00:00Z' });
		expect(uuids(await triggerRig.poll())).toEqual(oldestFirst(busy));
		const offsets = () => apiRequests(make).map((request) => Number(request.query['pg[offset]']));

		// The first poll whose look-back starts on that day reads the day from its start.
		make.clearRequests();
		expect(await triggerRig.poll()).toBeNull();
		expect(offsets()).toEqual([0, 100, 200, 300, 400]);

		// From then on: the look-back (60 s) holds the newest 61 entries, and the 389 before it are
		// not read again: one request, from the last of them (the seam), instead of five pages.
		make.clearRequests();
		expect(await triggerRig.poll()).toBeNull();
		expect(offsets()).toEqual([388]);

		make.clearRequests();
		const next = make.insert({ count: 5, spacingSeconds: 1, at: '2026-11-02T12:00:10Z' });
		expect(uuids(await triggerRig.poll())).toEqual(oldestFirst(next));
		expect(offsets()).toEqual([388]);

		// A bookmark past the boundary (as entries removed from the day would leave it): the seam
		// entry is no longer older than the look-back, so the day is read from its start, and
		// nothing is lost.
		const cursor = triggerRig.state!.auditLogCursor as { resume: { offset: number } };
		cursor.resume.offset += 30;
		make.clearRequests();
		const after = make.insert({ count: 3, spacingSeconds: 1, at: '2026-11-02T12:00:20Z' });
		expect(uuids(await triggerRig.poll())).toEqual(oldestFirst(after));
		expect(offsets()).toEqual([428, 0, 100, 200, 300, 400]);
		make.clearRequests();
		expect(await triggerRig.poll()).toBeNull();
		expect(offsets()).toHaveLength(1);
	});

	it('rides out 429, 5xx, dropped connections and malformed bodies without losing or repeating an entry', async () => {
		const triggerRig = rig({ maxEventsPerPoll: 40 });
		await triggerRig.poll();
		const inserted = make.insert({ count: 120, spacingSeconds: 1 });
		make.setFaults({
			status429: { rate: 0.15, retryAfterSeconds: 0 },
			status5xx: { rate: 0.1 },
			drop: { rate: 0.05 },
			malformed: { rate: 0.05 },
		});
		const emitted: string[] = [];
		for (let poll = 0; poll < 30; poll++) {
			try {
				emitted.push(...uuids(await triggerRig.poll()));
			} catch {
				// A poll whose retries ran out fails as a whole; the next one starts where it was.
			}
		}
		make.setFaults({});
		emitted.push(...(await triggerRig.drain()).flat().map((event) => String(event.uuid)));
		expect(apiRequests(make).filter((request) => request.fault !== undefined).length).toBeGreaterThan(5);
		expect(emitted).toEqual(oldestFirst(inserted));
	});

	it('leaves the state untouched when a poll fails, and delivers on the next poll', async () => {
		const triggerRig = rig();
		await triggerRig.poll();
		const saved = JSON.stringify(triggerRig.staticData);
		const inserted = make.insert({ count: 4, spacingSeconds: 1 });
		make.setFaults({ status5xx: { times: 10 } });
		await expect(triggerRig.poll()).rejects.toThrow(/Make API error 500/);
		expect(JSON.stringify(triggerRig.staticData)).toBe(saved);
		make.setFaults({});
		expect(uuids(await triggerRig.poll())).toEqual(oldestFirst(inserted));
	});

	it('backfills since a date, oldest first and exactly once, and survives a restart midway', async () => {
		const since = '2026-10-20T00:00:00Z';
		const first = rig({ startFrom: 'date', startDate: since, maxEventsPerPoll: 70 });
		const emitted = [...uuids(await first.poll()), ...uuids(await first.poll())];
		// n8n restarts: a new trigger instance from the saved static data.
		const restarted = rig({ startFrom: 'date', startDate: since, maxEventsPerPoll: 70 });
		restarted.staticData = JSON.parse(JSON.stringify(first.staticData)) as IDataObject;
		emitted.push(...(await restarted.drain()).flat().map((event) => String(event.uuid)));
		const expected = make.visibleEvents({ sortBy: 'triggeredAt', sortDir: 'asc' }).filter((entry) => entry.triggeredAt * 1000 >= Date.parse(since));
		expect(emitted).toHaveLength(new Set(emitted).size);
		expect(new Set(emitted)).toEqual(new Set(expected.map((entry) => entry.uuid)));
		// Oldest first to the second; Make orders entries of one second in no documented way.
		const secondOf = new Map(expected.map((entry) => [entry.uuid, entry.triggeredAt]));
		const seconds = emitted.map((uuid) => secondOf.get(uuid)!);
		expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
	});

	it('reads a team\'s log with the team filters, and returns a sample in manual mode without touching the state', async () => {
		const teamRig = rig(
			{ scope: 'team', team: { __rl: true, mode: 'id', value: String(make.teamAdminTeam.id) } },
			make.tokens.teamAdmin,
		);
		await teamRig.poll();
		const saved = JSON.stringify(teamRig.staticData);
		const sample = await teamRig.poll('manual');
		expect(uuids(sample)).toEqual(make.teamEvents(make.teamAdminTeam.id).slice(0, 3).map((entry) => entry.uuid).reverse());
		expect(JSON.stringify(teamRig.staticData)).toBe(saved);

		const inserted = make.insert({ count: 2, spacingSeconds: 1, teamId: make.teamAdminTeam.id });
		make.insert({ count: 2, spacingSeconds: 1 }); // elsewhere in the organization
		expect(uuids(await teamRig.poll())).toEqual(oldestFirst(inserted));
	});

	it('starts from a new baseline when a filter changes', async () => {
		const triggerRig = rig();
		await triggerRig.poll();
		make.insert({ count: 2 });
		triggerRig.parameters = { ...triggerRig.parameters, filters: { events: ['key_created'] } };
		expect(await triggerRig.poll()).toBeNull();
		const [key] = make.insert({ count: 1, events: [{ eventName: 'key_created' }] });
		make.insert({ count: 1, events: [{ eventName: 'connection_created' }] });
		expect(uuids(await triggerRig.poll())).toEqual([key.uuid]);
	});
});
