/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: n8n-core's DI, process output */
/**
 * No credential value ever comes out of a node or a trigger: every error path is driven for the
 * four providers, through real n8n-core, as a regular node (failing, and with Continue On Fail)
 * and as a trigger (the poll rejects). Everything produced is scanned for every secret in play:
 *
 * - the error: message, description, context, cause chain, own and non-enumerable properties,
 *   `JSON.stringify`, `util.inspect` with hidden properties, and the stack; for the regular node
 *   both the error the node threw and what n8n recorded of it in the run;
 * - the output items, the whole run data, and the trigger's static data;
 * - everything written to `console.*`, `process.stdout`, `process.stderr`, n8n's `LoggerProxy`
 *   and n8n-core's Logger (the nodes' `this.logger`) during the run.
 *
 * Secrets in play: every sandbox key, token and client secret of the provider, the canary values
 * used as wrong credentials, every access token Workiva's token endpoint issued (read from its
 * responses), and every credential header the emulator received (`X-API-Key`, `Authorization`,
 * the Basic pair decoded), each also URL-encoded and base64-encoded. A failure names the secret
 * and where it was found, never the value; output written while a test runs is passed on with
 * the secrets blanked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { format, inspect } from 'node:util';

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType, Logger } from 'n8n-workflow';
import { LoggerProxy, NodeOperationError } from 'n8n-workflow';

import { MakeAuditLog } from '../../nodes/Make/MakeAuditLog.node';
import { handleOperationError } from '../../nodes/shared/errors';
import { redactSecrets, secretsOf } from '../../nodes/shared/transport';
import { MakeAuditLogTrigger } from '../../nodes/Make/MakeAuditLogTrigger.node';
import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import { SimAuditLogTrigger } from '../../nodes/Sim/SimAuditLogTrigger.node';
import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { WebflowAuditLogTrigger } from '../../nodes/Webflow/WebflowAuditLogTrigger.node';
import { WorkivaActivity } from '../../nodes/Workiva/WorkivaActivity.node';
import { WorkivaActivityTrigger } from '../../nodes/Workiva/WorkivaActivityTrigger.node';
import type { CredentialStore } from '../harness/n8n';
import { runNode, TriggerRig } from '../harness/n8n';
import { makeCredentials, useMake } from '../make/setup';
import type { Emulator, EmulatorRequest, EmulatorResponse, FaultConfig, LoggedRequest } from '../sandbox/kit';
import { FAST_RETRIES } from '../sandbox/testing';
import { simCredentials, useSim } from '../sim/setup';
import { useWebflow, webflowCredentials } from '../webflow/setup';
import { useWorkiva, workivaCredentials } from '../workiva/setup';

const sim = useSim();
const webflow = useWebflow();
const make = useMake();
const workiva = useWorkiva();

// ---------------------------------------------------------------------------------------------
// Capturing every output channel
// ---------------------------------------------------------------------------------------------

/** Everything logged or written during the current test. */
const logs: Array<{ channel: string; text: string }> = [];
/** Secret values of the current test: blanked in whatever is passed on to the terminal. */
let blank: string[] = [];

const blanked = (text: string) => blank.reduce((out, secret) => out.split(secret).join('[SECRET]'), text);
const record = (channel: string, args: unknown[]) =>
	logs.push({ channel, text: args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 12, showHidden: true }))).join(' ') });

const restorers: Array<() => void> = [];

beforeAll(() => {
	// n8n-core's Logger (what nodes get as `this.logger`), in n8n-core's own DI container: a
	// capturing one takes its place, at every level (n8n's own drops debug below N8N_LOG_LEVEL).
	const paths = { paths: [require.resolve('n8n-core')] };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require(require.resolve('@n8n/di', paths)) as typeof import('@n8n/di');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Logger: N8nLogger } = require(require.resolve('@n8n/backend-common', paths)) as { Logger: new (...args: never[]) => unknown };
	const original = Container.has(N8nLogger) ? Container.get(N8nLogger) : undefined;
	const capturing: Record<string, unknown> = Object.fromEntries(
		(['error', 'warn', 'info', 'debug'] as const).map((level) => [level, (...args: unknown[]) => record(`n8n Logger.${level}`, args)]),
	);
	capturing.scoped = () => capturing;
	Container.set(N8nLogger, capturing);
	if (original) restorers.push(() => Container.set(N8nLogger, original));
	const proxyLogger = Object.fromEntries(
		(['error', 'warn', 'info', 'debug'] as const).map((level) => [level, (...args: unknown[]) => record(`LoggerProxy.${level}`, args)]),
	) as unknown as Logger;
	LoggerProxy.init(proxyLogger);

	for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
		const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			logs.push({ channel: `console.${method}`, text: format(...args) });
		});
		restorers.push(() => spy.mockRestore());
	}
	for (const stream of [process.stdout, process.stderr]) {
		const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
		const spy = jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
			const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
			logs.push({ channel: stream === process.stdout ? 'stdout' : 'stderr', text });
			return original(blanked(text), ...rest);
		}) as typeof stream.write);
		restorers.push(() => spy.mockRestore());
	}
});
afterAll(() => {
	for (const restore of restorers.reverse()) restore();
});

