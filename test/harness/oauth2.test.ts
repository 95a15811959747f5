/**
 * OAuth2 client credentials as n8n runs them: a credential that `extends: ['oAuth2Api']`, real
 * n8n-core fetching, storing and renewing the token through the harness's credential
 * helper, against the sandbox's token endpoint (test/sandbox/oauth2.ts) over loopback HTTP.
 *
 * Some tests pin n8n-core's own OAuth2 behaviour, which changed between the two lines the package
 * is tested on (2.8 with `npm test`, 2.41 with `npm run test:latest`); they state both.
 */
import type {
	ICredentialsHelper,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWorkflowExecuteAdditionalData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, sleep } from 'n8n-workflow';

import { ApiClient, isObject, type ProviderApi } from '../../nodes/shared/transport';
import {
	createOAuth2Server,
	type OAuth2HttpRequest,
	type OAuth2HttpResponse,
	type StandaloneOAuth2Server,
	startOAuth2Server,
} from '../sandbox/oauth2';
import { credentialTypeLookup, getCredentialsProperties, getParentTypes } from './credentialTypes';
import { type CredentialStore, type NodeRun, runNode, TestCredentialsHelper, TriggerRig } from './n8n';
import { OAuth2Api } from './oauth2Api';

/**
 * Whether the n8n-core under test is the 2.8 line. Only for expectations about n8n-core's own
 * OAuth2 client, which differ by line; the harness and the nodes use feature detection instead.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CORE_2_8 = (require('n8n-core/package.json') as { version: string }).version.startsWith('2.8.');

const TYPE = 'testOAuth2Api';
const CLIENT_ID = 'client-7f3a';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a test fixture for the loopback server
const SECRET = 'S3cr3t-Client-Value-9d81c0';
/** A client that may only be granted `users:read`. */
const USERS_ONLY_ID = 'client-users-only';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a test fixture for the loopback server
const USERS_ONLY_SECRET = 'Other-Secret-44ab19';

/** Shaped like Workiva's will be: client credentials, token URL derived from another field, fixed scope. */
class TestOAuth2Api implements ICredentialType {
	name = TYPE;

	extends = ['oAuth2Api'];

	displayName = 'Test OAuth2 API';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'https://api.example.invalid' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'hidden', default: '={{$self["baseUrl"]}}/oauth2/token' },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'activity:read' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
	];
}

function describeNode(name: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: 'OAuth2 probe',
		defaults: { name },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: TYPE, required: true }],
		properties: [],
		...extra,
	};
}

interface Activities {
	clientId: string;
	token: string;
}

/** GET /activities the way most n8n nodes call an API: `httpRequestWithAuthentication`. */
async function fetchActivities(ctx: IExecuteFunctions | IPollFunctions): Promise<Activities> {
	const { baseUrl } = await ctx.getCredentials(TYPE);
	const options: IHttpRequestOptions = { method: 'GET', url: `${String(baseUrl)}/activities`, json: true };
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, TYPE, options, {
		oauth2: ProbeSettings.oauth2,
	})) as Activities;
}

/** Per-test knobs for the probes (n8n instantiates node types itself, so no constructor args). */
const ProbeSettings: { oauth2?: { tokenExpiredStatusCode?: number }; legacy: boolean } = { legacy: false };

class OAuthProbe implements INodeType {
	description = describeNode('oauthProbe');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (ProbeSettings.legacy) {
			// The request-library helper n8n-core keeps for older nodes.
			const { baseUrl } = await this.getCredentials(TYPE);
			try {
				// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions -- the legacy path is what this probes
				const body = (await this.helpers.requestOAuth2.call(this, TYPE, { uri: `${String(baseUrl)}/activities`, json: true }, ProbeSettings.oauth2)) as Activities;
				return [[{ json: { ...body } }]];
			} catch (error) {
				throw new NodeApiError(this.getNode(), error as JsonObject); // as legacy nodes do
			}
		}
		return [[{ json: { ...(await fetchActivities(this)) } }]];
	}
}

