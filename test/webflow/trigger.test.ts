import { workspaceEventId } from '../../nodes/Webflow/api';
import { WebflowAuditLogTrigger } from '../../nodes/Webflow/WebflowAuditLogTrigger.node';
import { TriggerRig } from '../harness/n8n';
import { apiRequests, FAST_RETRIES, useWebflow, webflowCredentials } from './setup';

const trigger = new WebflowAuditLogTrigger();
const webflow = useWebflow();

function workspaceRig(parameters: Record<string, unknown> = {}) {
	return new TriggerRig(
		trigger,
		{ scope: 'workspace', workspace: webflow.workspace.id, eventType: '', startFrom: 'now', maxEventsPerPoll: 100, options: FAST_RETRIES, ...parameters },
		webflowCredentials(webflow),
	);
}

function siteRig(parameters: Record<string, unknown> = {}) {
	return new TriggerRig(
		trigger,
		{ scope: 'site', siteId: webflow.sites[0].id, startFrom: 'now', maxEventsPerPoll: 100, options: FAST_RETRIES, ...parameters },
		webflowCredentials(webflow, webflow.tokens.site),
	);
}

type Item = Parameters<typeof workspaceEventId>[0];
const keys = (events: unknown[] | null) => (events ?? []).map((event) => workspaceEventId(event as Item));

const drain = async (rig: TriggerRig) => await rig.drain();

describe('Webflow Audit Log Trigger: workspace audit logs', () => {
	it('baselines, then emits new entries oldest first', async () => {
		const rig = workspaceRig();
		expect(await rig.poll()).toBeNull();
		const inserted = webflow.insert({ count: 3, spacingMs: 5 });
		expect(await rig.poll()).toEqual([...inserted].reverse());
		// The look-back re-reads them: true duplicates are not emitted again.
		expect(await rig.poll()).toBeNull();
	});

	it('delivers every entry exactly once across 50 polls, with inserts between polls and while a poll pages', async () => {
		const rig = workspaceRig({ maxEventsPerPoll: 1000 });
		await rig.poll();
		const before = new Set(webflow.workspaceEvents().map(workspaceEventId));
		const emitted: string[] = [];
		for (let poll = 0; poll < 50; poll++) {
			webflow.insert({ count: poll % 6, spacingMs: poll % 2 });
			if (poll % 10 === 3) {
				webflow.insert({ count: 230, spacingMs: 1 });
				webflow.setFaults({ insertDuringPaging: { count: 3, times: 2 } });
			}
			emitted.push(...keys(await rig.poll()));
			webflow.setFaults({});
		}
		for (const events of await drain(rig)) emitted.push(...keys(events));

		const expected = webflow.workspaceEvents().map(workspaceEventId).filter((key) => !before.has(key));
		expect(apiRequests(webflow).some((r) => r.fault === 'insertDuringPaging')).toBe(true);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(new Set(emitted)).toEqual(new Set(expected));
		expect(expected.length).toBeGreaterThan(1100);
	});

	it('pages a backlog oldest first from the watermark, so entries inserted mid-walk shift nothing', async () => {
		const rig = workspaceRig({ maxEventsPerPoll: 1000 });
		await rig.poll();
		const backlog = webflow.insert({ count: 350, spacingMs: 2 });
		webflow.setFaults({ insertDuringPaging: { count: 10, times: 3 } });
		const first = (await rig.poll()) ?? [];
		webflow.setFaults({});
		expect(apiRequests(webflow).filter((r) => r.fault === 'insertDuringPaging')).toHaveLength(3);
		expect(apiRequests(webflow).every((r) => r.query.sortOrder === undefined || r.query.sortOrder === 'asc' || r.query.limit === '1')).toBe(true);
		const all = [...keys(first), ...(await drain(rig)).flatMap(keys)];
		expect(keys(first).slice(0, 350)).toEqual(keys([...backlog].reverse()));
		expect(all).toHaveLength(380);
		expect(new Set(all).size).toBe(380);
	});

	it('does not merge entries that differ only in their payload', async () => {
		const rig = workspaceRig();
		await rig.poll();
		const at = new Date(Date.now() - 1000).toISOString();
		const actor = webflow.actors[1];
		const login = (ipAddress: string) => ({
			timestamp: at,
			actor: { id: actor.id, email: actor.email },
			eventType: 'user_access' as const,
			eventSubType: 'login',
			payload: { method: 'sso', location: 'Ashburn US', ipAddress },
		});
		webflow.insert({ events: [login('203.0.113.7'), login('203.0.113.8')] });
		const emitted = await rig.poll();
		expect(emitted).toHaveLength(2);
		expect(emitted?.map((e) => (e as { payload: { ipAddress: string } }).payload.ipAddress).sort()).toEqual(['203.0.113.7', '203.0.113.8']);
	});

	it('filters by event type, and a changed event type starts from a new baseline', async () => {
		const rig = workspaceRig({ eventType: 'custom_role' });
		await rig.poll();
		webflow.insert({ events: [{ eventType: 'custom_role', eventSubType: 'role_created' }, { eventType: 'user_access', eventSubType: 'login' }] });
		const emitted = await rig.poll();
		expect(emitted?.map((e) => (e as { eventType: string }).eventType)).toEqual(['custom_role']);
		expect(apiRequests(webflow).every((r) => r.query.eventType === 'custom_role')).toBe(true);

		rig.parameters = { ...rig.parameters, eventType: 'user_access' };
		expect(await rig.poll()).toBeNull();
		webflow.insert({ events: [{ eventType: 'user_access', eventSubType: 'logout' }] });
		expect((await rig.poll())?.map((e) => (e as { eventSubType: string }).eventSubType)).toEqual(['logout']);
	});

	it('manual mode returns the newest entries and leaves the state alone; a failed poll changes nothing', async () => {
		const rig = workspaceRig({ options: { ...FAST_RETRIES, maxRetries: 0 } });
		await rig.poll();
		const state = JSON.stringify(rig.staticData);
		const inserted = webflow.insert({ count: 4 });
		expect(keys(await rig.poll('manual'))).toEqual(keys(webflow.workspaceEvents().slice(0, 3).reverse()));
		expect(JSON.stringify(rig.staticData)).toBe(state);

		webflow.setFaults({ status5xx: { times: 1 } });
		await expect(rig.poll()).rejects.toThrow('Webflow API error 500: An Internal Error occurred');
		expect(JSON.stringify(rig.staticData)).toBe(state);
		webflow.setFaults({});
		expect(keys(await rig.poll())).toEqual(keys([...inserted].reverse()));
	});
});