// ---------------------------------------------------------------------------------------------
// Scanning
// ---------------------------------------------------------------------------------------------

interface Text {
	where: string;
	text: string;
}

/**
 * Every string reachable from `root`: own properties, enumerable or not (message, stack, cause,
 * errorResponse, context, …), keys included, through arrays, maps, sets and buffers.
 */
function stringsOf(root: unknown, label: string, out: Text[]) {
	const seen = new WeakSet<object>();
	let budget = 500_000;
	const visit = (value: unknown, where: string, depth: number) => {
		if (budget-- <= 0 || depth > 60) return;
		if (typeof value === 'string') {
			out.push({ where, text: value });
			return;
		}
		if (typeof value !== 'object' || value === null) return;
		if (seen.has(value)) return;
		seen.add(value);
		if (value instanceof Uint8Array) {
			out.push({ where, text: Buffer.from(value).toString('utf8') });
			return;
		}
		if (value instanceof Map) {
			for (const [key, entry] of value) {
				visit(key, `${where}<key>`, depth + 1);
				visit(entry, `${where}[${String(key)}]`, depth + 1);
			}
		}
		if (value instanceof Set) for (const entry of value) visit(entry, `${where}<entry>`, depth + 1);
		for (const key of Reflect.ownKeys(value)) {
			const name = String(key);
			out.push({ where: `${where}{key ${name}}`, text: name });
			let child: unknown;
			try {
				const descriptor = Object.getOwnPropertyDescriptor(value, key);
				child = descriptor && 'value' in descriptor ? descriptor.value : value instanceof Error ? (value as never)[key] : undefined;
			} catch {
				continue;
			}
			visit(child, `${where}.${name}`, depth + 1);
		}
	};
	visit(root, label, 0);
}

/** An error as a user, a log or an error tracker could see it. */
function errorTexts(error: unknown, label: string, out: Text[]) {
	stringsOf(error, label, out);
	if (!(error instanceof Object)) return;
	const chain: unknown[] = [];
	for (let cause: unknown = error; cause instanceof Object && chain.length < 10; cause = (cause as { cause?: unknown }).cause) chain.push(cause);
	chain.forEach((cause, depth) => {
		const at = `${label}${'.cause'.repeat(depth)}`;
		const { message, description, context, stack } = cause as { message?: unknown; description?: unknown; context?: unknown; stack?: unknown };
		out.push({ where: `${at}.message`, text: String(message) });
		out.push({ where: `${at}.description`, text: String(description) });
		out.push({ where: `${at}.stack`, text: String(stack) });
		out.push({ where: `${at} as String()`, text: String(cause) });
		out.push({ where: `${at}.context as JSON`, text: safeJson(context) });
		out.push({ where: `${at} as JSON`, text: safeJson(cause) });
		out.push({ where: `${at} inspected`, text: inspect(cause, { depth: 12, showHidden: true, maxArrayLength: 1000, maxStringLength: Infinity }) });
	});
}

function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value) ?? '';
	} catch (error) {
		return `(not JSON: ${(error as Error).message})`;
	}
}

interface Secret {
	label: string;
	value: string;
}

/** A secret as it may be written: as is, URL-encoded, base64 (e.g. inside a Basic header). */
function formsOf(secrets: Secret[]): Secret[] {
	const forms: Secret[] = [];
	for (const { label, value } of secrets) {
		if (value.length < 8) continue;
		forms.push({ label, value });
		forms.push({ label: `${label} (URL-encoded)`, value: encodeURIComponent(value) });
		forms.push({ label: `${label} (base64)`, value: Buffer.from(value).toString('base64') });
	}
	return forms.filter((form, i) => forms.findIndex((other) => other.value === form.value) === i);
}

/** Where each secret was found: labels and places, never the value. */
function leaksIn(texts: Text[], secrets: Secret[]): string[] {
	const found = new Set<string>();
	for (const { where, text } of texts) {
		for (const secret of secrets) if (text.includes(secret.value)) found.add(`${secret.label} in ${where}`);
	}
	return [...found];
}

// ---------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------

