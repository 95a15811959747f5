/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * The packed package inside a real n8n 2.8.4 (host/), against the sandbox emulators:
 * every examples/*.json is imported; manual ones run through `n8n execute`, trigger ones are
 * published before `n8n start` and must deliver each new event exactly once.
 * Run with `npm run test:e2e` (jest -c host/jest.e2e.config.js). Set E2E_KEEP=1 to keep the
 * n8n user folder for inspection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as host from '../../host';
import { canonicalJson } from '../../nodes/shared/hash';
import type { WebflowWorkspaceAuditLogItem } from '../../nodes/Webflow/types';
import type { Credential, EmulatorInfo, Execution, JsonObject, N8nServer, Sink, SinkEntry, Workflow } from '../../host';
import { validateOcsfEvent } from '../contracts/ocsf';
import { describeSandbox, type Sandbox, startSandbox } from '../sandbox';
import type { WebflowWorkspaceEventOverride } from '../sandbox/webflow';
import { MANUAL_CHECKS, storedBinaryReader } from './manualChecks';

type Prepared = { file: string; workflow: Workflow & { id: string } };

const MINUTE = 60_000;

let userFolder: string;
let sandbox: Sandbox;
let sink: Sink;
let credentials: Credential[];
let examples: Prepared[];
let skipped: Array<{ file: string; missing: string[] }>;

/** The emulators as test/sandbox/cli.ts describes them on its SANDBOX_READY line. */
const emulators = (): Record<string, EmulatorInfo> => describeSandbox(sandbox.emulators) as Record<string, EmulatorInfo>;

/** JSON with sorted keys, to compare events that went through different serializers. */
const canonical = canonicalJson;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where the OCSF example posts: the sink checks every body sent there (`checkDelivery`). */
const OCSF_PATH = '/api/ocsf';

/**
 * The sink's check: a body posted to the OCSF path must be a valid OCSF 1.8.0 event, and its
 * `type_uid` must be `class_uid` × 100 + `activity_id` (the validator checks that too; SIEMs
 * route on it, so it is spelled out here). Other paths have nothing to check.
 */
function checkDelivery(entry: Omit<SinkEntry, 'problems'>): string[] {
	if (entry.path !== OCSF_PATH) return [];
	const { body } = entry;
	if (!isObject(body)) return [`body is ${typeof body}, not a JSON object`];
	const problems = [...validateOcsfEvent(body)];
	if (body.type_uid !== Number(body.class_uid) * 100 + Number(body.activity_id)) {
		problems.push(
			`type_uid ${String(body.type_uid)} is not class_uid × 100 + activity_id (${String(body.class_uid)}, ${String(body.activity_id)})`,
		);
	}
	return problems;
}

function example(file: string): Prepared {
	const found = examples.find((e) => e.file === file);
	if (!found) throw new Error(`examples/${file} is missing or was skipped`);
	return found;
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(2000);
	}
}

/** A `POST <control>/events` body: `count` new events, or one per override. */
type Insert = { count: number; spacingMs?: number } | { events: WebflowWorkspaceEventOverride[] };

/**
 * `POST <control>/events`: the emulator inserts events "now" and returns them as its API
 * shows them, newest first. Returned canonical, as the key events are matched by.
 */
async function insertEvents(emulator: EmulatorInfo, insert: Insert): Promise<string[]> {
	const response = await fetch(`${emulator.controlUrl}/events`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(insert),
	});
	expect(response.ok).toBe(true);
	return ((await response.json()) as { data: unknown[] }).data.map(canonical);
}

/**
 * When the emulator's API was called. The Webflow trigger examples poll the same workspace;
 * only the admin-role alert asks for an `eventType`, which tells its polls apart. The OCSF
 * example polls every emulator with the same query as that provider's forwarder.
 */
async function apiRequestTimes(emulator: EmulatorInfo, eventType?: string): Promise<number[]> {
	const { requests } = (await (await fetch(`${emulator.controlUrl}/requests`)).json()) as {
		requests: Array<{ at: string; query: Record<string, unknown> }>;
	};
	return requests.filter((request) => request.query.eventType === eventType).map((request) => Date.parse(request.at));
}

/**
 * Waits until every trigger that polls `emulator` with this `eventType` has polled again after
 * `since` (ms; after the poll that last delivered something). Each trigger polls once a minute,
 * at its own second, and the forwarder and the OCSF example ask the same, so a request after
 * `since` may be the other one's: only once a minute has passed has each polled again.
 */
