/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: loopback gateways */
/**
 * Twenty executions at once in one process: regular nodes (Get Many, Return All) and triggers
 * (baseline poll, insert, poll) of the four providers, each with its own credential, against
 * sixteen tenants. Each run must get exactly its own tenant's data, and no request may carry
 * another run's credential.
 *
 * Tenants. The emulators accept only their fixed sandbox keys, the same in every instance, so a
 * tenant is an emulator instance (its own seed, hence its own data) behind a loopback *gateway*
 * that plays the provider's front door: it accepts only the credentials issued to the runs of
 * that tenant, one per run, and swaps them for the emulator's sandbox key (for Workiva: the client
 * secret at the token endpoint; the access tokens the emulator issues are per run already). The
 * gateway logs the credential each request carried, so every request is traced to the one run it
 * belongs to. A credential the gateway does not know goes through unchanged, so the emulator
 * refuses it and the run fails, besides the log check.
 *
 * Per provider: node tenants N1 and N2 (N1 serves two runs with two credentials), trigger tenants
 * T1 and T2 (one trigger each, since a trigger inserts into its tenant).
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { MakeAuditLogApi } from '../../credentials/MakeAuditLogApi.credentials';
import { SimAuditLogApi } from '../../credentials/SimAuditLogApi.credentials';
import { WebflowAuditLogApi } from '../../credentials/WebflowAuditLogApi.credentials';
import { WorkivaOAuth2Api } from '../../credentials/WorkivaOAuth2Api.credentials';
import { MakeAuditLog } from '../../nodes/Make/MakeAuditLog.node';
import { MakeAuditLogTrigger } from '../../nodes/Make/MakeAuditLogTrigger.node';
import type { MakeAuditLogEntry } from '../../nodes/Make/types';
import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import { SimAuditLogTrigger } from '../../nodes/Sim/SimAuditLogTrigger.node';
import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { WebflowAuditLogTrigger } from '../../nodes/Webflow/WebflowAuditLogTrigger.node';
import { WorkivaActivity } from '../../nodes/Workiva/WorkivaActivity.node';
import { WorkivaActivityTrigger } from '../../nodes/Workiva/WorkivaActivityTrigger.node';
import type { CredentialStore } from '../harness/n8n';
import { runNode, TriggerRig } from '../harness/n8n';
import type { LoggedRequest } from '../sandbox/kit';
import { type MakeEmulator, makeSandboxBaseUrl, startMakeEmulator } from '../sandbox/make';
import { type SimEmulator, startSimEmulator } from '../sandbox/sim';
import { ANCHOR, FAST_RETRIES } from '../sandbox/testing';
import { startWebflowEmulator, type WebflowEmulator } from '../sandbox/webflow';
import { startWorkivaEmulator, type WorkivaEmulator } from '../sandbox/workiva';

type ProviderName = 'Sim' | 'Webflow' | 'Make' | 'Workiva';
type AnyEmulator = SimEmulator | WebflowEmulator | MakeEmulator | WorkivaEmulator;

/** Seeded events per tenant: a few pages each, so Return All pages while the others run. */
const EVENT_COUNT = 250;
const ROOMY = { perWindow: 100_000, windowMs: 1000 };

// ---------------------------------------------------------------------------------------------
// Gateways
// ---------------------------------------------------------------------------------------------

/** One request through a gateway: the credential it carried, as presented. */
interface GatewayEntry {
	/** Arrival order across every gateway. */
	seq: number;
	path: string;
	/** `secret`: a run's key, token or client secret; `bearer`: an access token the emulator issued. */
	kind: 'secret' | 'bearer' | 'none';
	value: string;
}

interface Gateway {
	url: string;
	log: GatewayEntry[];
	/** Access token → the client secret that obtained it (Workiva). */
	issued: Map<string, string>;
	close(): Promise<void>;
}