/** Wrong credentials: distinctive, so any trace of them is found. */
const CANARY = {
	sim: 'sk-sim-SECRET-CANARY-5f0c2a9e7b31d4c8a6e2f019',
	webflow: 'wf-SECRET-CANARY-token-8e41b7c2d95a06f3c7d2e1',
	// A UUIDv4, so the credential sends it as an API token ("Token …").
	make: 'c4a4a12e-5ec1-4e70-9a11-5ec7e7ca4a11',
	workiva: 'wks-SECRET-CANARY-9b3e71c0d2a84f56e0b7',
} as const;

/** Access tokens Workiva's token endpoint issued during the current test, from its responses. */
const issuedTokens: string[] = [];
/** The rewriter a case asked for, behind the one that reads issued tokens. */
let caseRewriter: ((response: EmulatorResponse, req: EmulatorRequest) => EmulatorResponse | undefined) | null = null;

beforeEach(() => {
	logs.length = 0;
	issuedTokens.length = 0;
	caseRewriter = null;
	for (const emulator of [sim, webflow, make, workiva] as Emulator[]) {
		emulator.setResponseRewriter((response, req) => {
			const rewritten = caseRewriter?.(response, req);
			const body = (rewritten ?? response).body as { access_token?: unknown } | undefined;
			if (typeof body?.access_token === 'string') issuedTokens.push(body.access_token);
			return rewritten;
		});
	}
});

interface CredentialOptions {
	/** A wrong key, token or client secret instead of the working one. */
	secret?: string;
	baseUrl?: string;
	/** The credential of a user or client without access to audit logs. */
	forbidden?: boolean;
	/** Workiva: start with a stored access token, so faults meet the API, not the token endpoint. */
	warm?: boolean;
}

interface Provider {
	name: 'Sim' | 'Webflow' | 'Make' | 'Workiva';
	emulator: Emulator;
	isApi(request: { path: string }): boolean;
	credentials(options?: CredentialOptions): CredentialStore;
	/** Every credential value the emulator knows. */
	knownSecrets(): Secret[];
	canary: string;
	node: INodeType;
	trigger: INodeType;
	list: INodeParameters;
	poll: INodeParameters;
	/** Node parameters the API answers 404 to. */
	notFound: INodeParameters;
	/** Node parameters the API answers 400 to; without them a 400 is made from the first response. */
	badRequest?: INodeParameters;
	/** A body in the provider's own error shape. */
	errorBody(status: number, text: string): unknown;
}

const options = { ...FAST_RETRIES, maxRetries: 2 };