class OAuthProbeTrigger implements INodeType {
	description = describeNode('oauthProbeTrigger', { group: ['trigger'], polling: true, inputs: [] });

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return [[{ json: { ...(await fetchActivities(this)) } }]];
	}
}

/** Emits the credential data the node is given. */
class CredentialEcho implements INodeType {
	description = describeNode('credentialEcho');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: await this.getCredentials(TYPE) }]];
	}
}

const testApi: ProviderApi = {
	name: 'Test',
	credentialType: TYPE,
	oauth2: true,
	baseUrlOf: (credentials) => String(credentials.baseUrl),
	describeError: (status, body) => ({
		message: isObject(body) && typeof body.error_description === 'string' ? body.error_description : `HTTP ${status}`,
	}),
};

/** The same GET through the shared ApiClient, as our real nodes make it. */
class ApiClientProbe implements INodeType {
	description = describeNode('apiClientProbe');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = new ApiClient(this, testApi, { retry: { maxRetries: 1, initialDelayMs: 10 } });
		const { body } = await client.request<Activities>({ url: '/activities' });
		return [[{ json: { ...body } }]];
	}
}

let api: StandaloneOAuth2Server;

beforeAll(async () => {
	api = await startOAuth2Server({
		clients: [
			{ clientId: CLIENT_ID, clientSecret: SECRET, scopes: ['activity:read'] },
			{ clientId: USERS_ONLY_ID, clientSecret: USERS_ONLY_SECRET, scopes: ['users:read'] },
		],
		unallowedScope: 'narrow',
		lifetimeSeconds: 60,
		routes: [{ path: '/activities', scope: 'activity:read', respond: (token) => ({ clientId: token.clientId, token: token.accessToken }) }],
	});
});

afterAll(async () => {
	await api.close();
});

beforeEach(() => {
	api.oauth.reset();
	api.oauth.setLifetime(60);
	api.clearRequests();
	ProbeSettings.oauth2 = undefined;
	ProbeSettings.legacy = false;
});

function credentialsFor(clientId = CLIENT_ID, clientSecret = SECRET, baseUrl = api.url): CredentialStore {
	return { [TYPE]: { type: new TestOAuth2Api(), data: { baseUrl, clientId, clientSecret } } };
}

/** `METHOD path status` of every request the server saw, in order. */
const trace = (server = api) => server.requests().map((r) => `${r.method} ${r.path} ${r.status}`);
/** The bearer token each GET /activities carried. */
const bearers = (server = api) =>
	server
		.requests()
		.filter((r) => r.path === '/activities')
		.map((r) => r.authorization?.replace(/^Bearer /, ''));
const tokenValues = (server = api) => server.oauth.tokens().map((t) => t.accessToken);

async function probe(credentials: CredentialStore): Promise<Activities> {
	const { items, error } = await runNode({ nodeType: new OAuthProbe(), parameters: {}, credentials });
	if (error) throw error;
	return items[0].json as unknown as Activities;
}

function expectNoSecret(error: NodeRun['error'], secret: string, clientId: string) {
	expect(error).toBeDefined();
	const forms = [secret, Buffer.from(`${clientId}:${secret}`).toString('base64'), encodeURIComponent(secret)];
	const texts = [error!.message, String(error!.description ?? ''), JSON.stringify(error), String(error), String(error!.stack)];
	for (const form of forms) for (const text of texts) expect(text).not.toContain(form);
}

// ---------------------------------------------------------------------------------------------

