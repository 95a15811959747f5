import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import { validateOcsfEvent } from '../contracts/ocsf';
import { runNode } from '../harness/n8n';
import { FAST_RETRIES, listRequests, simCredentials, useSim } from './setup';

const node = new SimAuditLog();
const sim = useSim();

const getMany = (extra: Record<string, unknown> = {}, apiKey?: string) =>
	runNode({
		nodeType: node,
		parameters: { resource: 'auditLog', operation: 'getMany', options: FAST_RETRIES, ...extra },
		credentials: simCredentials(sim, apiKey),
	});

const ids = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => item.json.id);

describe('Sim Audit Log: Get Many', () => {
	it('sends every filter as the query parameter Sim documents, and returns exactly the matching events', async () => {
		const actor = sim.actors[1];
		const workspace = sim.workspaces[0];
		const { items, error } = await getMany({
			returnAll: true,
			filters: {
				action: 'workflow.deployed',
				resourceType: 'workflow, workspace ,workflow',
				resourceId: 'wf_1',
				workspaceId: workspace.id,
				actorId: actor.id,
				startDate: '2026-10-10T00:00:00Z',
				endDate: '2026-10-20T12:00:00',
				includeDeparted: true,
			},
		});
		expect(error).toBeUndefined();
		const [first] = listRequests(sim);
		expect(first.query).toEqual({
			action: 'workflow.deployed',
			resourceType: 'workflow,workspace',
			resourceId: 'wf_1',
			workspaceId: workspace.id,
			actorId: actor.id,
			startDate: '2026-10-10T00:00:00.000Z',
			// One millisecond past the inclusive end: see auditLogPages (precision quirk).
			endDate: '2026-10-20T12:00:00.001Z',
			includeDeparted: 'true',
			limit: '100',
		});
		expect(first.headers['x-api-key']).toBe(sim.apiKey);
		const expected = sim
			.visibleEvents({ includeDeparted: true })
			.filter(
				(e) =>
					e.action === 'workflow.deployed' &&
					['workflow', 'workspace'].includes(e.resourceType) &&
					e.resourceId === 'wf_1' &&
					e.workspaceId === workspace.id &&
					e.actorId === actor.id &&
					e.createdAt >= '2026-10-10T00:00:00.000Z' &&
					e.createdAt <= '2026-10-20T12:00:00.000Z',
			);
		expect(ids(items)).toEqual(expected.map((e) => e.id));
	});

	it('narrows to exactly the events that match every filter at once', async () => {
		const target = sim.visibleEvents().find((e) => e.actorId && e.workspaceId && e.resourceId && e.actorId !== sim.actors[0].id)!;
		const { items, error } = await getMany({
			returnAll: true,
			filters: {
				action: target.action,
				resourceType: target.resourceType,
				resourceId: target.resourceId,
				workspaceId: target.workspaceId,
				actorId: target.actorId,
				startDate: new Date(Date.parse(target.createdAt) - 86_400_000).toISOString(),
				endDate: target.createdAt,
			},
		});
		expect(error).toBeUndefined();
		const expected = sim
			.visibleEvents()
			.filter(
				(e) =>
					e.action === target.action &&
					e.resourceType === target.resourceType &&
					e.resourceId === target.resourceId &&
					e.workspaceId === target.workspaceId &&
					e.actorId === target.actorId &&
					Date.parse(e.createdAt) >= Date.parse(target.createdAt) - 86_400_000 &&
					e.createdAt <= target.createdAt,
			);
		expect(ids(items)).toContain(target.id);
		expect(ids(items)).toEqual(expected.map((e) => e.id));
	});

	it('returns every visible event exactly once, newest first, with Return All', async () => {
		const expected = sim.visibleEvents();
		expect(expected.length).toBeGreaterThan(1000);
		const { items, error } = await getMany({ returnAll: true });
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(expected.map((e) => e.id));
		expect(items[0].json).toEqual(expected[0]);
	});

	it('stops at Limit without fetching a page it does not need', async () => {
		const { items } = await getMany({ returnAll: false, limit: 150 });
		expect(ids(items)).toEqual(sim.visibleEvents().slice(0, 150).map((e) => e.id));
		expect(listRequests(sim)).toHaveLength(2);

		sim.clearRequests();
		const small = await getMany({ returnAll: false, limit: 7 });
		expect(small.items).toHaveLength(7);
		expect(listRequests(sim).map((r) => r.query.limit)).toEqual(['7']);
	});

	it('delivers every row exactly once when Sim drops rows that share a millisecond (precision quirk)', async () => {
		sim.setFaults({ precisionQuirk: true });
		const expected = sim.visibleEvents();
		const { items } = await getMany({ returnAll: true });
		expect(new Set(ids(items)).size).toBe(items.length);
		expect(ids(items)).toEqual(expected.map((e) => e.id));

		// An inclusive End Date on a millisecond whose rows have microseconds keeps them.
		const burst = sim.insert({ count: 4, at: '2026-10-31T10:00:00.000500Z', spacingMs: 0 });
		const bounded = await getMany({ returnAll: true, filters: { endDate: '2026-10-31T10:00:00.000Z', startDate: '2026-10-31T09:00:00Z' } });
		expect(ids(bounded.items)).toEqual(expect.arrayContaining(burst.map((e) => e.id)));
	});

	it('outputs the Normalized and OCSF formats when asked, with or without the raw event', async () => {
		const [actor, target] = sim.actors;
		const workspace = sim.workspaces[0];
		const [event] = sim.insert({
			count: 1,
			events: [
				{
					action: 'member.role_changed',
					actorId: actor.id,
					actorName: actor.name,
					actorEmail: actor.email,
					workspaceId: workspace.id,
					resourceType: 'workspace',
					resourceId: workspace.id,
					resourceName: workspace.name,
					metadata: { workspaceName: workspace.name, targetUserId: target.id, targetEmail: target.email, previousPermission: 'write', newPermission: 'admin' },
				},
			],
		});
		const run = (options: Record<string, unknown>) => getMany({ returnAll: false, limit: 1, options: { ...FAST_RETRIES, ...options } });

		const normalized = (await run({ outputFormat: 'normalized' })).items;
		expect(normalized.map((item) => item.json)).toEqual([
			{
				id: event.id,
				provider: 'sim',
				time: event.createdAt,
				action: 'member.role_changed',
				category: 'role',
				outcome: 'success',
				actor: { id: actor.id, email: actor.email, name: actor.name, type: 'user', ip: null },
				targets: [{ type: 'user', id: target.id, name: null, email: target.email }],
				scope: { organization: null, workspace: { id: workspace.id, name: workspace.name }, team: null, site: null },
				change: { field: 'role', from: 'write', to: 'admin' },
				summary: `${actor.email} changed ${target.email}'s role in workspace ${workspace.name} from write to admin`,
				raw: event,
			},
		]);
		expect(normalized[0].pairedItem).toEqual({ item: 0 });

		const [ocsf] = (await run({ outputFormat: 'ocsf', includeRaw: false })).items.map((item) => item.json);
		expect(validateOcsfEvent(ocsf)).toEqual([]);
		expect(ocsf).toMatchObject({
			class_uid: 3005,
			activity_id: 1,
			type_uid: 300501,
			time: Date.parse(event.createdAt),
			metadata: { version: '1.8.0', product: { vendor_name: 'Sim', name: 'Sim' }, uid: event.id, event_code: 'member.role_changed' },
			actor: { user: { uid: actor.id, email_addr: actor.email } },
			user: { uid: target.id, email_addr: target.email },
			privileges: ['admin'],
		});
		expect(ocsf).not.toHaveProperty('raw_data');
		const [withRaw] = (await run({ outputFormat: 'ocsf' })).items.map((item) => item.json);
		expect(JSON.parse(withRaw.raw_data as string)).toEqual(event);
	});
});