describe('Webflow Audit Log Trigger: site activity logs', () => {
	const siteId = () => webflow.sites[0].id;
	const ids = (events: unknown[] | null) => (events ?? []).map((e) => (e as { id: string }).id);

	it('emits each new activity exactly once although new entries shift the newest-first pages', async () => {
		const rig = siteRig({ maxEventsPerPoll: 1000 });
		expect(await rig.poll()).toBeNull();
		const before = new Set(webflow.siteEvents(siteId()).map((e) => e.id));
		const emitted: string[] = [];
		for (let poll = 0; poll < 20; poll++) {
			webflow.insert({ count: poll % 4, target: { siteId: siteId() } });
			if (poll % 5 === 2) {
				webflow.insert({ count: 240, spacingMs: 1, target: { siteId: siteId() } });
				webflow.setFaults({ insertDuringPaging: { count: 5, times: 2 } });
			}
			emitted.push(...ids(await rig.poll()));
			webflow.setFaults({});
		}
		for (const events of await drain(rig)) emitted.push(...ids(events));
		const expected = webflow.siteEvents(siteId()).filter((e) => !before.has(e.id)).map((e) => e.id);
		expect(apiRequests(webflow).some((r) => r.fault === 'insertDuringPaging')).toBe(true);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(new Set(emitted)).toEqual(new Set(expected));
	});

	it('is just as exact when the API serves the log oldest first (its order is undocumented)', async () => {
		webflow.setFaults({ siteOldestFirst: true });
		const rig = siteRig({ maxEventsPerPoll: 1000 });
		expect(await rig.poll()).toBeNull();
		const before = new Set(webflow.siteEvents(siteId()).map((e) => e.id));
		const emitted: string[] = [];
		for (let poll = 0; poll < 12; poll++) {
			webflow.insert({ count: 1 + (poll % 3), target: { siteId: siteId() } });
			if (poll === 4) webflow.insert({ count: 230, spacingMs: 1, target: { siteId: siteId() } });
			emitted.push(...ids(await rig.poll()));
		}
		const expected = webflow.siteEvents(siteId()).filter((e) => !before.has(e.id)).map((e) => e.id);
		// The backlog (230 entries spaced back from "now") is partly older than entries emitted
		// by earlier polls, so compare as sets: each exactly once.
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(new Set(emitted)).toEqual(new Set(expected));

		// Cheap all the same: the first page shows the order, then it reads back from the end
		// only through the last minute's entries (the look-back), never the whole log.
		webflow.clearRequests();
		const [one] = webflow.insert({ count: 1, target: { siteId: siteId() } });
		expect(ids(await rig.poll())).toEqual([one.id]);
		const total = webflow.siteEvents(siteId()).length;
		const recent = webflow.siteEvents(siteId()).filter((e) => Date.parse(e.createdOn) >= Date.now() - 70_000).length;
		const offsets = apiRequests(webflow).map((r) => Number(r.query.offset));
		expect(offsets.slice(0, 2)).toEqual([0, total - 100]);
		expect(offsets.length).toBeLessThanOrEqual(2 + Math.ceil(recent / 100));
		expect(offsets.length).toBeLessThan(Math.ceil(total / 100));

		const newest = webflow.siteEvents(siteId()).slice(-3).map((e) => e.id);
		expect(ids(await rig.poll('manual'))).toEqual(newest);
	});

	it('reads only until it reaches known entries: one page when little is new', async () => {
		const rig = siteRig();
		await rig.poll();
		webflow.clearRequests();
		webflow.insert({ count: 2, target: { siteId: siteId() } });
		expect(await rig.poll()).toHaveLength(2);
		expect(apiRequests(webflow)).toHaveLength(1);
	});
});