interface ProviderKit {
	name: ProviderName;
	start(seed: number): Promise<AnyEmulator>;
	/** What the request presents, and the headers to forward with the tenant's sandbox credential. */
	translate(headers: IncomingHttpHeaders, path: string, emulator: AnyEmulator, accepted: Set<string>): { entry: Omit<GatewayEntry, 'path' | 'seq'>; headers: IncomingHttpHeaders };
	/** What the emulator itself must have received on every request. */
	sandboxCredentialOk(request: LoggedRequest, emulator: AnyEmulator, gateway: Gateway): boolean;
	/** A secret that is this run's alone. */
	newSecret(runId: string): string;
	credentials(gatewayUrl: string, secret: string): CredentialStore;
	node: INodeType;
	nodeParameters(emulator: AnyEmulator): INodeParameters;
	/** The records a Return All must produce, in the form `keysOf` gives. */
	expectedAll(emulator: AnyEmulator): string[];
	trigger: INodeType;
	pollParameters(emulator: AnyEmulator): INodeParameters;
	/** Inserts new events; returns their keys. */
	insert(emulator: AnyEmulator): string[];
	keysOf(records: IDataObject[]): string[];
}

const bearerOf = (value: string | string[] | undefined) => {
	const match = /^(\w+)\s+(.+)$/.exec(typeof value === 'string' ? value : '');
	return match ? { scheme: match[1], credential: match[2] } : undefined;
};

let arrivals = 0;