describe('credential types: oAuth2Api parent merged like n8n', () => {
	it("the copy of oAuth2Api is n8n-nodes-base 2.8.1's property list", () => {
		const summary = new OAuth2Api().properties.map((p) => `${p.name} ${p.type} ${JSON.stringify(p.default)}${p.doNotInherit ? ' doNotInherit' : ''}`);
		expect(summary).toEqual([
			'useDynamicClientRegistration hidden false',
			'grantType options "authorizationCode"',
			'serverUrl string ""',
			'authUrl string ""',
			'accessTokenUrl string ""',
			'clientId string ""',
			'clientSecret string ""',
			'scope string ""',
			'authQueryParameters string ""',
			'authentication options "header"',
			'sendAdditionalBodyProperties boolean false',
			'additionalBodyProperties json ""',
			'ignoreSSLIssues boolean false doNotInherit',
		]);
	});

	it('parent types are found recursively; properties merge parent first, child overrides, doNotInherit skipped', () => {
		class GrandChild implements ICredentialType {
			name = 'grandChildApi';
			displayName = 'Grand child';
			extends = [TYPE];
			properties: INodeProperties[] = [{ displayName: 'Region', name: 'region', type: 'string', default: 'us' }];
		}
		const lookup = credentialTypeLookup({ ...credentialsFor('x', 'y', 'http://h'), grandChildApi: { type: new GrandChild() } });
		expect(getParentTypes(lookup, TYPE)).toEqual(['oAuth2Api']);
		expect(getParentTypes(lookup, 'grandChildApi')).toEqual([TYPE, 'oAuth2Api']);

		const properties = getCredentialsProperties(lookup, 'grandChildApi');
		const names = properties.map((p) => p.name);
		expect(names).toEqual([
			'useDynamicClientRegistration',
			'grantType',
			'serverUrl',
			'authUrl',
			'accessTokenUrl',
			'clientId',
			'clientSecret',
			'scope',
			'authQueryParameters',
			'authentication',
			'sendAdditionalBodyProperties',
			'additionalBodyProperties',
			'oauthTokenData',
			'baseUrl',
			'region',
		]);
		// The child's hidden grantType replaced the parent's options in place.
		expect(properties.find((p) => p.name === 'grantType')).toMatchObject({ type: 'hidden', default: 'clientCredentials' });
		expect(() => getCredentialsProperties(lookup, 'nopeApi')).toThrow('Unknown credential type');
	});

	it('a node gets the stored values over the merged defaults, with $self expressions resolved', async () => {
		const credentials = credentialsFor();
		const { items, error } = await runNode({ nodeType: new CredentialEcho(), parameters: {}, credentials });
		expect(error).toBeUndefined();
		// Shown only for authorizationCode/pkce or dynamic registration, so absent, as in n8n.
		expect(items[0].json).toEqual({
			useDynamicClientRegistration: false,
			grantType: 'clientCredentials',
			accessTokenUrl: `${api.url}/oauth2/token`,
			clientId: CLIENT_ID,
			clientSecret: SECRET,
			scope: 'activity:read',
			authentication: 'header',
			oauthTokenData: {},
			baseUrl: api.url,
		});
		// Reading never writes: the store still holds only what was saved.
		expect(credentials[TYPE].data).toEqual({ baseUrl: api.url, clientId: CLIENT_ID, clientSecret: SECRET });
	});

	it('the helper stores back like n8n: the token alone via updateCredentialsOauthTokenData, everything via updateCredentials; reads are copies', async () => {
		const credentials = credentialsFor();
		const helper: ICredentialsHelper = new TestCredentialsHelper(credentials); // typed as n8n-core calls it
		const ref = { id: `cred-${TYPE}`, name: 'Test' };
		const additionalData = { variables: {} } as unknown as IWorkflowExecuteAdditionalData;
		const resolved = await helper.getDecrypted(additionalData, ref, TYPE, 'trigger');
		expect(resolved.accessTokenUrl).toBe(`${api.url}/oauth2/token`);

		await helper.updateCredentialsOauthTokenData(ref, TYPE, { ...resolved, oauthTokenData: { access_token: 'a1' } }, additionalData);
		expect(credentials[TYPE].data).toEqual({ baseUrl: api.url, clientId: CLIENT_ID, clientSecret: SECRET, oauthTokenData: { access_token: 'a1' } });
		expect((await helper.getDecrypted(additionalData, ref, TYPE, 'trigger')).oauthTokenData).toEqual({ access_token: 'a1' });

		const raw = await helper.getDecrypted(additionalData, ref, TYPE, 'trigger', undefined, true);
		expect(raw).toEqual(credentials[TYPE].data);
		(raw.oauthTokenData as IDataObject).access_token = 'changed by a caller';
		expect(credentials[TYPE].data.oauthTokenData).toEqual({ access_token: 'a1' });

		await helper.updateCredentials(ref, TYPE, { baseUrl: 'http://elsewhere.invalid' });
		expect(credentials[TYPE].data).toEqual({ baseUrl: 'http://elsewhere.invalid' });
		await expect(helper.getDecrypted(additionalData, ref, 'nopeApi', 'trigger')).rejects.toThrow('No test credential of type nopeApi');
	});
});