async function polledAgain(what: string, emulator: EmulatorInfo, since: number, eventType?: string): Promise<void> {
	await waitFor(what, 2.5 * MINUTE, async () =>
		Date.now() > since + MINUTE + 2000 && (await apiRequestTimes(emulator, eventType)).some((at) => at > since) ? true : undefined,
	);
}

beforeAll(async () => {
	// Plain lines on stderr: the host install reports progress, and jest would frame console.error.
	await host.ensureHost({ log: (line) => process.stderr.write(`${line}\n`) });
	userFolder = mkdtempSync(join(tmpdir(), 'n8n-audit-logs-e2e-'));
	const pkg = host.installPackage(host.buildAndPack(), userFolder);
	sandbox = await startSandbox();
	sink = await host.startSink({ check: checkDelivery });

	const ours = host.packageTypes(pkg.dir);
	credentials = host.sandboxCredentials(emulators(), ours.credentials);
	({ prepared: examples, skipped } = host.localizeExamples(host.readExamples(), {
		credentials,
		emulators: emulators(),
		sinkUrl: sink.url,
		knownTypes: host.exampleTypes(ours.nodes),
	}));
	await host.importCredentials(userFolder, credentials);
	await host.importWorkflows(userFolder, examples.map((e) => e.workflow));
}, 20 * MINUTE);

afterAll(async () => {
	await sink?.stop();
	await sandbox?.stop();
	if (userFolder && !process.env.E2E_KEEP) rmSync(userFolder, { recursive: true, force: true });
	else if (userFolder) process.stdout.write(`n8n user folder kept: ${userFolder}\n`);
});

test('every example uses only node types this n8n knows', () => {
	expect(skipped).toEqual([]);
	expect(examples.length).toBeGreaterThanOrEqual(2);
});

/** Examples that are neither manual nor trigger workflows, and the suite that checks each. */
const CHECKED_ELSEWHERE: Record<string, string> = {
	// The four tools over n8n's MCP Server Trigger, called by a real MCP client.
	'ai-tools-mcp-server.json': 'test/e2e/tools.test.ts',
};

test('every example that is neither manual nor a trigger workflow is checked by its own suite', () => {
	const others = examples.filter((e) => !host.isManualWorkflow(e.workflow) && !host.isTriggerWorkflow(e.workflow)).map((e) => e.file);
	expect(others.sort()).toEqual(Object.keys(CHECKED_ELSEWHERE).sort());
	expect(others.every((file) => host.isMcpWorkflow(example(file).workflow))).toBe(true);
});

// ---------------------------------------------------------------------------------------------
// Manual examples: `n8n execute --id`
// ---------------------------------------------------------------------------------------------

