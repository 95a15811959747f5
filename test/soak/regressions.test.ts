/**
 * Bugs the soak found, each as a small deterministic case.
 */
import { workspaceEventId } from '../../nodes/Webflow/api';
import { WebflowAuditLogTrigger } from '../../nodes/Webflow/WebflowAuditLogTrigger.node';
import { TriggerRig } from '../harness/n8n';
import { startWebflowEmulator, type WebflowEmulator } from '../sandbox/webflow';
import { ANCHOR, FAST_RETRIES } from '../sandbox/testing';
import { webflowCredentials } from '../webflow/setup';

let webflow: WebflowEmulator;
beforeAll(async () => {
	webflow = await startWebflowEmulator({ anchor: ANCHOR, rateLimit: { perWindow: 1_000_000, windowMs: 60_000 } });
});
afterAll(async () => await webflow.close());
// Fresh seeded data for each case: entries another case inserted would change its walks.
beforeEach(() => webflow.reset());

/**
 * Webflow site activity log, seed 20261133, from poll 15 on: the trigger stopped emitting for
 * good. A newest-first walk keeps page boundaries (checkpoints) between polls; a site-log
 * checkpoint is an offset, and entries that arrive afterwards move the page read from it
 * towards newer entries. The engine counted those newer entries as "enough to emit", stopped
 * at the checkpoint below them, and then might emit none of them: 0 events on every poll from
 * then on. Fixed in pollEngine.ts (readNewestFirst counts only the events a poll may emit).
 */
it('a site-log backlog drains although entries arrived after its checkpoints were taken', async () => {
	const siteId = webflow.sites[0].id;
	const rig = new TriggerRig(
		new WebflowAuditLogTrigger(),
		{ scope: 'site', siteId, startFrom: 'now', maxEventsPerPoll: 35, options: FAST_RETRIES },
		webflowCredentials(webflow, webflow.tokens.site),
	);
	expect(await rig.poll()).toBeNull();
	const now = Date.now();
	// A backlog of two pages: the first poll emits 35 and keeps a checkpoint between them.
	const backlog = webflow.insert({ count: 200, at: new Date(now - 30_000).toISOString(), spacingMs: 100, target: { siteId } });
	const emitted = ((await rig.poll()) ?? []).map((entry) => String(entry.id));
	expect(emitted).toHaveLength(35);
	// 80 arrive at the newest end: the checkpoint's offset now points 80 entries too high.
	const arrivals = webflow.insert({ count: 80, at: new Date(now).toISOString(), spacingMs: 10, target: { siteId } });
	const perPoll: number[] = [];
	for (let poll = 0; poll < 12; poll++) {
		const events = (await rig.poll()) ?? [];
		perPoll.push(events.length);
		emitted.push(...events.map((entry) => String(entry.id)));
	}
	// Before the fix: [0, 0, 0, …] and 245 entries never emitted.
	expect(perPoll.slice(0, 7)).toEqual([35, 35, 35, 35, 35, 35, 35]);
	expect(emitted).toHaveLength(new Set(emitted).size);
	expect(new Set(emitted)).toEqual(new Set([...backlog, ...arrivals].map((entry) => entry.id)));
});

/**
 * Webflow site activity log, full soak (seed 20261133): 1 or 2 entries of a 45-entry burst that
 * shared one millisecond (inserted before poll 1717) were never emitted. A stretch between two
 * checkpoints was read down to the first page whose oldest entry was *at* the lower checkpoint's
 * time; the stretch below only covers older entries. Entries of that very time sat between the
 * two reads when new entries arrived at the top after the lower stretch was read (offsets move
 * down). The poll took them for read, emitted newer ones, and the look-back had passed them by
 * the next poll. Fixed in pollEngine.ts: a stretch is read on to an entry *older* than its lower
 * boundary.
 */
it('site log: a burst on a checkpoint boundary is delivered whole although entries arrive between two stretch reads', async () => {
	const siteId = webflow.sites[0].id;
	const target = { siteId };
	const rig = new TriggerRig(
		new WebflowAuditLogTrigger(),
		{ scope: 'site', siteId, startFrom: 'now', maxEventsPerPoll: 5, options: FAST_RETRIES },
		webflowCredentials(webflow, webflow.tokens.site),
	);
	expect(await rig.poll()).toBeNull();
	const now = Date.now();
	const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
	// Newest first: 100 M, 90 N, 20 T sharing one millisecond, 100 O. Pages of 100 from the top
	// end on M, on T (the 10th of the burst) and on O: checkpoints at those times.
	const inserted = [
		...webflow.insert({ count: 100, at: at(40), spacingMs: 1000, target }),
		...webflow.insert({ count: 20, at: at(30), spacingMs: 0, target }),
		...webflow.insert({ count: 90, at: at(20), spacingMs: 1000, target }),
		...webflow.insert({ count: 100, at: at(10), spacingMs: 1000, target }),
	];
	const emitted = ((await rig.poll()) ?? []).map((entry) => String(entry.id));
	expect((rig.state?.auditLogCursor as { checkpoints?: unknown[] }).checkpoints).toHaveLength(3);
	// Next poll: three entries arrive right after the stretch below the burst's checkpoint is read.
	let arrived = false;
	webflow.setResponseRewriter((_response, request) => {
		if (!arrived && request.query.offset === '200') {
			arrived = true;
			webflow.insert({ count: 3, at: new Date().toISOString(), target });
		}
		return undefined;
	});
	rig.parameters = { ...rig.parameters, maxEventsPerPoll: 1000 };
	emitted.push(...((await rig.poll()) ?? []).map((entry) => String(entry.id)));
	webflow.setResponseRewriter(null);
	expect(arrived).toBe(true);
	for (const events of await rig.drain()) emitted.push(...events.map((entry) => String(entry.id)));
	// Before the fix: three entries of the burst were never emitted.
	expect(inserted.filter((entry) => !emitted.includes(entry.id)).map((entry) => entry.createdOn)).toEqual([]);
	expect(emitted).toHaveLength(new Set(emitted).size);
});