function startGateway(kit: ProviderKit, emulator: AnyEmulator, accepted: Set<string>): Promise<Gateway> {
	const log: GatewayEntry[] = [];
	const issued = new Map<string, string>();
	const target = new URL(emulator.url);
	let url = '';
	const server: Server = createServer((incoming, out) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const path = String(incoming.url);
			const { entry, headers } = kit.translate(incoming.headers, path, emulator, accepted);
			log.push({ ...entry, seq: ++arrivals, path });
			const forward = httpRequest(
				{ host: target.hostname, port: target.port, method: incoming.method, path, headers: { ...headers, host: target.host } },
				(response) => {
					const parts: Buffer[] = [];
					response.on('data', (part: Buffer) => parts.push(part));
					response.on('end', () => {
						// Links in bodies (Workiva's @nextLink) point at the emulator: make them the gateway's.
						const text = Buffer.concat(parts).toString('utf8').split(emulator.url).join(url);
						if (entry.kind === 'secret' && path.includes('oauth2/token')) {
							try {
								const token = (JSON.parse(text) as { access_token?: unknown }).access_token;
								if (typeof token === 'string') issued.set(token, entry.value);
							} catch {
								// Not a token.
							}
						}
						const replyHeaders = { ...response.headers, 'content-length': String(Buffer.byteLength(text)) };
						delete replyHeaders['transfer-encoding'];
						out.writeHead(response.statusCode ?? 502, replyHeaders);
						out.end(text);
					});
				},
			);
			forward.on('error', () => out.socket?.destroy());
			forward.end(Buffer.concat(chunks));
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			resolve({
				url,
				log,
				issued,
				close: () =>
					new Promise<void>((done) => {
						server.closeAllConnections();
						server.close(() => done());
					}),
			});
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------

const options = { ...FAST_RETRIES };

const sim: ProviderKit = {
	name: 'Sim',
	start: (seed) => startSimEmulator({ anchor: ANCHOR, seed, eventCount: EVENT_COUNT }),
	translate: (headers, _path, emulator, accepted) => {
		const presented = String(headers['x-api-key'] ?? '');
		const translated = accepted.has(presented) ? { ...headers, 'x-api-key': (emulator as SimEmulator).apiKey } : headers;
		return { entry: { kind: presented ? 'secret' : 'none', value: presented }, headers: translated };
	},
	sandboxCredentialOk: (request, emulator) => request.headers['x-api-key'] === (emulator as SimEmulator).apiKey,
	newSecret: (runId) => `sk-sim-run-${runId}-${randomUUID()}`,
	credentials: (baseUrl, apiKey) => ({ simAuditLogApi: { type: new SimAuditLogApi(), data: { apiKey, baseUrl } } }),
	node: new SimAuditLog(),
	nodeParameters: () => ({ resource: 'auditLog', operation: 'getMany', returnAll: true, options }),
	expectedAll: (emulator) => (emulator as SimEmulator).visibleEvents().map((event) => event.id),
	trigger: new SimAuditLogTrigger(),
	pollParameters: () => ({ startFrom: 'now', maxEventsPerPoll: 100, filters: {}, options }),
	insert: (emulator) => (emulator as SimEmulator).insert({ count: 3, spacingMs: 5 }).map((event) => event.id),
	keysOf: (records) => records.map((record) => String(record.id)),
};

/** Bearer-style providers: the gateway swaps the token after the scheme. */
function swapToken(headers: IncomingHttpHeaders, accepted: Set<string>, sandbox: string, scheme: string) {
	const presented = bearerOf(headers.authorization);
	const value = presented?.credential ?? '';
	const translated = presented && accepted.has(value) ? { ...headers, authorization: `${scheme} ${sandbox}` } : headers;
	return { entry: { kind: value ? ('secret' as const) : ('none' as const), value }, headers: translated };
}

const webflow: ProviderKit = {
	name: 'Webflow',
	start: (seed) => startWebflowEmulator({ anchor: ANCHOR, seed, eventCount: EVENT_COUNT, siteEventCount: 10, rateLimit: ROOMY }),
	translate: (headers, _path, emulator, accepted) => swapToken(headers, accepted, (emulator as WebflowEmulator).tokens.workspace, 'Bearer'),
	sandboxCredentialOk: (request, emulator) => request.headers.authorization === `Bearer ${(emulator as WebflowEmulator).tokens.workspace}`,
	newSecret: (runId) => `wf-run-${runId}-${randomUUID()}`,
	credentials: (baseUrl, accessToken) => ({ webflowAuditLogApi: { type: new WebflowAuditLogApi(), data: { accessToken, baseUrl } } }),
	node: new WebflowAuditLog(),
	nodeParameters: (emulator) => ({
		resource: 'workspaceAuditLog',
		operation: 'getMany',
		workspace: (emulator as WebflowEmulator).workspace.id,
		returnAll: true,
		options,
	}),
	// Workspace audit-log records have no ID: the node knows them by content, so records that are
	// identical to the millisecond come out once (some seeds generate such twins).
	expectedAll: (emulator) => [...new Set((emulator as WebflowEmulator).workspaceEvents({ sortOrder: 'desc' }).map((entry) => JSON.stringify(entry)))],
	trigger: new WebflowAuditLogTrigger(),
	pollParameters: (emulator) => ({
		scope: 'workspace',
		workspace: (emulator as WebflowEmulator).workspace.id,
		eventType: '',
		startFrom: 'now',
		maxEventsPerPoll: 100,
		options,
	}),
	insert: (emulator) => (emulator as WebflowEmulator).insert({ count: 3, spacingMs: 5 }).map((entry) => JSON.stringify(entry)),
	keysOf: (records) => records.map((record) => JSON.stringify(record)),
};

const make: ProviderKit = {
	name: 'Make',
	start: (seed) => startMakeEmulator({ anchor: ANCHOR, seed, eventCount: EVENT_COUNT }),
	translate: (headers, _path, emulator, accepted) => swapToken(headers, accepted, (emulator as MakeEmulator).apiKey, 'Token'),
	sandboxCredentialOk: (request, emulator) => request.headers.authorization === `Token ${(emulator as MakeEmulator).apiKey}`,
	// A UUIDv4, so the credential sends it as an API token ("Token …").
	newSecret: () => randomUUID(),
	credentials: (gatewayUrl, apiToken) => ({
		makeAuditLogApi: { type: new MakeAuditLogApi(), data: { zone: 'custom', baseUrl: makeSandboxBaseUrl({ url: gatewayUrl }), apiToken } },
	}),
	node: new MakeAuditLog(),
	nodeParameters: (emulator) => ({
		resource: 'organizationAuditLog',
		operation: 'getMany',
		organization: { __rl: true, mode: 'id', value: String((emulator as MakeEmulator).organization.id) },
		returnAll: true,
		options,
	}),
	expectedAll: (emulator) => (emulator as MakeEmulator).visibleEvents().map((entry) => entry.uuid),
	trigger: new MakeAuditLogTrigger(),
	pollParameters: (emulator) => ({
		scope: 'organization',
		organization: { __rl: true, mode: 'id', value: String((emulator as MakeEmulator).organization.id) },
		startFrom: 'now',
		maxEventsPerPoll: 100,
		filters: {},
		options,
	}),
	insert: (emulator) => (emulator as MakeEmulator).insert({ count: 3, spacingSeconds: 2 }).map((entry) => entry.uuid),
	keysOf: (records) => records.map((record) => (record as unknown as MakeAuditLogEntry).uuid),
};

const workiva: ProviderKit = {
	name: 'Workiva',
	start: (seed) => startWorkivaEmulator({ anchor: ANCHOR, seed, eventCount: EVENT_COUNT, rateLimit: ROOMY }),
	translate: (headers, path, emulator, accepted) => {
		const presented = bearerOf(headers.authorization);
		if (path.includes('oauth2/token') && presented && /^basic$/i.test(presented.scheme)) {
			const pair = Buffer.from(presented.credential, 'base64').toString('utf8');
			const clientId = pair.slice(0, pair.indexOf(':'));
			const secret = pair.slice(pair.indexOf(':') + 1);
			const { clientSecret } = (emulator as WorkivaEmulator).clients.reader;
			const translated = accepted.has(secret)
				? { ...headers, authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` }
				: headers;
			return { entry: { kind: 'secret', value: secret }, headers: translated };
		}
		// Access tokens are the emulator's own, issued to one run: they go through as they are.
		return { entry: presented ? { kind: 'bearer', value: presented.credential } : { kind: 'none', value: '' }, headers };
	},
	sandboxCredentialOk: (request, emulator, gateway) => {
		const presented = bearerOf(request.headers.authorization);
		if (!presented) return false;
		if (request.path.includes('oauth2/token')) {
			const { clientId, clientSecret } = (emulator as WorkivaEmulator).clients.reader;
			return presented.credential === Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
		}
		return gateway.issued.has(presented.credential);
	},
	newSecret: (runId) => `wks-run-${runId}-${randomUUID()}`,
	credentials: (baseUrl, clientSecret) => ({
		workivaOAuth2Api: {
			type: new WorkivaOAuth2Api(),
			data: { region: 'custom', baseUrl, endpointPath: '/iam/v1/oauth2/token', clientId: 'wk-sandbox-activity-reader', clientSecret, apiVersion: '2026-01-01' },
		},
	}),
	node: new WorkivaActivity(),
	nodeParameters: (emulator) => ({
		resource: 'activity',
		operation: 'getMany',
		scope: 'organization',
		organizationId: (emulator as WorkivaEmulator).organization.id,
		returnAll: true,
		options: { ...options, pageSize: 100 },
	}),
	expectedAll: (emulator) => (emulator as WorkivaEmulator).visibleActivities({ orderBy: 'activityDateTime desc' }).map((activity) => activity.id),
	trigger: new WorkivaActivityTrigger(),
	pollParameters: (emulator) => ({
		scope: 'organization',
		organizationId: (emulator as WorkivaEmulator).organization.id,
		startFrom: 'now',
		maxEventsPerPoll: 100,
		filters: {},
		options,
	}),
	insert: (emulator) => (emulator as WorkivaEmulator).insert({ count: 3, spacingMs: 2000 }).map((activity) => activity.id),
	keysOf: (records) => records.map((record) => String(record.id)),
};

const KITS: ProviderKit[] = [sim, webflow, make, workiva];

// ---------------------------------------------------------------------------------------------
// Tenants and runs
// ---------------------------------------------------------------------------------------------

interface Tenant {
	name: string;
	kit: ProviderKit;
	emulator: AnyEmulator;
	gateway: Gateway;
	/** Secrets of the runs that target this tenant. */
	accepted: Set<string>;
}

interface Run {
	id: string;
	kind: 'node' | 'trigger';
	tenant: Tenant;
	secret: string;
	credentials: CredentialStore;
	/** What the run produced, as keys. */
	output?: string[];
	expected?: string[];
	error?: string;
}

const tenants: Tenant[] = [];
/** Per provider: node tenants N1, N2; trigger tenants T1, T2. */
const TENANT_NAMES = ['N1', 'N2', 'T1', 'T2'] as const;

beforeAll(async () => {
	let seed = 100;
	for (const kit of KITS) {
		for (const name of TENANT_NAMES) {
			const emulator = await kit.start(seed++);
			const accepted = new Set<string>();
			const gateway = await startGateway(kit, emulator, accepted);
			tenants.push({ name: `${kit.name} ${name}`, kit, emulator, gateway, accepted });
		}
	}
});
afterAll(async () => {
	await Promise.all(tenants.flatMap((tenant) => [tenant.gateway.close(), tenant.emulator.close()]));
});
beforeEach(() => {
	for (const tenant of tenants) {
		tenant.emulator.reset();
		tenant.emulator.clearRequests();
		tenant.gateway.log.length = 0;
		tenant.gateway.issued.clear();
		tenant.accepted.clear();
	}
});

const tenant = (name: string) => tenants.find((candidate) => candidate.name === name)!;

/** A run with a credential of its own, accepted by its tenant only. */
function newRun(id: string, kind: Run['kind'], target: Tenant): Run {
	const secret = target.kit.newSecret(id);
	target.accepted.add(secret);
	return { id, kind, tenant: target, secret, credentials: target.kit.credentials(target.gateway.url, secret) };
}

/** The twenty runs: per provider two node runs on N1, one on N2, a trigger on T1 and on T2. */
function planRuns(): Run[] {
	return KITS.flatMap((kit) => [
		newRun(`${kit.name.toLowerCase()}-node-1`, 'node', tenant(`${kit.name} N1`)),
		newRun(`${kit.name.toLowerCase()}-node-2`, 'node', tenant(`${kit.name} N1`)),
		newRun(`${kit.name.toLowerCase()}-node-3`, 'node', tenant(`${kit.name} N2`)),
		newRun(`${kit.name.toLowerCase()}-trigger-1`, 'trigger', tenant(`${kit.name} T1`)),
		newRun(`${kit.name.toLowerCase()}-trigger-2`, 'trigger', tenant(`${kit.name} T2`)),
	]);
}

async function execute(run: Run): Promise<void> {
	const { kit, emulator } = run.tenant;
	if (run.kind === 'node') {
		run.expected = kit.expectedAll(emulator);
		const result = await runNode({ nodeType: kit.node, parameters: kit.nodeParameters(emulator), credentials: run.credentials });
		run.error = result.error?.message;
		run.output = kit.keysOf(result.items.map((item) => item.json));
		return;
	}
	const rig = new TriggerRig(kit.trigger, kit.pollParameters(emulator), run.credentials);
	try {
		const baseline = await rig.poll();
		if (baseline !== null) throw new Error(`the baseline poll emitted ${baseline.length} events`);
		// Yield, so the other runs' requests interleave with this trigger's.
		await new Promise((resolve) => setImmediate(resolve));
		run.expected = [...kit.insert(emulator)].sort();
		run.output = kit.keysOf((await rig.poll()) ?? []).sort();
	} catch (error) {
		run.error = (error as Error).message;
	}
}

/**
 * Every request each gateway received, traced to the run whose credential it carried: problems
 * are requests with no run, or with a run of another tenant.
 */
function credentialProblems(runs: Run[]): string[] {
	const bySecret = new Map(runs.map((run) => [run.secret, run]));
	const problems: string[] = [];
	for (const { name, gateway } of tenants) {
		for (const entry of gateway.log) {
			const secret = entry.kind === 'bearer' ? gateway.issued.get(entry.value) : entry.kind === 'secret' ? entry.value : undefined;
			const run = secret === undefined ? undefined : bySecret.get(secret);
			if (!run) problems.push(`${name}: ${entry.path} carried no run's credential`);
			else if (run.tenant.name !== name) problems.push(`${name}: ${entry.path} carried the credential of ${run.id} (a run on ${run.tenant.name})`);
		}
	}
	return problems;
}

/** Each run's requests, by arrival order. */
function requestsByRun(runs: Run[]): Map<string, number[]> {
	const bySecret = new Map(runs.map((run) => [run.secret, run.id]));
	const arrivalsOf = new Map<string, number[]>(runs.map((run) => [run.id, []]));
	for (const { gateway } of tenants) {
		for (const entry of gateway.log) {
			const secret = entry.kind === 'bearer' ? gateway.issued.get(entry.value) : entry.value;
			const id = secret === undefined ? undefined : bySecret.get(secret);
			if (id) arrivalsOf.get(id)!.push(entry.seq);
		}
	}
	return arrivalsOf;
}

/** The most runs that had a request before and after one moment: how much they overlapped. */
function maxOverlap(arrivalsOf: Map<string, number[]>): number {
	const spans = [...arrivalsOf.values()].filter((seqs) => seqs.length > 0).map((seqs) => [Math.min(...seqs), Math.max(...seqs)]);
	const moments = spans.flat();
	return Math.max(...moments.map((moment) => spans.filter(([first, last]) => first <= moment && moment <= last).length));
}

describe('20 executions at once, four providers, sixteen tenants', () => {
	it('each run gets exactly its own tenant\'s data, and every request carries only its own run\'s credential', async () => {
		const runs = planRuns();
		expect(runs).toHaveLength(20);
		expect(new Set(runs.map((run) => run.secret)).size).toBe(20);
		// The tenants of a provider hold different data, so a run reading another tenant would show.
		for (const kit of KITS) {
			const [a, b] = [tenant(`${kit.name} N1`), tenant(`${kit.name} N2`)].map((t) => new Set(kit.expectedAll(t.emulator)));
			expect(a.size).toBeGreaterThan(100);
			expect([...a].filter((key) => b.has(key))).toEqual([]);
		}

		await Promise.all(runs.map(execute));

		for (const run of runs) {
			expect({ run: run.id, error: run.error }).toEqual({ run: run.id, error: undefined });
			expect({ run: run.id, output: run.output }).toEqual({ run: run.id, output: run.expected });
		}
		for (const run of runs.filter((r) => r.kind === 'trigger')) expect(run.output).toHaveLength(3);
		for (const run of runs.filter((r) => r.kind === 'node')) expect(run.output!.length).toBeGreaterThan(100);

		expect(credentialProblems(runs)).toEqual([]);
		const arrivalsOf = requestsByRun(runs);
		for (const run of runs) expect({ run: run.id, requests: arrivalsOf.get(run.id)!.length > 0 }).toEqual({ run: run.id, requests: true });
		// They really ran at once: most runs were between their first and last request together.
		expect(maxOverlap(arrivalsOf)).toBeGreaterThanOrEqual(15);

		// Behind each gateway, the emulator got every request, each with its own sandbox credential.
		let total = 0;
		for (const t of tenants) {
			const requests = t.emulator.requests();
			expect({ tenant: t.name, requests: requests.length }).toEqual({ tenant: t.name, requests: t.gateway.log.length });
			expect(requests.filter((request) => !t.kit.sandboxCredentialOk(request, t.emulator, t.gateway)).map((r) => `${t.name} ${r.path}`)).toEqual([]);
			total += requests.length;
		}
		expect(total).toBeGreaterThan(60);
	});

	it('the checks catch crossed credentials: two runs that swap theirs fail and are traced to each other', async () => {
		const runs = [newRun('sim-a', 'node', tenant('Sim N1')), newRun('sim-b', 'node', tenant('Sim N2'))];
		// The sabotage: each run sends the other's credential to its own tenant.
		const [a, b] = runs;
		[a.credentials, b.credentials] = [sim.credentials(a.tenant.gateway.url, b.secret), sim.credentials(b.tenant.gateway.url, a.secret)];

		await Promise.all(runs.map(execute));

		expect(runs.map((run) => run.error)).toEqual(['Sim API error 401: Invalid API key', 'Sim API error 401: Invalid API key']);
		expect(credentialProblems(runs).sort()).toEqual([
			`Sim N1: /api/v1/audit-logs?limit=100 carried the credential of sim-b (a run on Sim N2)`,
			`Sim N2: /api/v1/audit-logs?limit=100 carried the credential of sim-a (a run on Sim N1)`,
		]);
	});
});