const providers: Provider[] = [
	{
		name: 'Sim',
		emulator: sim,
		isApi: (request) => request.path.startsWith('/api/v1/'),
		credentials: ({ secret, baseUrl, forbidden } = {}) => {
			const store = simCredentials(sim, secret ?? (forbidden ? sim.keys.member : sim.apiKey));
			if (baseUrl !== undefined) store.simAuditLogApi.data.baseUrl = baseUrl;
			return store;
		},
		knownSecrets: () => Object.entries(sim.keys).map(([name, value]) => ({ label: `Sim API key "${name}"`, value })),
		canary: CANARY.sim,
		node: new SimAuditLog(),
		trigger: new SimAuditLogTrigger(),
		list: { resource: 'auditLog', operation: 'getMany', returnAll: false, limit: 5, options },
		poll: { startFrom: 'now', maxEventsPerPoll: 100, filters: {}, options },
		notFound: { resource: 'auditLog', operation: 'get', auditLogId: 'AAAAAAAAAAAAAAAAAAAAA', options },
		get badRequest() {
			return { resource: 'auditLog', operation: 'getMany', returnAll: true, filters: { actorId: sim.departedActors[0].id }, options };
		},
		errorBody: (_status, text) => ({ error: text }),
	},
	{
		name: 'Webflow',
		emulator: webflow,
		isApi: (request) => request.path.startsWith('/v2/'),
		credentials: ({ secret, baseUrl, forbidden } = {}) => {
			const store = webflowCredentials(webflow, secret ?? (forbidden ? webflow.tokens.noScope : webflow.tokens.workspace));
			if (baseUrl !== undefined) store.webflowAuditLogApi.data.baseUrl = baseUrl;
			return store;
		},
		knownSecrets: () => Object.entries(webflow.tokens).map(([name, value]) => ({ label: `Webflow token "${name}"`, value })),
		canary: CANARY.webflow,
		node: new WebflowAuditLog(),
		trigger: new WebflowAuditLogTrigger(),
		get list() {
			return { resource: 'workspaceAuditLog', operation: 'getMany', workspace: webflow.workspace.id, returnAll: false, limit: 5, options };
		},
		get poll() {
			return { scope: 'workspace', workspace: webflow.workspace.id, eventType: '', startFrom: 'now', maxEventsPerPoll: 100, options };
		},
		notFound: { resource: 'workspaceAuditLog', operation: 'getMany', workspace: 'no-such-workspace', returnAll: false, limit: 5, options },
		errorBody: (_status, text) => ({ code: 'validation_error', message: text, externalReference: null, details: [{ param: 'limit', description: text }] }),
	},
	{
		name: 'Make',
		emulator: make,
		isApi: (request) => /\/api\/v2\//.test(request.path),
		credentials: ({ secret, baseUrl, forbidden } = {}) => {
			const store = makeCredentials(make, secret ?? (forbidden ? make.tokens.member : make.apiKey));
			if (baseUrl !== undefined) store.makeAuditLogApi.data.baseUrl = baseUrl;
			return store;
		},
		knownSecrets: () => [
			...Object.entries(make.tokens).map(([name, value]) => ({ label: `Make token "${name}"`, value })),
			...Object.entries(make.zoneTokens).map(([zone, value]) => ({ label: `Make token of ${zone}`, value })),
		],
		canary: CANARY.make,
		node: new MakeAuditLog(),
		trigger: new MakeAuditLogTrigger(),
		get list() {
			return {
				resource: 'organizationAuditLog',
				operation: 'getMany',
				organization: { __rl: true, mode: 'id', value: String(make.organization.id) },
				returnAll: false,
				limit: 5,
				options,
			};
		},
		get poll() {
			return {
				scope: 'organization',
				organization: { __rl: true, mode: 'id', value: String(make.organization.id) },
				startFrom: 'now',
				maxEventsPerPoll: 100,
				filters: {},
				options,
			};
		},
		get notFound() {
			return {
				resource: 'auditLog',
				operation: 'get',
				organization: { __rl: true, mode: 'id', value: String(make.organization.id) },
				uuid: 'c37c7292-35cd-4dc4-9113-21b23beaea7d',
				options,
			};
		},
		errorBody: (status, text) => ({ detail: text, message: text, code: 'IM005', suberrors: [{ message: text }], status }),
	},
	{
		name: 'Workiva',
		emulator: workiva,
		isApi: (request) => !request.path.includes('oauth2/token'),
		credentials: ({ secret, baseUrl, forbidden, warm } = {}) => {
			const store = workivaCredentials(workiva, forbidden ? 'noActivityScope' : 'reader');
			const data = store.workivaOAuth2Api.data;
			if (secret !== undefined) data.clientSecret = secret;
			if (baseUrl !== undefined) data.baseUrl = baseUrl;
			if (warm) {
				const token = workiva.issueToken(forbidden ? 'noActivityScope' : 'reader');
				issuedTokens.push(token);
				data.oauthTokenData = { access_token: token, token_type: 'Bearer', expires_in: 599 };
			}
			return store;
		},
		knownSecrets: () =>
			Object.entries(workiva.clients).flatMap(([name, client]) => [
				{ label: `Workiva client secret "${name}"`, value: client.clientSecret },
				{ label: `Workiva Basic pair "${name}"`, value: `${client.clientId}:${client.clientSecret}` },
			]),
		canary: CANARY.workiva,
		node: new WorkivaActivity(),
		trigger: new WorkivaActivityTrigger(),
		get list() {
			return { resource: 'activity', operation: 'getMany', scope: 'organization', organizationId: workiva.organization.id, returnAll: false, limit: 5, options };
		},
		get poll() {
			return { scope: 'organization', organizationId: workiva.organization.id, startFrom: 'now', maxEventsPerPoll: 100, filters: {}, options };
		},
		notFound: { resource: 'activity', operation: 'get', activityId: 'QWN0aXZpdHkfbm90LWEtcmVhbC1pZA', options },
		get badRequest() {
			return { ...this.list, returnAll: true, options: { ...options, rawFilter: "outcome eq 'failure'" } };
		},
		errorBody: (status, text) => ({ code: String(status), message: text, details: [{ code: 'invalid', message: text }] }),
	},
];

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

type Mode = 'node' | 'node, continue on fail' | 'trigger';
const MODES: Mode[] = ['node', 'node, continue on fail', 'trigger'];

interface Setup {
	credentials: CredentialStore;
	/** Node parameters; the list by default. */
	node?: INodeParameters;
	/** Trigger parameters; the poll by default. */
	poll?: INodeParameters;
	/** False when the node must fail before any request (a refused Base URL). */
	reachesApi?: boolean;
	/** What the error message must say, to know the case failed the way it should. */
	message: RegExp;
	description?: RegExp;
	/** Something the run must have logged (proves the log capture works). */
	logged?: RegExp;
}

interface Case {
	name: string;
	only?: Provider['name'];
	setup(provider: Provider, mode: Mode): Setup | Promise<Setup>;
}

const withOptions = (parameters: INodeParameters, extra: IDataObject): INodeParameters => ({
	...parameters,
	options: { ...(parameters.options as IDataObject), ...extra } as INodeParameters,
});

