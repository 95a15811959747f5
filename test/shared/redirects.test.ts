/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a second origin for the redirects */
/**
 * A 3xx from the API is never followed to another origin: n8n's own `httpRequest` would
 * follow it and send the credential along (it puts `Authorization` back on cross-origin
 * redirects, and custom headers such as Sim's `X-API-Key` are never stripped), so the
 * client handles redirects itself. Same-origin redirects are followed, a few at most.
 *
 * Each provider's emulator is origin A (the credential's Base URL); its first API response
 * is rewritten into a redirect. Origin B is a listener on another port that records
 * everything it gets: for a cross-origin redirect it must get nothing at all.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeParameters, INodeType } from 'n8n-workflow';

import { MakeAuditLog } from '../../nodes/Make/MakeAuditLog.node';
import type { MakeAuditLogEntry } from '../../nodes/Make/types';
import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import { SimAuditLogTrigger } from '../../nodes/Sim/SimAuditLogTrigger.node';
import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { WorkivaActivity } from '../../nodes/Workiva/WorkivaActivity.node';
import type { CredentialStore, NodeRun } from '../harness/n8n';
import { runNode, TriggerRig } from '../harness/n8n';
import { makeCredentials, useMake } from '../make/setup';
import type { Emulator, EmulatorRequest, EmulatorResponse } from '../sandbox/kit';
import { FAST_RETRIES } from '../sandbox/testing';
import { simCredentials, useSim } from '../sim/setup';
import { useWebflow, webflowCredentials } from '../webflow/setup';
import { useWorkiva, workivaCredentials } from '../workiva/setup';

const sim = useSim();
const webflow = useWebflow();
const make = useMake();
const workiva = useWorkiva();

interface Hit {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
}

/** Origin B: answers every request with an empty JSON object and remembers it. */
let foreign: Server;
let foreignOrigin: string;
const hits: Hit[] = [];

beforeAll(async () => {
	foreign = createServer((req, res) => {
		hits.push({ method: String(req.method), url: String(req.url), headers: req.headers });
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"data":[]}');
	});
	await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
	foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
});
beforeEach(() => {
	hits.length = 0;
});
afterAll(async () => {
	foreign.closeAllConnections();
	await new Promise<void>((resolve) => foreign.close(() => resolve()));
});

interface Provider {
	name: string;
	emulator: Emulator;
	/** Requests to the audit-log API (Workiva's token endpoint is not one). */
	isApi(request: { path: string }): boolean;
	/** The credential as it appears on the wire, for the header `header`. */
	header: string;
	credentialOnWire(credentials: CredentialStore): string;
	run(credentials?: CredentialStore): Promise<NodeRun & { credentials: CredentialStore }>;
	/** What a run returns when nothing went wrong: its first five records, as compared. */
	expected(): unknown[];
	actual(run: NodeRun): unknown[];
}

async function runWith(nodeType: INodeType, parameters: INodeParameters, credentials: CredentialStore) {
	const result = await runNode({ nodeType, parameters: { ...parameters, options: FAST_RETRIES }, credentials });
	return { ...result, credentials };
}

const notToken = (request: { path: string }) => !request.path.includes('oauth2/token');