/**
 * Webflow workspace audit log, full soak (seed 20261130), polls 4273-4284 and 4356-4363: every
 * poll failed with "Webflow returned a page of entries already fetched" until Max Events per
 * Poll happened to change. Workspace entries have no ID; entries identical in every field share
 * one identity and are delivered once (README). The paginator's check for an API that ignores
 * the offset (paginate.ts, repeatedEntriesError) once took a page that holds only such a twin
 * for a page of entries already fetched. The page sizes follow Max Events per Poll, so the same
 * walk failed the same way on every poll: the trigger was stuck for good. It now counts only a
 * page that starts again from the first entry.
 */
it('Webflow workspace: entries identical in every field neither stall the trigger nor come twice', async () => {
	const rig = new TriggerRig(
		new WebflowAuditLogTrigger(),
		{ scope: 'workspace', workspace: webflow.workspace.id, eventType: '', startFrom: 'now', maxEventsPerPoll: 3, options: FAST_RETRIES },
		webflowCredentials(webflow),
	);
	expect(await rig.poll()).toBeNull();
	const actor = webflow.actors[1];
	const timestamp = new Date(Date.now() - 5000).toISOString();
	const logout = { timestamp, actor: { id: actor.id, email: actor.email }, eventType: 'user_access' as const, eventSubType: 'logout', payload: {} };
	const login = { ...logout, eventSubType: 'login', payload: { method: 'sso' } };
	// Two pairs of twins in one millisecond: two events as the trigger tells them apart.
	const inserted = webflow.insert({ events: [logout, logout, login, login] });
	const outcomes: string[] = [];
	const emitted: string[] = [];
	for (let poll = 0; poll < 4; poll++) {
		try {
			const events = (await rig.poll()) ?? [];
			emitted.push(...events.map((event) => workspaceEventId(event as unknown as Parameters<typeof workspaceEventId>[0])));
			outcomes.push(`${events.length} emitted`);
		} catch (error) {
			outcomes.push(`failed: ${(error as Error).message}`);
		}
	}
	expect(outcomes).toEqual(['2 emitted', '0 emitted', '0 emitted', '0 emitted']);
	expect(emitted.sort()).toEqual([...new Set(inserted.map(workspaceEventId))].sort());
});

/**
 * Found after the fix above: the check then took a page whose first entry had the identity of
 * the walk's first entry for a restart. When the walk's first entry itself has twins that fall
 * on a later page, that is exactly what an honest page looks like. Three identical entries and
 * Max Events per Poll 1 (or four and 2): the first poll emitted the event, and every poll after
 * it failed with "Webflow returned a page of entries already fetched", for good. A restart is
 * now a page that repeats a first page of at least two different entries (paginate.ts).
 */
it.each([
	{ twins: 3, maxEventsPerPoll: 1 },
	{ twins: 4, maxEventsPerPoll: 2 },
])('Webflow workspace: $twins identical entries with Max Events per Poll $maxEventsPerPoll do not stall the trigger', async ({ twins, maxEventsPerPoll }) => {
	const rig = new TriggerRig(
		new WebflowAuditLogTrigger(),
		{ scope: 'workspace', workspace: webflow.workspace.id, eventType: '', startFrom: 'now', maxEventsPerPoll, options: FAST_RETRIES },
		webflowCredentials(webflow),
	);
	expect(await rig.poll()).toBeNull();
	const actor = webflow.actors[2];
	const timestamp = new Date(Date.now() - 4000).toISOString();
	const logout = { timestamp, actor: { id: actor.id, email: actor.email }, eventType: 'user_access' as const, eventSubType: 'logout', payload: {} };
	webflow.insert({ events: Array.from({ length: twins }, () => logout) });
	const outcomes: string[] = [];
	for (let poll = 0; poll < 4; poll++) {
		try {
			outcomes.push(`${((await rig.poll()) ?? []).length} emitted`);
		} catch (error) {
			outcomes.push(`failed: ${(error as Error).message}`);
		}
	}
	// Before the fix: ['1 emitted', 'failed: Webflow returned a page of entries already fetched', … (every poll)].
	expect(outcomes).toEqual(['1 emitted', '0 emitted', '0 emitted', '0 emitted']);
});