/** A fault on every API request: the retries are used up. */
const exhausted = (name: string, faults: FaultConfig, message: RegExp, extra: IDataObject = {}): Case => ({
	name,
	setup: (provider) => {
		const credentials = provider.credentials({ warm: true });
		provider.emulator.setFaults(faults);
		return {
			credentials,
			node: withOptions(provider.list, extra),
			poll: withOptions(provider.poll, extra),
			message,
			logged: extra.maxRetries === 0 ? undefined : /waiting \d+ ms before retrying/,
		};
	},
});

/** Echoes the credential headers the request carried, in the provider's error shape. */
function echoCredentials(provider: Provider, status: number) {
	return (response: EmulatorResponse, req: EmulatorRequest): EmulatorResponse | undefined => {
		if (!provider.isApi(req)) return undefined;
		const echoed = ['x-api-key', 'authorization'].map((name) => req.header(name)).filter(Boolean).join(' / ');
		const text = `Invalid credentials: ${echoed} (query ${req.rawQuery})`;
		return { status, body: { ...(provider.errorBody(status, text) as object), error: text, message: text, echo: { headers: req.headers } } };
	};
}

const INVALID_BASE_URLS = ['ftp://files.example.com/api', 'file:///etc/passwd', 'javascript:alert(1)', 'http//missing-colon', 'not a url', ''];