const providers: Provider[] = [
	{
		name: 'Sim (X-API-Key)',
		emulator: sim,
		isApi: (request) => request.path.startsWith('/api/v1/'),
		header: 'x-api-key',
		credentialOnWire: (credentials) => String(credentials.simAuditLogApi.data.apiKey),
		run: async (credentials = simCredentials(sim)) =>
			await runWith(new SimAuditLog(), { resource: 'auditLog', operation: 'getMany', returnAll: false, limit: 5 }, credentials),
		expected: () => sim.visibleEvents().slice(0, 5).map((event) => event.id),
		actual: ({ items }) => items.map((item) => item.json.id),
	},
	{
		name: 'Webflow (Bearer token)',
		emulator: webflow,
		isApi: (request) => request.path.startsWith('/v2/'),
		header: 'authorization',
		credentialOnWire: (credentials) => `Bearer ${String(credentials.webflowAuditLogApi.data.accessToken)}`,
		run: async (credentials = webflowCredentials(webflow)) =>
			await runWith(
				new WebflowAuditLog(),
				{ resource: 'workspaceAuditLog', operation: 'getMany', workspace: webflow.workspace.id, returnAll: false, limit: 5 },
				credentials,
			),
		expected: () => webflow.workspaceEvents({ sortOrder: 'desc' }).slice(0, 5),
		actual: ({ items }) => items.map((item) => item.json),
	},
	{
		name: 'Make (Token)',
		emulator: make,
		isApi: (request) => /\/api\/v2\//.test(request.path),
		header: 'authorization',
		credentialOnWire: (credentials) => `Token ${String(credentials.makeAuditLogApi.data.apiToken)}`,
		run: async (credentials = makeCredentials(make)) =>
			await runWith(
				new MakeAuditLog(),
				{
					resource: 'organizationAuditLog',
					operation: 'getMany',
					organization: { __rl: true, mode: 'id', value: String(make.organization.id) },
					returnAll: false,
					limit: 5,
				},
				credentials,
			),
		expected: () => make.visibleEvents().slice(0, 5).map((entry) => entry.uuid),
		actual: ({ items }) => items.map((item) => (item.json as unknown as MakeAuditLogEntry).uuid),
	},
	{
		name: 'Workiva (OAuth2 bearer)',
		emulator: workiva,
		isApi: notToken,
		header: 'authorization',
		// The token n8n fetched and stored in the credential during the run.
		credentialOnWire: (credentials) => {
			const tokenData = credentials.workivaOAuth2Api.data.oauthTokenData as { access_token?: string } | undefined;
			return `Bearer ${tokenData?.access_token ?? '(no token fetched)'}`;
		},
		run: async (credentials = workivaCredentials(workiva)) =>
			await runWith(
				new WorkivaActivity(),
				{ resource: 'activity', operation: 'getMany', scope: 'organization', organizationId: workiva.organization.id, returnAll: false, limit: 5 },
				credentials,
			),
		expected: () => workiva.visibleActivities({ orderBy: 'activityDateTime desc' }).slice(0, 5).map((activity) => activity.id),
		actual: ({ items }) => items.map((item) => item.json.id),
	},
];

/** Rewrites the first `times` API responses into a redirect to `location(request)`. */
function redirectFirst(provider: Provider, status: number, location: (req: EmulatorRequest) => string | undefined, times = 1) {
	let left = times;
	provider.emulator.setResponseRewriter((_response: EmulatorResponse, req: EmulatorRequest): EmulatorResponse | undefined => {
		if (!provider.isApi(req) || left <= 0) return undefined;
		left--;
		const target = location(req);
		const headers: Record<string, string> = target === undefined ? {} : { location: target };
		return { status, headers, rawBody: '' };
	});
}

const pathAndQuery = (req: EmulatorRequest) => `${req.path}${req.rawQuery ? `?${req.rawQuery}` : ''}`;
const apiRequests = (provider: Provider) => provider.emulator.requests().filter((request) => provider.isApi(request));