describe('OAuth2 client credentials through n8n-core', () => {
	it('the first run fetches exactly one token (HTTP Basic, scope sent) and stores it in the credential', async () => {
		const credentials = credentialsFor();
		const result = await probe(credentials);

		expect(trace()).toEqual(['POST /oauth2/token 200', 'GET /activities 200']);
		const [token] = api.oauth.tokens();
		expect(api.oauth.stats().tokensIssued).toBe(1);
		expect(token).toMatchObject({ clientId: CLIENT_ID, clientAuth: 'basic', requestedScope: 'activity:read', scopes: ['activity:read'] });
		const [tokenRequest, apiRequest] = api.requests();
		expect(tokenRequest.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}`);
		expect(tokenRequest.form).toEqual({ grant_type: 'client_credentials', scope: 'activity:read' });
		expect(apiRequest.authorization).toBe(`Bearer ${token.accessToken}`);
		expect(result).toEqual({ clientId: CLIENT_ID, token: token.accessToken });
		// Stored back: only oauthTokenData is added, the token response as received; n8n-core 2.41
		// adds when it expires (epoch ms, as a string).
		expect(credentials[TYPE].data).toEqual({
			baseUrl: api.url,
			clientId: CLIENT_ID,
			clientSecret: SECRET,
			oauthTokenData: {
				access_token: token.accessToken,
				token_type: 'bearer',
				expires_in: 3600,
				scope: 'activity:read',
				...(CORE_2_8 ? {} : { n8n_expires_at: expect.stringMatching(/^\d{13}$/) }),
			},
		});
	});

	it('a second run within the lifetime reuses the stored token', async () => {
		const credentials = credentialsFor();
		await probe(credentials);
		await probe(credentials);
		await probe(credentials);
		expect(api.oauth.stats().tokensIssued).toBe(1);
		expect(trace()).toEqual(['POST /oauth2/token 200', 'GET /activities 200', 'GET /activities 200', 'GET /activities 200']);
		expect(new Set(bearers()).size).toBe(1);
		expect((credentials[TYPE].data.oauthTokenData as { access_token: string }).access_token).toBe(tokenValues()[0]);
	});

	it('an expired token: the API answers 401, n8n-core fetches a new one, stores it and retries once — across node runs and trigger polls', async () => {
		api.oauth.setLifetime(1.5);
		const credentials = credentialsFor();
		const rig = new TriggerRig(new OAuthProbeTrigger(), {}, credentials);

		await probe(credentials); // token 1
		expect(await rig.poll()).toEqual([{ clientId: CLIENT_ID, token: tokenValues()[0] }]); // reuses token 1
		await sleep(1600);
		expect(await rig.poll()).toEqual([{ clientId: CLIENT_ID, token: tokenValues()[1] }]); // 401 → token 2
		await probe(credentials); // reuses token 2
		await sleep(1600);
		await probe(credentials); // 401 → token 3
		await rig.poll(); // reuses token 3

		expect(trace()).toEqual([
			'POST /oauth2/token 200',
			'GET /activities 200',
			'GET /activities 200',
			'GET /activities 401',
			'POST /oauth2/token 200',
			'GET /activities 200',
			'GET /activities 200',
			'GET /activities 401',
			'POST /oauth2/token 200',
			'GET /activities 200',
			'GET /activities 200',
		]);
		const [t1, t2, t3] = tokenValues();
		expect(bearers()).toEqual([t1, t1, t1, t2, t2, t2, t3, t3]);
		expect(api.oauth.stats()).toMatchObject({ tokensIssued: 3, bearerAccepted: 6, bearerRejected: { expired: 2, unknown: 0 } });
		expect((credentials[TYPE].data.oauthTokenData as { access_token: string }).access_token).toBe(t3);
	});

	it('no proactive refresh: expires_in running out alone fetches no new token (only a 401 does)', async () => {
		const shortAdvertised = await startOAuth2Server({
			clients: [{ clientId: CLIENT_ID, clientSecret: SECRET }],
			expiresIn: 1,
			lifetimeSeconds: 60,
			routes: [{ path: '/activities', scope: 'activity:read', respond: (token) => ({ clientId: token.clientId, token: token.accessToken }) }],
		});
		try {
			const credentials = credentialsFor(CLIENT_ID, SECRET, shortAdvertised.url);
			await probe(credentials);
			await sleep(1200);
			await probe(credentials);
			expect(trace(shortAdvertised)).toEqual(['POST /oauth2/token 200', 'GET /activities 200', 'GET /activities 200']);
			expect(shortAdvertised.oauth.stats().tokensIssued).toBe(1);
		} finally {
			await shortAdvertised.close();
		}
	});

	it('a wrong client secret fails the node and the trigger with the OAuth error, never showing the secret', async () => {
		const wrong = 'Wrong-Secret-5e7b22';
		const credentials = credentialsFor(CLIENT_ID, wrong);
		const { items, error } = await runNode({ nodeType: new OAuthProbe(), parameters: {}, credentials });
		expect(items).toEqual([]);
		// n8n-core 2.41 wraps its OAuth2 client's error in its own.
		const refused = CORE_2_8 ? /^Client authentication failed/ : /^Failed to acquire OAuth2 access token: Client authentication failed/;
		expect(error?.message).toMatch(refused);
		expectNoSecret(error, wrong, CLIENT_ID);

		const pollError = (await new TriggerRig(new OAuthProbeTrigger(), {}, credentials).poll().catch((e: unknown) => e)) as NodeRun['error'];
		expect(pollError?.message).toMatch(refused);
		expectNoSecret(pollError, wrong, CLIENT_ID);

		expect(trace()).toEqual(['POST /oauth2/token 401', 'POST /oauth2/token 401']);
		expect(api.oauth.stats()).toMatchObject({ tokensIssued: 0, tokenErrors: { invalid_client: 2 } });
		expect(credentials[TYPE].data.oauthTokenData).toBeUndefined();
	});

	it('a token without the required scope: the 403 surfaces as the node error, with no token refresh', async () => {
		const credentials = credentialsFor(USERS_ONLY_ID, USERS_ONLY_SECRET);
		const { error } = await runNode({ nodeType: new OAuthProbe(), parameters: {}, credentials });
		expect(error?.httpCode).toBe('403');
		expect(error?.message).toBe('Forbidden - perhaps check your credentials?');
		expect(error?.context?.data).toEqual({ error: 'insufficient_scope', error_description: 'The access token lacks scope activity:read' });
		expect(trace()).toEqual(['POST /oauth2/token 200', 'GET /activities 403']);
		expect(api.oauth.tokens()[0].scopes).toEqual([]); // narrowed: activity:read is not allowed for this client
		expectNoSecret(error, USERS_ONLY_SECRET, USERS_ONLY_ID);
		expect(JSON.stringify(error)).not.toContain(api.oauth.tokens()[0].accessToken);
	});

	it('a token the API keeps refusing: one new token, then n8n-core fails with 401 (2.8 sends the request a third time)', async () => {
		api.oauth.setLifetime(0); // every token is born expired
		const { error } = await runNode({ nodeType: new OAuthProbe(), parameters: {}, credentials: credentialsFor() });
		expect(error?.httpCode).toBe('401');
		// 2.8's third GET is httpRequestWithAuthentication's own 401 retry (for preAuthentication), on the
		// refreshed token; 2.41 no longer makes it.
		const gets = CORE_2_8 ? ['GET /activities 401', 'GET /activities 401'] : ['GET /activities 401'];
		expect(trace()).toEqual(['POST /oauth2/token 200', 'GET /activities 401', 'POST /oauth2/token 200', ...gets]);
		const [t1, t2] = tokenValues();
		expect(bearers()).toEqual(CORE_2_8 ? [t1, t2, t2] : [t1, t2]);
	});

	it('tokenExpiredStatusCode (node option) is honoured by the legacy requestOAuth2, and by httpRequestWithAuthentication from 2.41 on', async () => {
		ProbeSettings.oauth2 = { tokenExpiredStatusCode: 403 };
		const modern = await runNode({ nodeType: new OAuthProbe(), parameters: {}, credentials: credentialsFor(USERS_ONLY_ID, USERS_ONLY_SECRET) });
		expect(modern.error?.httpCode).toBe('403');
		const renewed = ['POST /oauth2/token 200', 'GET /activities 403'];
		expect(trace()).toEqual(CORE_2_8 ? ['POST /oauth2/token 200', 'GET /activities 403'] : ['POST /oauth2/token 200', 'GET /activities 403', ...renewed]);

		api.clearRequests();
		ProbeSettings.legacy = true;
		const legacy = await runNode({ nodeType: new OAuthProbe(), parameters: {}, credentials: credentialsFor(USERS_ONLY_ID, USERS_ONLY_SECRET) });
		expect(legacy.error?.httpCode).toBe('403');
		expect(trace()).toEqual(['POST /oauth2/token 200', 'GET /activities 403', 'POST /oauth2/token 200', 'GET /activities 403']);
	});
});

describe('the shared ApiClient with an OAuth2 credential', () => {
	it('gets and reuses the token; after a 401 it has n8n fetch and store a new one, once, and retries', async () => {
		api.oauth.setLifetime(1);
		const credentials = credentialsFor();
		const first = await runNode({ nodeType: new ApiClientProbe(), parameters: {}, credentials });
		expect(first.error).toBeUndefined();
		await sleep(1100);
		const second = await runNode({ nodeType: new ApiClientProbe(), parameters: {}, credentials });
		expect(second.error).toBeUndefined();
		expect(trace()).toEqual([
			'POST /oauth2/token 200',
			'GET /activities 200',
			'GET /activities 401',
			'POST /oauth2/token 200',
			'GET /activities 200',
		]);
		// The new token was stored: the next run uses it without a token request.
		api.clearRequests();
		expect((await runNode({ nodeType: new ApiClientProbe(), parameters: {}, credentials })).error).toBeUndefined();
		expect(trace()).toEqual(['GET /activities 200']);
	});

	it('a wrong client secret fails at once as refused client credentials, not as a network error, never showing the secret', async () => {
		const wrong = 'Wrong-Secret-5e7b22';
		const { error } = await runNode({ nodeType: new ApiClientProbe(), parameters: {}, credentials: credentialsFor(CLIENT_ID, wrong) });
		expect(error?.message).toMatch(/^Test refused the OAuth2 client credentials: Client authentication failed/);
		expect(error?.description).toContain('client secret');
		expect(trace()).toEqual(['POST /oauth2/token 401']);
		expectNoSecret(error, wrong, CLIENT_ID);
	});
});

// ---------------------------------------------------------------------------------------------

describe('sandbox OAuth2 server (test/sandbox/oauth2.ts)', () => {
	let clock = 0;
	const server = createOAuth2Server({
		clients: [{ clientId: 'c1', clientSecret: 'sec-1', scopes: ['activity:read', 'users:read'] }],
		expiresIn: 120,
		lifetimeSeconds: 1.5,
		now: () => clock,
		realm: 'test',
	});
	const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
	const tokenRequest = (form: Record<string, string>, headers: Record<string, string> = {}): OAuth2HttpResponse => {
		const all: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...headers };
		const req: OAuth2HttpRequest = { method: 'POST', header: (name) => all[name.toLowerCase()], rawBody: new URLSearchParams(form).toString() };
		return server.handleTokenRequest(req);
	};
	const bearerRequest = (token?: string): OAuth2HttpRequest => ({
		method: 'GET',
		header: (name) => (name.toLowerCase() === 'authorization' && token !== undefined ? `Bearer ${token}` : undefined),
		rawBody: '',
	});

	beforeEach(() => {
		clock = 1_000_000;
		server.reset();
		server.setLifetime(1.5);
	});

	it('issues tokens to Basic or form-field client authentication, with the RFC 6749 response shape', () => {
		const viaBasic = tokenRequest({ grant_type: 'client_credentials', scope: 'activity:read' }, { authorization: basic('c1', 'sec-1') });
		expect(viaBasic).toMatchObject({ status: 200, headers: { 'cache-control': 'no-store' } });
		expect(viaBasic.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 120, scope: 'activity:read' });
		const viaBody = tokenRequest({ grant_type: 'client_credentials', client_id: 'c1', client_secret: 'sec-1' });
		expect(viaBody.body).toMatchObject({ scope: 'activity:read users:read' }); // no scope asked: all allowed
		expect(server.tokens().map((t) => t.clientAuth)).toEqual(['basic', 'body']);
		expect(server.stats()).toMatchObject({ tokenRequests: 2, tokensIssued: 2, tokenErrors: {} });
	});

	it('refuses bad clients (401 with a Basic challenge, or 400), bad grants and bad scopes, never echoing the secret', () => {
		const cases: Array<[OAuth2HttpResponse, number, string]> = [
			[tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic('c1', 'guess-secret') }), 401, 'invalid_client'],
			[tokenRequest({ grant_type: 'client_credentials', client_id: 'c1', client_secret: 'guess-secret' }), 400, 'invalid_client'],
			[tokenRequest({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'sec-1' }), 400, 'invalid_client'],
			[tokenRequest({ grant_type: 'client_credentials' }), 400, 'invalid_client'],
			[tokenRequest({ grant_type: 'client_credentials', client_secret: 'sec-1' }, { authorization: basic('c1', 'sec-1') }), 400, 'invalid_request'],
			[tokenRequest({ grant_type: 'password', username: 'u', password: 'p' }, { authorization: basic('c1', 'sec-1') }), 400, 'unsupported_grant_type'],
			[tokenRequest({}, { authorization: basic('c1', 'sec-1') }), 400, 'invalid_request'],
			[tokenRequest({ grant_type: 'client_credentials', scope: 'admin' }, { authorization: basic('c1', 'sec-1') }), 400, 'invalid_scope'],
			[tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic('c1', 'sec-1'), 'content-type': 'application/json' }), 400, 'invalid_request'],
		];
		for (const [response, status, error] of cases) {
			expect({ status: response.status, error: (response.body as { error: string }).error }).toEqual({ status, error });
			expect(response.body).toEqual({ error, error_description: expect.any(String) });
			expect(JSON.stringify(response)).not.toContain('guess-secret');
		}
		expect(cases[0][0].headers).toMatchObject({ 'www-authenticate': 'Basic realm="test"' });
		expect(server.stats()).toMatchObject({
			tokensIssued: 0,
			tokenErrors: { invalid_client: 4, invalid_request: 3, unsupported_grant_type: 1, invalid_scope: 1 },
		});
	});

	it('reads Basic credentials literally (as n8n sends them) or form-urlencoded (as RFC 6749 §2.3.1 asks)', () => {
		const odd = createOAuth2Server({ clients: [{ clientId: 'app 1', clientSecret: 'a+b%2F c' }] });
		const request = (authorization: string): OAuth2HttpRequest => ({
			method: 'POST',
			header: (name) => ({ 'content-type': 'application/x-www-form-urlencoded', authorization })[name.toLowerCase()],
			rawBody: 'grant_type=client_credentials',
		});
		const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
		expect(odd.handleTokenRequest(request(basic('app 1', 'a+b%2F c'))).status).toBe(200);
		expect(odd.handleTokenRequest(request(basic(encode('app 1'), encode('a+b%2F c')))).status).toBe(200);
		expect(odd.handleTokenRequest(request(basic('app 1', 'a b/ c'))).status).toBe(401);
		expect(odd.tokens().map((t) => t.clientId)).toEqual(['app 1', 'app 1']);
	});

	it('narrow mode issues the allowed part of the requested scope', () => {
		const narrow = createOAuth2Server({ clients: [{ clientId: 'c', clientSecret: 's', scopes: ['users:read'] }], unallowedScope: 'narrow' });
		const req: OAuth2HttpRequest = {
			method: 'POST',
			header: (name) => ({ 'content-type': 'application/x-www-form-urlencoded', authorization: basic('c', 's') })[name.toLowerCase()],
			rawBody: 'grant_type=client_credentials&scope=activity%3Aread+users%3Aread',
		};
		expect(narrow.handleTokenRequest(req).body).toMatchObject({ scope: 'users:read' });
	});

	it('checks bearers: missing/unknown → 401, expired by its own clock (fractional lifetime) → 401, missing scope → 403', () => {
		const token = server.issue('c1', ['activity:read']).accessToken;
		expect(server.authorize(bearerRequest(token), 'activity:read')).toMatchObject({ ok: true, token: { clientId: 'c1' } });

		const missing = server.authorize(bearerRequest(), 'activity:read');
		expect(missing).toMatchObject({ ok: false, reason: 'missing', status: 401, response: { status: 401, headers: { 'www-authenticate': 'Bearer realm="test"' } } });
		expect(server.authorize(bearerRequest('at_forged'), 'activity:read')).toMatchObject({
			ok: false,
			reason: 'unknown',
			response: { status: 401, body: { error: 'invalid_token' } },
		});
		const scoped = server.authorize(bearerRequest(token), ['activity:read', 'users:read']);
		expect(scoped).toMatchObject({ ok: false, reason: 'insufficient_scope', status: 403, response: { body: { error: 'insufficient_scope' } } });
		expect(scoped.ok || scoped.response.headers?.['www-authenticate']).toContain('scope="activity:read users:read"');
		const shaped = server.authorize(bearerRequest(), undefined, { body: (reason) => ({ message: `no: ${reason}` }) });
		expect(shaped.ok || shaped.response.body).toEqual({ message: 'no: missing' });

		clock += 1499;
		expect(server.authorize(bearerRequest(token)).ok).toBe(true);
		clock += 1;
		expect(server.authorize(bearerRequest(token))).toMatchObject({ ok: false, reason: 'expired', status: 401, response: { body: { error: 'invalid_token' } } });

		const fresh = server.issue('c1').accessToken;
		server.expireAll();
		expect(server.authorize(bearerRequest(fresh))).toMatchObject({ ok: false, reason: 'expired' });

		expect(server.stats()).toMatchObject({
			tokensIssued: 2,
			bearerAccepted: 2,
			bearerRejected: { missing: 2, unknown: 1, expired: 2, insufficient_scope: 1 },
		});
	});
});