const cases: Case[] = [
	{
		name: 'wrong key or token (401) / refused client secret',
		setup: (provider) => ({
			credentials: provider.credentials({ secret: provider.canary }),
			message: provider.name === 'Workiva' ? /^Workiva refused the OAuth2 client credentials/ : new RegExp(`^${provider.name} API error 401: `),
		}),
	},
	{
		name: 'a credential without access (403)',
		setup: (provider) => ({ credentials: provider.credentials({ forbidden: true }), message: new RegExp(`^${provider.name} API error 403: `) }),
	},
	{
		name: 'not found (404)',
		setup: (provider, mode) => {
			const message = new RegExp(`^${provider.name} API error 404: `);
			if (provider.name === 'Webflow') return { credentials: provider.credentials(), node: provider.notFound, poll: { ...provider.poll, workspace: 'no-such-workspace' }, message };
			if (provider.name === 'Make') {
				const poll = { ...provider.poll, organization: { __rl: true, mode: 'id', value: '987654' } };
				return { credentials: provider.credentials(), node: provider.notFound, poll, message };
			}
			// Sim's and Workiva's lists have no unknown ID to ask for: the trigger meets a 404 made from the first response.
			if (mode === 'trigger') caseRewriter = (_response, req) => (provider.isApi(req) ? { status: 404, body: provider.errorBody(404, 'Not found') } : undefined);
			return { credentials: provider.credentials({ warm: true }), node: provider.notFound, message };
		},
	},
	{
		name: 'bad request (400)',
		setup: (provider, mode) => {
			const message = new RegExp(`^${provider.name} API error 400: `);
			// Where no parameters make the API answer 400 (the nodes check them first), the first response is made one.
			if (!provider.badRequest || mode === 'trigger') {
				caseRewriter = (_response, req) => (provider.isApi(req) ? { status: 400, body: provider.errorBody(400, 'Validation Error') } : undefined);
			}
			return { credentials: provider.credentials({ warm: true }), node: provider.badRequest, message };
		},
	},
	exhausted('rate limit (429), retries used up', { status429: { times: 1000, retryAfterSeconds: 0 } }, / API error 429: /),
	exhausted('server error (503), retries used up', { status5xx: { times: 1000, status: 503 } }, / API error 503: /),
	exhausted('dropped connection, retries used up', { drop: { times: 1000 } }, /^Could not reach \w+: The connection to the server was closed unexpectedly/),
	exhausted('malformed body, retries used up', { malformed: { times: 1000 } }, / returned a response that is not valid JSON$/),
	exhausted('timeout', { slow: { times: 1000, ms: 1500 } }, /^Could not reach \w+: no response within 1 s$/, { timeoutSeconds: 1, maxRetries: 0 }),
	{
		name: 'an API that echoes the credential in its error body (401)',
		setup: (provider) => {
			caseRewriter = echoCredentials(provider, 401);
			return { credentials: provider.credentials(), message: new RegExp(`^${provider.name} API error 401: `) };
		},
	},
	{
		name: 'an API that echoes the credential in its error body (400)',
		setup: (provider) => {
			caseRewriter = echoCredentials(provider, 400);
			return { credentials: provider.credentials(), message: new RegExp(`^${provider.name} API error 400: Invalid credentials: ((Bearer|Token) )?\\[redacted\\] `) };
		},
	},
	...INVALID_BASE_URLS.map(
		(baseUrl): Case => ({
			name: `Base URL ${JSON.stringify(baseUrl)}`,
			setup: (provider) => ({
				credentials: provider.credentials({ baseUrl }),
				reachesApi: false,
				description: /^Set the Base URL field of the credential to an absolute URL that starts with https:\/\/ \(or http:\/\/\)/,
				message:
					baseUrl === ''
						? new RegExp(`^The ${provider.name} credential has no Base URL$`)
						: new RegExp(`^The ${provider.name} credential's Base URL ".*" is not an http:// or https:// URL$`),
			}),
		}),
	),
	{
		name: 'a Base URL with a user name and password in it',
		setup: (provider) => {
			const url = new URL(provider.emulator.url);
			url.username = 'admin';
			// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up value for the refusal test
			url.password = 'Url-Password-5e1f';
			return {
				credentials: provider.credentials({ baseUrl: url.href }),
				reachesApi: false,
				description: /^Remove the "user:password@" part of the Base URL\./,
				message: new RegExp(`^The ${provider.name} credential's Base URL "[^@]*" must not contain a user name or password$`),
			};
		},
	},
	{
		name: 'a next link to another origin',
		only: 'Workiva',
		setup: (provider) => {
			workiva.setFaults({ foreignNextLink: foreignOrigin });
			// More than one page of 1000 for the trigger's backfill.
			workiva.insert({ count: 200, spacingMs: 1000 });
			return {
				credentials: provider.credentials(),
				node: { ...provider.list, returnAll: true, options: { ...options, pageSize: 50 } },
				poll: { ...provider.poll, startFrom: 'date', startDate: '2026-09-01T00:00:00Z', maxEventsPerPoll: 5000 },
				message: /^Refusing to send Workiva credentials to /,
			};
		},
	},
	{
		name: 'the API refuses every token, the renewed one too (401)',
		only: 'Workiva',
		setup: (provider) => {
			workiva.setTokenLifetime(0);
			return { credentials: provider.credentials(), message: /^Workiva API error 401: / };
		},
	},
	{
		name: 'an expired token whose renewal is refused (client secret changed)',
		only: 'Workiva',
		setup: (provider) => {
			const credentials = provider.credentials({ warm: true });
			credentials.workivaOAuth2Api.data.clientSecret = CANARY.workiva;
			workiva.expireTokens();
			return { credentials, message: /^Workiva refused the OAuth2 client credentials/ };
		},
	},
	{
		name: 'an expired token whose renewal meets a token endpoint error (503)',
		only: 'Workiva',
		setup: (provider) => {
			const credentials = provider.credentials({ warm: true });
			workiva.expireTokens();
			caseRewriter = (_response, req) => (req.path.includes('oauth2/token') ? { status: 503, body: { error: 'temporarily_unavailable' } } : undefined);
			return { credentials, message: /^Could not get an access token from Workiva: the token endpoint answered HTTP 503$/ };
		},
	},
	{
		name: 'a token endpoint that drops the connection',
		only: 'Workiva',
		setup: (provider) => {
			caseRewriter = null;
			workiva.setFaults({ drop: { times: 1000 } });
			// n8n-core 2.8 words the dropped connection itself; 2.41 wraps the HTTP client's words in its own.
			return {
				credentials: provider.credentials(),
				message: /^Could not reach Workiva: (The connection to the server was closed unexpectedly|Failed to acquire OAuth2 access token: socket hang up)/,
			};
		},
	},
];

// Origin B for the next-link case: anything it receives is a failure.
let foreign: Server;
let foreignOrigin = '';
const foreignHits: string[] = [];
beforeAll(async () => {
	foreign = createServer((req, res) => {
		foreignHits.push(String(req.url));
		res.end('{}');
	});
	await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
	foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
});
afterAll(async () => {
	foreign.closeAllConnections();
	await new Promise<void>((resolve) => foreign.close(() => resolve()));
});

// ---------------------------------------------------------------------------------------------
// Running and scanning one case
// ---------------------------------------------------------------------------------------------

/** The node type, recording what its execute() throws before n8n turns it into run data. */
function recording(nodeType: INodeType, thrown: unknown[]): INodeType {
	const wrapped = Object.create(nodeType) as INodeType;
	wrapped.execute = async function (this: IExecuteFunctions) {
		try {
			return (await nodeType.execute!.call(this)) as INodeExecutionData[][];
		} catch (error) {
			thrown.push(error);
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- passed on untouched, as n8n got it
			throw error;
		}
	};
	return wrapped;
}