describe.each(providers)('$name', (provider) => {
	it.each([301, 302, 303, 307, 308])(
		'a %i to another origin is refused: that origin receives nothing, and the error names both origins',
		async (status) => {
			redirectFirst(provider, status, (req) => `${foreignOrigin}${pathAndQuery(req)}`);
			const { error, items } = await provider.run();
			expect(hits).toEqual([]);
			expect(items).toEqual([]);
			expect(error?.message).toBe(`${provider.name.split(' ')[0]} redirected the request to another origin (${foreignOrigin})`);
			expect(error?.description).toBe(
				`Credentials are only sent to the origin of the credential's Base URL (${provider.emulator.url}). Nothing was sent to ${foreignOrigin}. Check the Base URL: it may need https:// or the API's canonical host.`,
			);
			expect(hits).toEqual([]);
			// Refused at once, not retried.
			expect(apiRequests(provider)).toHaveLength(1);
		},
	);

	it('a protocol-relative Location to another origin is refused just the same', async () => {
		redirectFirst(provider, 302, (req) => `//${foreignOrigin.slice('http://'.length)}${pathAndQuery(req)}`);
		const { error } = await provider.run();
		expect(error?.message).toContain(`to another origin (${foreignOrigin})`);
		expect(hits).toEqual([]);
	});

	it('a same-origin redirect is followed with the credential, and the run returns its data', async () => {
		redirectFirst(provider, 307, (req) => `${provider.emulator.url}${pathAndQuery(req)}`);
		const run = await provider.run();
		expect(run.error).toBeUndefined();
		expect(provider.actual(run)).toEqual(provider.expected());
		const requests = apiRequests(provider);
		expect(requests.map((request) => request.status)).toEqual([307, 200]);
		expect(requests[1].path).toBe(requests[0].path);
		expect(requests[1].rawQuery).toBe(requests[0].rawQuery);
		for (const request of requests) expect(request.headers[provider.header]).toBe(provider.credentialOnWire(run.credentials));
		expect(hits).toEqual([]);
	});
});

describe('redirects: limits and odd answers', () => {
	const [simProvider] = providers;

	it('a relative same-origin Location (302) is followed', async () => {
		redirectFirst(simProvider, 302, pathAndQuery);
		const run = await simProvider.run();
		expect(run.error).toBeUndefined();
		expect(simProvider.actual(run)).toEqual(simProvider.expected());
	});

	it('a same-origin redirect loop stops after 5 redirects with a clear error', async () => {
		redirectFirst(simProvider, 302, (req) => `${sim.url}${pathAndQuery(req)}`, 100);
		const { error } = await simProvider.run();
		expect(error?.message).toBe('Sim redirected the request more than 5 times');
		expect(apiRequests(simProvider)).toHaveLength(6);
	});

	it('a redirect without a Location fails with the status, and is not retried', async () => {
		redirectFirst(simProvider, 302, () => undefined);
		const { error } = await simProvider.run();
		expect(error?.message).toBe('Sim API error 302: HTTP 302');
		expect(error?.description).toBe('The API answered with a redirect the node cannot follow. Check the Base URL in the credential.');
		expect(apiRequests(simProvider)).toHaveLength(1);
	});

	it('a Location with another scheme (javascript:, ftp:) is refused as another origin', async () => {
		for (const location of ['javascript:alert(1)', 'ftp://127.0.0.1/api/v1/audit-logs']) {
			sim.clearRequests();
			redirectFirst(simProvider, 302, () => location);
			const { error } = await simProvider.run();
			expect(error?.message).toBe(`Sim redirected the request to another origin (${location.startsWith('ftp') ? 'ftp://127.0.0.1' : 'javascript:'})`);
			expect(apiRequests(simProvider)).toHaveLength(1);
		}
	});

	it('the trigger refuses a cross-origin redirect too, and leaves its state alone', async () => {
		const rig = new TriggerRig(
			new SimAuditLogTrigger(),
			{ startFrom: 'now', maxEventsPerPoll: 100, filters: {}, options: FAST_RETRIES },
			simCredentials(sim),
		);
		expect(await rig.poll()).toBeNull();
		const state = JSON.stringify(rig.staticData);
		redirectFirst(simProvider, 307, (req) => `${foreignOrigin}${pathAndQuery(req)}`);
		await expect(rig.poll()).rejects.toThrow(`Sim redirected the request to another origin (${foreignOrigin})`);
		expect(JSON.stringify(rig.staticData)).toBe(state);
		expect(hits).toEqual([]);
	});
});
