import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { activityIdentity } from '../../nodes/Workiva/api';
import type { WorkivaActivity } from '../../nodes/Workiva/types';
import { WorkivaActivityTrigger } from '../../nodes/Workiva/WorkivaActivityTrigger.node';
import { validateOcsfEvent } from '../contracts/ocsf';
import { TriggerRig } from '../harness/n8n';
import { apiRequests, FAST_RETRIES, tokenRequests, useWorkiva, workivaCredentials } from './setup';

const trigger = new WorkivaActivityTrigger();
const workiva = useWorkiva();

function rig(parameters: Record<string, unknown> = {}, credentials = workivaCredentials(workiva)) {
	return new TriggerRig(
		trigger,
		{
			scope: 'organization',
			organizationId: workiva.organization.id,
			startFrom: 'now',
			maxEventsPerPoll: 100,
			filters: {},
			options: FAST_RETRIES,
			...parameters,
		},
		credentials,
	);
}

const keys = (events: IDataObject[] | null) => (events ?? []).map((event) => activityIdentity(event as unknown as WorkivaActivity));
const oldestFirst = (activities: WorkivaActivity[]) =>
	[...activities]
		.sort((a, b) => Date.parse(a.activityDateTime) - Date.parse(b.activityDateTime) || (activityIdentity(a) < activityIdentity(b) ? -1 : 1))
		.map(activityIdentity);

describe('Workiva Activity Trigger', () => {
	it('baselines, then emits new activities oldest first, reading with activityDateTime ge and ascending order', async () => {
		const triggerRig = rig();
		expect(await triggerRig.poll()).toBeNull();
		const inserted = workiva.insert({ count: 3, spacingMs: 2000 });
		workiva.clearRequests();
		expect(keys(await triggerRig.poll())).toEqual(oldestFirst(inserted));
		const [request] = apiRequests(workiva);
		expect(request.query.$orderBy).toBe('activityDateTime asc');
		expect(request.query.$filter).toMatch(/^activityDateTime ge \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(await triggerRig.poll()).toBeNull();
	});

	it('delivers every activity exactly once: inserts, same-second bursts, inserts while paging, unstable IDs', async () => {
		const triggerRig = rig({ maxEventsPerPoll: 80, options: { ...FAST_RETRIES } });
		await triggerRig.poll();
		const before = new Set(workiva.visibleActivities().map(activityIdentity));
		workiva.setFaults({ unstableIds: true });
		const emitted: string[] = [];
		for (let poll = 0; poll < 30; poll++) {
			workiva.insert({ count: poll % 4, spacingMs: (poll % 2) * 1000 });
			if (poll % 7 === 2) {
				workiva.insert({ count: 120, spacingMs: 0 }); // one second
				workiva.setFaults({ unstableIds: true, insertDuringPaging: { count: 3, times: 2 } });
			}
			emitted.push(...keys(await triggerRig.poll()));
			workiva.setFaults({ unstableIds: true });
		}
		emitted.push(...(await triggerRig.drain()).flat().map((event) => activityIdentity(event as unknown as WorkivaActivity)));
		workiva.setFaults({});
		const expected = workiva.visibleActivities().map(activityIdentity).filter((key) => !before.has(key));
		expect(expected.length).toBeGreaterThan(500);
		expect(emitted).toHaveLength(new Set(emitted).size);
		expect(new Set(emitted)).toEqual(new Set(expected));
	});

	it('gets a new token when one expires during a walk, and loses nothing', async () => {
		const credentials = workivaCredentials(workiva);
		const triggerRig = rig({ maxEventsPerPoll: 3000 }, credentials);
		await triggerRig.poll();
		// Three pages of 1000 at 150 ms each, and tokens that live 400 ms: one expires mid-walk.
		const inserted = workiva.insert({ count: 2500, spacingMs: 10 });
		workiva.setTokenLifetime(0.4);
		workiva.expireTokens();
		workiva.setFaults({ latencyMs: 150 });
		const emitted = keys(await triggerRig.poll());
		workiva.setFaults({});
		expect(emitted).toEqual(oldestFirst(inserted));
		const statuses = apiRequests(workiva).map((request) => request.status);
		expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(2);
		expect(statuses.indexOf(401, statuses.indexOf(200))).toBeGreaterThan(0); // a 401 after a page was read
		expect(tokenRequests(workiva).length).toBeGreaterThanOrEqual(3);

		// Across polls too: each poll after expiry renews once.
		workiva.setTokenLifetime(1);
		await sleep(1100);
		const next = workiva.insert({ count: 2, spacingMs: 1000 });
		expect(keys(await triggerRig.poll())).toEqual(oldestFirst(next));
	});

	it('leaves the state untouched when a poll fails, and delivers on the next poll', async () => {
		const triggerRig = rig();
		await triggerRig.poll();
		const saved = JSON.stringify(triggerRig.staticData);
		const inserted = workiva.insert({ count: 3, spacingMs: 1000 });
		workiva.setFaults({ status5xx: { times: 10 } });
		await expect(triggerRig.poll()).rejects.toThrow(/Workiva API error 500/);
		expect(JSON.stringify(triggerRig.staticData)).toBe(saved);
		workiva.setFaults({});
		expect(keys(await triggerRig.poll())).toEqual(oldestFirst(inserted));
	});

	it('returns a sample in manual mode without touching the state, and survives a restart', async () => {
		const triggerRig = rig();
		await triggerRig.poll();
		const saved = JSON.stringify(triggerRig.staticData);
		expect(keys(await triggerRig.poll('manual'))).toEqual(oldestFirst(workiva.visibleActivities().slice(0, 3)));
		expect(JSON.stringify(triggerRig.staticData)).toBe(saved);

		const inserted = workiva.insert({ count: 2, spacingMs: 1000 });
		const restarted = rig();
		restarted.staticData = JSON.parse(saved) as IDataObject;
		expect(keys(await restarted.poll())).toEqual(oldestFirst(inserted));
	});

	it('filters a workspace\'s activities by action alias', async () => {
		const [workspace] = workiva.workspaces;
		const alias = workiva.actions.find((action) => action.alias)!.alias!;
		const triggerRig = rig({ scope: 'workspace', workspaceId: workspace.id, filters: { actionAliases: [alias] } });
		await triggerRig.poll();
		const wanted = workiva.insert({ count: 2, spacingMs: 1000, workspaceId: workspace.id, events: [{ action: { alias } }, { action: { alias } }] });
		workiva.insert({ count: 2, spacingMs: 1000 });
		expect(keys(await triggerRig.poll())).toEqual(oldestFirst(wanted));
	});

	it('emits OCSF events: valid against OCSF 1.8.0, identified like the node, with the activity as raw_data', async () => {
		const triggerRig = rig({ options: { ...FAST_RETRIES, outputFormat: 'ocsf' } });
		await triggerRig.poll();
		const inserted = workiva.insert({ count: 6, spacingMs: 1000 });
		const emitted = (await triggerRig.poll()) ?? [];
		expect(emitted.map((event) => (event.metadata as IDataObject).uid)).toEqual(oldestFirst(inserted));
		expect(emitted.map((event) => activityIdentity(JSON.parse(event.raw_data as string) as WorkivaActivity))).toEqual(oldestFirst(inserted));
		for (const event of emitted) {
			expect(validateOcsfEvent(event)).toEqual([]);
			expect(event.metadata).toMatchObject({ version: '1.8.0', product: { vendor_name: 'Workiva' }, tenant_uid: workiva.organization.id });
		}
	});
});