describe('manual examples run with `n8n execute`', () => {
	test.each(Object.keys(MANUAL_CHECKS))('%s', async (file) => {
		const run = await host.executeWorkflow(userFolder, example(file).workflow.id);
		expect(run.status).toBe('success');
		await MANUAL_CHECKS[file](run, { sandbox, readBinary: storedBinaryReader(userFolder) });
	});

	test('every manual example has checks', () => {
		const manual = examples.filter((e) => host.isManualWorkflow(e.workflow)).map((e) => e.file);
		expect(manual.filter((file) => !MANUAL_CHECKS[file])).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------
// Trigger examples: published before `n8n start`, fed through the emulators' control API
// ---------------------------------------------------------------------------------------------

/** The trigger example to activate per provider; it forwards normalized events to the sink. */
const FORWARDERS: Record<string, string> = {
	sim: 'sim-forward-to-siem.json',
	webflow: 'webflow-forward-to-siem.json',
	make: 'make-forward-to-siem.json',
	workiva: 'workiva-forward-to-siem.json',
};

/** Watches the same Webflow workspace as the forwarder, for membership changes only. */
const ADMIN_ROLE_ALERT = 'webflow-admin-role-alert.json';

/**
 * One trigger per provider, each watching what that provider's forwarder watches, so it sees
 * the same inserted events; posts them as OCSF events to OCSF_PATH.
 */
const OCSF_FORWARDER = 'all-providers-ocsf-to-siem.json';

/** OCSF `metadata.product.vendor_name` per provider. */
const VENDORS: Record<string, string> = { sim: 'Sim', webflow: 'Webflow', make: 'Make', workiva: 'Workiva' };

const TRIGGER_EXAMPLES = [...Object.values(FORWARDERS), ADMIN_ROLE_ALERT, OCSF_FORWARDER];

/** In the admin-role cases' target emails, so they stand out among random events. */
const RUN = Date.now().toString(36);

/**
 * What the admin-role alert must tell apart, oldest first, as control-API overrides: a role
 * change to an admin role and one to another role, a member added as an admin, and a login
 * (its trigger never asks for those). Each with the alert it must raise, if any.
 */
function adminRoleCases(): Array<{ event: WebflowWorkspaceEventOverride; alert?: string }> {
	const webflow = sandbox.emulators.webflow!;
	const actor = { id: webflow.actors[0].id, email: webflow.actors[0].email };
	const slug = webflow.workspace.slug;
	const person = (name: string) => ({ id: `${name}-${RUN}`, email: `${name}-${RUN}@example.com` });
	const membership = (eventSubType: string, payload: Record<string, unknown>): WebflowWorkspaceEventOverride => ({
		actor,
		eventType: 'workspace_membership',
		eventSubType,
		payload: { method: 'dashboard', userType: 'member', ...payload },
	});
	return [
		{
			event: membership('user_role_updated', { targetUser: person('promoted'), roleName: 'Admin', previousRoleName: 'Member' }),
			alert: `${actor.email} made promoted-${RUN}@example.com Admin in workspace ${slug} (was Member)`,
		},
		{ event: membership('user_role_updated', { targetUser: person('demoted'), roleName: 'Editor', previousRoleName: 'Admin' }) },
		{
			event: membership('user_added', { targetUser: person('added'), roleName: 'Workspace Admin' }),
			alert: `${actor.email} made added-${RUN}@example.com Workspace Admin in workspace ${slug} (was none)`,
		},
		{
			event: {
				actor,
				eventType: 'user_access',
				eventSubType: 'login',
				payload: { method: 'sso', location: 'Ashburn US', ipAddress: '203.0.113.7' },
			},
		},
	];
}

/**
 * What `feed` inserts, one body per round. Both Webflow trigger examples watch the same
 * workspace, so Webflow's second round is the admin-role cases, which the forwarder must
 * pass on like any other events.
 */
function rounds(provider: string): Insert[] {
	if (provider === 'webflow') return [{ count: 3 }, { events: adminRoleCases().map((c) => c.event) }];
	// Workiva's activityDateTime has whole seconds: a second apart, the insertion order is the time order.
	if (provider === 'workiva') return [{ count: 3, spacingMs: 1000 }, { count: 3, spacingMs: 1000 }];
	return [{ count: 3 }, { count: 3 }];
}

type MembershipPayload = { targetUser?: { email?: string }; roleName?: string; previousRoleName?: string };

/** What the alert's filter keeps: a member added or given another role, named like "admin". */
function isAdminGrant(event: WebflowWorkspaceAuditLogItem): boolean {
	const { roleName } = event.payload as MembershipPayload;
	return ['user_added', 'user_role_updated'].includes(event.eventSubType) && /admin/i.test(roleName ?? '');
}

/** The chat message the alert builds from an event. */
function alertText(event: WebflowWorkspaceAuditLogItem): string {
	const { targetUser, roleName, previousRoleName } = event.payload as MembershipPayload;
	return `${event.actor.email} made ${targetUser?.email} ${roleName} in workspace ${event.workspace.slug} (was ${previousRoleName ?? 'none'})`;
}

const triggerName = (workflow: Workflow): string => workflow.nodes.find((node) => /Trigger$/.test(node.type))!.name;

/** One POST of the OCSF example at the sink; `raw` is its `raw_data`, canonical, as events are matched by. */
type OcsfDelivery = { entry: SinkEntry; body: JsonObject; raw: string | undefined };

function parsedCanonical(text: string): string {
	try {
		return canonical(JSON.parse(text));
	} catch {
		return `(not JSON) ${text}`;
	}
}

/**
 * The OCSF example's POSTs that belong to `provider`: those that say so (`unmapped.provider`)
 * and those whose `raw_data` is one of `events` (the provider's inserted events, canonical).
 */
function ocsfDeliveries(provider: string, events: string[]): OcsfDelivery[] {
	return sink.received().flatMap((entry) => {
		if (entry.path !== OCSF_PATH || !isObject(entry.body)) return [];
		const body = entry.body;
		const raw = typeof body.raw_data === 'string' ? parsedCanonical(body.raw_data) : undefined;
		const unmapped = isObject(body.unmapped) ? body.unmapped : {};
		return unmapped.provider === provider || (raw !== undefined && events.includes(raw)) ? [{ entry, body, raw }] : [];
	});
}

describe('trigger examples deliver each new event exactly once', () => {
	let server: N8nServer;
	let apiKey: string;
	let session: Awaited<ReturnType<typeof host.ownerSession>>;
	let activatedAt: string;
	const deliveries: Record<string, Promise<{ inserted: string[][]; executions: Execution[]; workflow: Workflow }>> = {};
	let adminAlerts: Promise<{ membership: WebflowWorkspaceAuditLogItem[]; executions: Execution[] }>;
	const ocsfForwards: Record<string, Promise<{ inserted: string[][]; atSink: OcsfDelivery[] }>> = {};

	/** Two rounds of events, then one more quiet poll; returns what n8n ran. */
	async function feed(provider: string): Promise<{ inserted: string[][]; executions: Execution[]; workflow: Workflow }> {
		const emulator = emulators()[provider];
		const { workflow } = example(FORWARDERS[provider]);
		const trigger = triggerName(workflow);
		const delivered = async () =>
			(await host.listExecutions(server.url, apiKey, workflow.id)).flatMap((execution) =>
				(host.nodeOutputs(execution)[trigger] ?? []).map((event) => canonical(event.raw)),
			);

		const inserted: string[][] = [];
		for (const [round, insert] of rounds(provider).entries()) {
			const events = await insertEvents(emulator, insert);
			inserted.push(events);
			// Poll ticks are a minute apart; allow two.
			await waitFor(`${provider} round ${round + 1}`, 2.5 * MINUTE, async () => {
				const seen = await delivered();
				return events.every((event) => seen.includes(event)) ? true : undefined;
			});
		}
		// One more poll with nothing new must not deliver anything again.
		await polledAgain(`${provider} quiet poll`, emulator, Date.now());
		await sleep(3000); // let that run finish saving
		return { inserted, executions: await host.listExecutions(server.url, apiKey, workflow.id), workflow };
	}

	/**
	 * Once every Webflow event is in, waits until the admin-role alert has seen each membership
	 * change since activation (the random ones too) and polled once more; returns what n8n ran.
	 */
	async function watchAdminRoles(): Promise<{ membership: WebflowWorkspaceAuditLogItem[]; executions: Execution[] }> {
		await deliveries.webflow;
		const { workflow } = example(ADMIN_ROLE_ALERT);
		const trigger = triggerName(workflow);
		const membership = sandbox.emulators.webflow!.workspaceEvents({
			sortOrder: 'asc',
			eventType: 'workspace_membership',
			from: activatedAt,
		});
		const executions = await waitFor('admin-role alert', 2.5 * MINUTE, async () => {
			const ran = await host.listExecutions(server.url, apiKey, workflow.id);
			const seen = ran.flatMap((execution) => (host.nodeOutputs(execution)[trigger] ?? []).map(canonical));
			return membership.every((event) => seen.includes(canonical(event))) ? ran : undefined;
		});
		// One more poll after the run that brought the last of them must not alert again.
		const lastRun = Math.max(...executions.map((execution) => Date.parse(execution.startedAt)));
		await waitFor('admin-role alert quiet poll', 2.5 * MINUTE, async () =>
			(await apiRequestTimes(emulators().webflow, 'workspace_membership')).some((at) => at > lastRun) ? true : undefined,
		);
		await sleep(3000); // let that run finish saving
		return { membership, executions: await host.listExecutions(server.url, apiKey, workflow.id) };
	}

	/**
	 * Once the provider's forwarder has seen every inserted event, waits until the OCSF example
	 * has posted each of them to the sink and polled once more; returns what the sink has of
	 * that provider then.
	 */
	async function watchOcsf(provider: string): Promise<{ inserted: string[][]; atSink: OcsfDelivery[] }> {
		const { inserted } = await deliveries[provider];
		// Webflow's include the admin-role round: the OCSF trigger watches the whole workspace too.
		const events = inserted.flat();
		const seen = await waitFor(`${provider} OCSF events at the SIEM`, 2.5 * MINUTE, async () => {
			const found = ocsfDeliveries(provider, events);
			return events.every((event) => found.some((delivery) => delivery.raw === event)) ? found : undefined;
		});
		// One more poll of its trigger after the last delivery must not deliver anything again.
		const lastArrival = Math.max(...seen.map((delivery) => Date.parse(delivery.entry.at)));
		await polledAgain(`${provider} OCSF quiet poll`, emulators()[provider], lastArrival);
		await sleep(3000); // let that run finish posting and saving
		return { inserted, atSink: ocsfDeliveries(provider, events) };
	}

	beforeAll(async () => {
		// Workiva tokens live 20 s here, so every minute's poll meets an expired one and n8n must renew it.
		sandbox.emulators.workiva!.setTokenLifetime(20);
		for (const file of TRIGGER_EXAMPLES) await host.publishWorkflow(userFolder, example(file).workflow.id);
		activatedAt = new Date().toISOString(); // n8n activates them as it starts
		server = await host.startN8n(userFolder);
		session = await host.ownerSession(server.url);
		apiKey = await host.createApiKey(server.url, session);
		for (const provider of Object.keys(FORWARDERS)) {
			deliveries[provider] = feed(provider);
			deliveries[provider].catch(() => undefined); // awaited by the provider's test
		}
		adminAlerts = watchAdminRoles();
		adminAlerts.catch(() => undefined); // awaited by its test
		for (const provider of Object.keys(FORWARDERS)) {
			ocsfForwards[provider] = watchOcsf(provider);
			ocsfForwards[provider].catch(() => undefined); // awaited by the OCSF example's test
		}
	}, 5 * MINUTE);

	afterAll(async () => {
		await server?.stop();
	});

	test('Make dropdowns answer through the editor\'s own calls in the running n8n', async () => {
		const make = sandbox.emulators.make!;
		const credential = credentials.find((c) => c.type === 'makeAuditLogApi')!;
		const request = (kind: 'options' | 'resource-locator-results', body: Record<string, unknown>) =>
			host.dynamicNodeParameters(server.url, session, kind, {
				nodeTypeAndVersion: { name: 'n8n-nodes-audit-logs.makeAuditLog', version: 1 },
				currentNodeParameters: {
					resource: 'organizationAuditLog',
					operation: 'getMany',
					organization: { __rl: true, mode: 'list', value: String(make.organization.id) },
				},
				credentials: { makeAuditLogApi: { id: credential.id, name: credential.name } },
				...body,
			});

		const organizations = (await request('resource-locator-results', { path: 'organization', methodName: 'searchOrganizations' })) as {
			results: Array<{ name: string; value: string }>;
		};
		expect(organizations.results).toContainEqual(expect.objectContaining({ name: make.organization.name, value: String(make.organization.id) }));

		const events = (await request('options', { path: 'filters.events', methodName: 'getEvents' })) as Array<{ name: string; value: string }>;
		expect(events.length).toBeGreaterThan(5);
		expect(events.find((option) => option.value === 'key_created')?.name).toMatch(/^[^:]+: /);
	});

	test('Workiva: the running n8n fetches the OAuth2 token itself and renews it after it expires', async () => {
		await deliveries.workiva;
		const stats = sandbox.emulators.workiva!.tokenStats();
		expect(stats.tokensIssued).toBeGreaterThanOrEqual(2);
		expect(stats.bearerRejected.expired ?? 0).toBeGreaterThanOrEqual(1);
	});

	test('every trigger example is covered', () => {
		const triggers = examples.filter((e) => host.isTriggerWorkflow(e.workflow)).map((e) => e.file);
		expect(triggers.filter((file) => !TRIGGER_EXAMPLES.includes(file))).toEqual([]);
	});

	test.each(Object.keys(FORWARDERS))('%s', async (provider) => {
		const { inserted, executions, workflow } = await deliveries[provider];
		const trigger = triggerName(workflow);
		const oldestFirst = [...executions].sort((a, b) => Number(a.id) - Number(b.id));

		expect(oldestFirst.map((execution) => [execution.mode, execution.status])).toEqual(
			oldestFirst.map(() => ['trigger', 'success']),
		);
		// Every inserted event exactly once, oldest first, and nothing else (no trickle in tests).
		// Normalized events carry the API's event as `raw`; `inserted` holds each round newest
		// first, as the control API returns it.
		const emitted = oldestFirst.flatMap((execution) =>
			host.nodeOutputs(execution)[trigger].map((event) => canonical(event.raw)),
		);
		expect(emitted).toEqual(inserted.flatMap((round) => [...round].reverse()));
		expect(oldestFirst.flatMap((execution) => host.nodeOutputs(execution)['Send to SIEM'])).toEqual(
			inserted.flat().map(() => ({ ok: true })),
		);

		// At the SIEM: one POST per event with the normalized event as its body. Bodies are this
		// provider's if they say so or carry one of its events as `raw` (OCSF bodies have neither).
		const events = inserted.flat();
		const atSink = sink.received().flatMap(({ method, path, body }) =>
			isObject(body) && (body.provider === provider || (isObject(body.raw) && events.includes(canonical(body.raw))))
				? [{ method, path, body }]
				: [],
		);
		expect(atSink.map((entry) => canonical(entry.body.raw)).sort()).toEqual([...events].sort());
		for (const entry of atSink) {
			expect(entry).toMatchObject({ method: 'POST', path: '/api/audit-events' });
			expect(entry.body).toEqual(
				expect.objectContaining({
					provider,
					time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
					action: expect.any(String),
					category: expect.any(String),
					summary: expect.stringMatching(/\S/),
					raw: expect.any(Object),
				}),
			);
			// The 0.1 shape is gone.
			expect(entry.body).not.toHaveProperty('occurredAt');
			expect(entry.body).not.toHaveProperty('target');
		}
	});

	test(OCSF_FORWARDER, async () => {
		let total = 0;
		for (const provider of Object.keys(FORWARDERS)) {
			const { inserted, atSink } = await ocsfForwards[provider];
			const events = inserted.flat();
			total += events.length;
			// Every inserted event exactly once (its `raw_data` is the API's event), nothing else.
			expect({ provider, raw: atSink.map((delivery) => delivery.raw).sort() }).toEqual({ provider, raw: [...events].sort() });
			for (const { entry, body } of atSink) {
				// `problems`: what checkDelivery (the OCSF 1.8.0 validator and type_uid) found wrong.
				expect({ provider, method: entry.method, problems: entry.problems }).toEqual({ provider, method: 'POST', problems: [] });
				expect(body).toMatchObject({
					metadata: { version: '1.8.0', product: { vendor_name: VENDORS[provider] } },
					unmapped: { provider },
				});
				expect(body.type_uid).toBe(Number(body.class_uid) * 100 + Number(body.activity_id));
			}
		}

		// Every run a trigger run that succeeded, and together one successful POST per event.
		const executions = await host.listExecutions(server.url, apiKey, example(OCSF_FORWARDER).workflow.id);
		expect(executions.length).toBeGreaterThanOrEqual(Object.keys(FORWARDERS).length);
		expect(executions.map((execution) => [execution.mode, execution.status])).toEqual(
			executions.map(() => ['trigger', 'success']),
		);
		expect(executions.flatMap((execution) => host.nodeOutputs(execution)['Send OCSF to SIEM'] ?? [])).toEqual(
			Array.from({ length: total }, () => ({ ok: true })),
		);
	});

	test(ADMIN_ROLE_ALERT, async () => {
		const { membership, executions } = await adminAlerts;
		const oldestFirst = [...executions].sort((a, b) => Number(a.id) - Number(b.id));
		expect(oldestFirst.map((execution) => [execution.mode, execution.status])).toEqual(
			oldestFirst.map(() => ['trigger', 'success']),
		);
		const outputs = oldestFirst.map((execution) => host.nodeOutputs(execution));
		const grants = membership.filter(isAdminGrant);
		expect(grants.length).toBeGreaterThanOrEqual(2); // ours, and maybe some random ones

		// Every membership change since activation exactly once, oldest first, as the API has
		// it; only the admin grants pass the filter and are posted.
		const trigger = triggerName(example(ADMIN_ROLE_ALERT).workflow);
		expect(outputs.flatMap((output) => output[trigger].map(canonical))).toEqual(membership.map(canonical));
		expect(outputs.flatMap((output) => (output['Admin roles only'] ?? []).map(canonical))).toEqual(
			grants.map(canonical),
		);
		expect(outputs.flatMap((output) => output['Post to chat'] ?? [])).toEqual(grants.map(() => ({ ok: true })));

		// At the chat: one POST per admin grant with its text and the event, and nothing else.
		const atChat = sink.received().filter((entry) => entry.path === '/api/alerts');
		expect(atChat.map((entry) => entry.method)).toEqual(grants.map(() => 'POST'));
		expect(atChat.map((entry) => canonical(entry.body)).sort()).toEqual(
			grants.map((event) => canonical({ text: alertText(event), event })).sort(),
		);
		// Our cases, told apart by their targets: the two admin grants once each, nothing else.
		const ours = atChat
			.map((entry) => (entry.body as { text: string }).text)
			.filter((text) => text.includes(`-${RUN}@example.com`));
		expect(ours.sort()).toEqual(
			adminRoleCases()
				.flatMap((c) => (c.alert ? [c.alert] : []))
				.sort(),
		);
	});
});