describe('Sim Audit Log: Get', () => {
	it('gets one entry by ID, including one by a departed member', async () => {
		const departed = sim.visibleEvents({ includeDeparted: true }).find((e) => sim.departedActors.some((a) => a.id === e.actorId))!;
		const { items } = await runNode({
			nodeType: node,
			parameters: { resource: 'auditLog', operation: 'get', auditLogId: departed.id },
			credentials: simCredentials(sim),
		});
		expect(items.map((i) => i.json)).toEqual([departed]);
		expect(sim.requests().map((r) => r.path)).toEqual([`/api/v1/audit-logs/${departed.id}`]);
	});
});

describe('Sim Audit Log: bad input is rejected before any request', () => {
	it.each([
		[{ filters: { startDate: 'last tuesday' } }, 'Parameter "Start Date" must be an ISO 8601 date-time'],
		[{ filters: { startDate: '2026-10-02T00:00:00Z', endDate: '2026-10-01T00:00:00Z' } }, 'Parameter "End Date" is earlier than "Start Date"'],
	])('%j → %s', async (parameters, message) => {
		const { error } = await getMany({ returnAll: true, ...parameters });
		expect(error?.message).toBe(message);
		expect(sim.requests()).toHaveLength(0);
	});

	it('rejects a blank ID', async () => {
		const { error } = await runNode({
			nodeType: node,
			parameters: { resource: 'auditLog', operation: 'get', auditLogId: '   ' },
			credentials: simCredentials(sim),
		});
		expect(error?.message).toBe('Parameter "Audit Log ID" is empty');
		expect(sim.requests()).toHaveLength(0);
	});
});