/** The credential values on the wire, as the emulator received them. */
function wireSecrets(requests: LoggedRequest[]): Secret[] {
	const secrets: Secret[] = [];
	for (const request of requests) {
		for (const name of ['x-api-key', 'authorization']) {
			const value = request.headers[name];
			if (typeof value !== 'string' || value === '') continue;
			secrets.push({ label: `the ${name} header sent to ${request.path}`, value });
			const [scheme, credential] = value.split(/\s+/, 2);
			if (!credential) continue;
			secrets.push({ label: `the ${scheme} credential sent to ${request.path}`, value: credential });
			if (/^basic$/i.test(scheme)) {
				const pair = Buffer.from(credential, 'base64').toString('utf8');
				secrets.push({ label: `the Basic pair sent to ${request.path}`, value: pair });
				secrets.push({ label: `the Basic secret sent to ${request.path}`, value: pair.slice(pair.indexOf(':') + 1) });
			}
		}
	}
	return secrets;
}

function secretsInPlay(provider: Provider, credentials: CredentialStore): Secret[] {
	const stored = Object.values(credentials)[0].data;
	const tokenData = stored.oauthTokenData as IDataObject | undefined;
	const secrets: Secret[] = [
		...provider.knownSecrets(),
		{ label: `${provider.name} canary credential`, value: provider.canary },
		...issuedTokens.map((value, i) => ({ label: `access token #${i + 1} issued by the token endpoint`, value })),
		...(typeof tokenData?.access_token === 'string' ? [{ label: 'the access token stored in the credential', value: tokenData.access_token }] : []),
		...wireSecrets(provider.emulator.requests()),
	];
	return formsOf(secrets);
}

let totalScanned = 0;
let totalLeaks = 0;

describe.each(providers)('$name', (provider) => {
	const applicable = cases.filter((c) => !c.only || c.only === provider.name);
	const table = applicable.flatMap((c) => MODES.map((mode) => ({ c, mode, title: `${c.name} — ${mode}` })));

	it.each(table)('$title: no secret anywhere', async ({ c, mode }) => {
		const setup = await c.setup(provider, mode);
		blank = formsOf([...provider.knownSecrets(), { label: 'canary', value: provider.canary }]).map((secret) => secret.value);
		const texts: Text[] = [];
		const thrown: unknown[] = [];
		let message: string | undefined;
		let description: string | undefined;

		if (mode === 'trigger') {
			const rig = new TriggerRig(provider.trigger, setup.poll ?? provider.poll, setup.credentials);
			let failure: unknown;
			await rig.poll().then(
				() => undefined,
				(error: unknown) => (failure = error),
			);
			expect(failure).toBeInstanceOf(Error);
			message = (failure as Error).message;
			description = (failure as { description?: string }).description;
			errorTexts(failure, 'the poll\'s error', texts);
			stringsOf(rig.staticData, 'static data', texts);
			texts.push({ where: 'static data as JSON', text: safeJson(rig.staticData) });
		} else {
			const continueOnFail = mode === 'node, continue on fail';
			const run = await runNode({
				nodeType: recording(provider.node, thrown),
				parameters: setup.node ?? provider.list,
				credentials: setup.credentials,
				continueOnFail,
			});
			if (continueOnFail) {
				expect(run.error).toBeUndefined();
				expect(run.items).toHaveLength(1);
				expect(run.items[0].json).toEqual({ error: expect.any(String), description: expect.any(String) });
				message = String(run.items[0].json.error);
				description = String(run.items[0].json.description);
			} else {
				expect(run.items).toEqual([]);
				expect(run.error).toBeDefined();
				message = run.error?.message;
				description = run.error?.description;
			}
			thrown.forEach((error, i) => errorTexts(error, `the error execute() threw (#${i + 1})`, texts));
			if (run.error) errorTexts(run.error, 'the error n8n recorded', texts);
			stringsOf(run.items, 'the output items', texts);
			texts.push({ where: 'the output items as JSON', text: safeJson(run.items) });
			stringsOf(run.run, 'the run data', texts);
			texts.push({ where: 'the run data as JSON', text: safeJson(run.run) });
		}
		for (const { channel, text } of logs) texts.push({ where: channel, text });

		// The scan first: a failed expectation below prints the message.
		const secrets = secretsInPlay(provider, setup.credentials);
		blank = secrets.map((secret) => secret.value);
		expect(secrets.length).toBeGreaterThan(3);
		const leaks = leaksIn(texts, secrets);
		totalScanned += texts.length;
		totalLeaks += leaks.length;
		expect(leaks).toEqual([]);

		// The case failed the way it should, and the capture saw the run.
		expect(message).toMatch(setup.message);
		if (setup.description) expect(description).toMatch(setup.description);
		if (setup.logged) expect(logs.map((entry) => entry.text).join('\n')).toMatch(setup.logged);
		if (mode !== 'trigger') expect(logs.some((entry) => entry.channel.startsWith('LoggerProxy.'))).toBe(true);
		const requests = provider.emulator.requests();
		if (setup.reachesApi === false) expect(requests).toEqual([]);
		else expect(requests.length).toBeGreaterThan(0);
		expect(foreignHits).toEqual([]);
	});
});