describe('Sim Audit Log: API errors carry Sim\'s message, the status and a hint', () => {
	it('401: an unknown key', async () => {
		const { error } = await getMany({ returnAll: true }, 'sk-sim-not-a-real-key');
		expect(error?.message).toBe('Sim API error 401: Invalid API key');
		expect(error?.httpCode).toBe('401');
		expect(error?.description).toMatch(/Check the API key/);
		expect(JSON.stringify(error)).not.toContain('sk-sim-not-a-real-key');
	});

	it('403: a key of a plain member names the missing role', async () => {
		const { error } = await getMany({ returnAll: true }, sim.keys.member);
		expect(error?.message).toBe('Sim API error 403: Organization admin or owner role required');
		expect(error?.description).toBe('The API key belongs to a user without the admin or owner role. Use a key of an organization admin or owner.');
	});

	it('403: an organization without Enterprise', async () => {
		const { error } = await getMany({ returnAll: true }, sim.keys.notEnterprise);
		expect(error?.message).toBe('Sim API error 403: Active enterprise subscription required');
	});

	it('400: an actor who is not a member', async () => {
		const { error } = await getMany({ returnAll: true, filters: { actorId: sim.departedActors[0].id } });
		expect(error?.message).toBe('Sim API error 400: actorId is not a member of your organization');
		expect(error?.httpCode).toBe('400');
	});

	it('404: an unknown ID', async () => {
		const { error } = await runNode({
			nodeType: node,
			parameters: { resource: 'auditLog', operation: 'get', auditLogId: 'AAAAAAAAAAAAAAAAAAAAA' },
			credentials: simCredentials(sim),
		});
		expect(error?.message).toBe('Sim API error 404: Audit log not found');
		expect(error?.description).toBe('No audit log with this ID exists in your organization.');
	});

	it('500: after the retries are used up', async () => {
		sim.setFaults({ status5xx: { times: 10 } });
		const { error } = await getMany({ returnAll: true, options: { ...FAST_RETRIES, maxRetries: 2 } });
		expect(error?.message).toBe('Sim API error 500: Internal server error');
		expect(listRequests(sim)).toHaveLength(3);
	});

	it('continue on fail turns the error into an item paired with its input', async () => {
		const { items, error } = await runNode({
			nodeType: node,
			parameters: { resource: 'auditLog', operation: 'get', auditLogId: '={{ $json.id }}' },
			credentials: simCredentials(sim),
			input: [{ id: sim.visibleEvents()[0].id }, { id: 'AAAAAAAAAAAAAAAAAAAAA' }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json.id).toBe(sim.visibleEvents()[0].id);
		expect(items[1].json).toEqual({ error: 'Sim API error 404: Audit log not found', description: 'No audit log with this ID exists in your organization.' });
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Sim Audit Log: retries', () => {
	it.each([
		['429 with Retry-After', { status429: { times: 2, retryAfterSeconds: 1 } }],
		['500', { status5xx: { times: 2 } }],
		['a dropped connection', { drop: { times: 2 } }],
		['a malformed body', { malformed: { times: 2 } }],
	])('recovers from %s', async (_name, faults) => {
		sim.setFaults(faults);
		const { items, error } = await getMany({ returnAll: false, limit: 100 });
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(sim.visibleEvents().slice(0, 100).map((e) => e.id));
		expect(listRequests(sim)).toHaveLength(3);
	});

	it('gives up on a response slower than the Request Timeout and retries it', async () => {
		sim.setFaults({ slow: { times: 1, ms: 2500 } });
		const { items, error } = await getMany({ returnAll: false, limit: 100, options: { ...FAST_RETRIES, timeoutSeconds: 1 } });
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(sim.visibleEvents().slice(0, 100).map((e) => e.id));
		expect(sim.requests().map((request) => request.fault ?? null)).toEqual(['slow', null]);
	});

	it('waits for the rate-limit reset when no requests remain, instead of meeting a 429', async () => {
		sim.reset({ rateLimit: { refillPerWindow: 2, windowMs: 1000 } });
		const { items, error } = await getMany({ returnAll: false, limit: 600 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(600);
		expect(listRequests(sim).filter((r) => r.status === 429)).toHaveLength(0);
	});
});