describe('the scan and the helpers', () => {
	it('finds a secret hidden in a non-enumerable property, a cause, a header object and a base64 Basic pair', () => {
		const hidden = 'not-in-any-message-0123456789';
		const inner = new Error('inner');
		Object.defineProperty(inner, 'config', { value: { headers: { Authorization: `Basic ${Buffer.from(`id:${hidden}`).toString('base64')}` } }, enumerable: false });
		const outer = new Error('outer', { cause: inner });
		const texts: Text[] = [];
		errorTexts(outer, 'error', texts);
		const leaks = leaksIn(texts, formsOf([{ label: 'the secret', value: hidden }, { label: 'the pair', value: `id:${hidden}` }]));
		expect(leaks).toEqual(expect.arrayContaining([expect.stringMatching(/^the pair \(base64\) in error\.cause\.config\.headers\.Authorization$/)]));
	});

	it('the client knows which credential fields are secret, and takes them out of whatever it quotes', () => {
		// Made up at run time: fake values, not secrets in the source.
		const fake = (prefix: string) => `${prefix}${'abcdefgh12345678'}`;
		const values = { apiKey: fake('sk-sim-'), apiToken: fake('c4a4a12e-'), accessToken: fake('wf-token-'), clientSecret: fake('wks-'), access: fake('at_'), refresh: fake('rt_') };
		const credentials = {
			baseUrl: 'https://api.example.com',
			zone: 'eu1.make.com',
			apiKey: values.apiKey,
			apiToken: values.apiToken,
			accessToken: values.accessToken,
			clientId: 'wk-client-id',
			clientSecret: values.clientSecret,
			accessTokenUrl: 'https://api.example.com/iam/v1/oauth2/token',
			short: 'abc',
			oauthTokenData: Object.fromEntries([
				['access_token', values.access],
				['refresh_token', values.refresh],
				['token_type', 'Bearer'],
			]),
		};
		const secrets = secretsOf(credentials);
		for (const value of Object.values(values)) expect(secrets).toContain(value);
		expect(secrets).toContain(Buffer.from(`wk-client-id:${values.clientSecret}`).toString('base64'));
		for (const value of ['https://api.example.com', 'eu1.make.com', 'wk-client-id', 'Bearer', 'abc', credentials.accessTokenUrl]) expect(secrets).not.toContain(value);

		const body = { error: `Invalid key ${values.apiKey}`, nested: [{ [values.access]: `Bearer ${values.access}` }], status: 401 };
		expect(redactSecrets(body, secrets)).toEqual({ error: 'Invalid key [redacted]', nested: [{ '[redacted]': 'Bearer [redacted]' }], status: 401 });
		expect(body.error).toBe(`Invalid key ${values.apiKey}`);
	});

	it('an error of another kind reaching the router goes on as its message and description only', () => {
		const node = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const ctx = { continueOnFail: () => false, getNode: () => node } as unknown as IExecuteFunctions;
		const hidden = 'raw-http-error-secret-0123456789';
		const raw = Object.assign(new Error('Request failed with status code 500'), {
			description: 'The server said no',
			config: { headers: { Authorization: `Bearer ${hidden}` } },
			request: { _header: `GET / HTTP/1.1\r\nAuthorization: Bearer ${hidden}` },
		});
		const notAnError = { message: 'a thrown object', config: { headers: { 'X-API-Key': hidden } } };
		for (const thrown of [raw, notAnError]) {
			let caught: unknown;
			try {
				handleOperationError(ctx, thrown as Error, 2);
			} catch (error) {
				caught = error;
			}
			expect(caught).toBeInstanceOf(NodeOperationError);
			expect((caught as NodeOperationError).message).toBe(thrown.message);
			expect((caught as NodeOperationError).context.itemIndex).toBe(2);
			const texts: Text[] = [];
			errorTexts(caught, 'error', texts);
			expect(leaksIn(texts, formsOf([{ label: 'the secret', value: hidden }]))).toEqual([]);
		}
		const continued = handleOperationError({ ...ctx, continueOnFail: () => true } as unknown as IExecuteFunctions, raw, 0);
		expect(continued).toEqual([{ json: { error: raw.message, description: 'The server said no' }, pairedItem: { item: 0 } }]);
	});

	afterAll(() => {
		// Printed once, without secrets: how much was looked at.
		process.stdout.write(`secrets.test: ${totalScanned} texts scanned, ${totalLeaks} secrets found\n`);
	});
});
