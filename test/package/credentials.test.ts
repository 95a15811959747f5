import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { MakeAuditLogApi } from '../../credentials/MakeAuditLogApi.credentials';
import { SimAuditLogApi } from '../../credentials/SimAuditLogApi.credentials';
import { WebflowAuditLogApi } from '../../credentials/WebflowAuditLogApi.credentials';
import { withExpressionIsolate } from '../harness/isolate';
import { runNode } from '../harness/n8n';
import type { MakeEmulator } from '../sandbox/make';
import { makeSandboxBaseUrl, startMakeEmulator } from '../sandbox/make';
import type { SimEmulator } from '../sandbox/sim';
import { startSimEmulator } from '../sandbox/sim';
import type { WebflowEmulator } from '../sandbox/webflow';
import { startWebflowEmulator } from '../sandbox/webflow';

/** Sends a credential's own `test` request, signed by its own `authenticate`, like n8n's "Test" button. */
class CredentialTestProbe implements INodeType {
	static credential: ICredentialType;

	description: INodeTypeDescription = {
		displayName: 'Credential Test Probe',
		name: 'credentialTestProbe',
		group: ['transform'],
		version: 1,
		description: 'Runs a credential test request',
		defaults: { name: 'Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CredentialTestProbe.credential.name, required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { name, test } = CredentialTestProbe.credential;
		const credentials = await this.getCredentials(name);
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, name, {
			method: test!.request.method,
			baseURL: await resolveBaseUrl(test!.request.baseURL!, credentials),
			url: test!.request.url!,
			qs: test!.request.qs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number };
		return [[{ json: { status: response.statusCode } }]];
	}
}

/** A credential test's base URL expression, resolved by n8n's expression engine as n8n does. */
async function resolveBaseUrl(expression: string, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never });
	const node = { id: 'n', name: 'n', type: 'n', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	return await withExpressionIsolate(workflow, () =>
		String(workflow.expression.getSimpleParameterValue(node, expression, 'internal', { $credentials: credentials }, undefined, '')),
	);
}

async function testCredential(credential: ICredentialType, data: Record<string, string>) {
	CredentialTestProbe.credential = credential;
	const { items, error } = await runNode({
		nodeType: new CredentialTestProbe(),
		parameters: {},
		credentials: { [credential.name]: { type: credential, data } },
	});
	if (error) throw error;
	return items[0].json.status;
}

describe('credential test requests', () => {
	let sim: SimEmulator;
	let webflow: WebflowEmulator;
	let make: MakeEmulator;
	beforeAll(async () => {
		sim = await startSimEmulator();
		webflow = await startWebflowEmulator();
		make = await startMakeEmulator();
	});
	afterAll(async () => {
		await sim.close();
		await webflow.close();
		await make.close();
	});

	it('Sim: passes with a working key and fails with an unknown one', async () => {
		expect(await testCredential(new SimAuditLogApi(), { apiKey: sim.apiKey, baseUrl: sim.url })).toBe(200);
		expect(await testCredential(new SimAuditLogApi(), { apiKey: 'sk-sim-wrong', baseUrl: sim.url })).toBe(401);
		expect(sim.requests().map((r) => `${r.path} ${r.headers['x-api-key']}`)).toEqual([
			`/api/v1/audit-logs ${sim.apiKey}`,
			'/api/v1/audit-logs sk-sim-wrong',
		]);
	});

	it('Webflow: passes with a workspace token and with a site token, fails with an unknown one', async () => {
		const test = (accessToken: string) => testCredential(new WebflowAuditLogApi(), { accessToken, baseUrl: webflow.url });
		expect(await test(webflow.tokens.workspace)).toBe(200);
		expect(await test(webflow.tokens.site)).toBe(200);
		expect(await test('wrong')).toBe(401);
		expect(webflow.requests().map((r) => r.path)).toEqual(['/v2/token/introspect', '/v2/token/introspect', '/v2/token/introspect']);
	});

	it('Make: the zone picks the base URL; passes with a token of that zone, fails with another zone\'s', async () => {
		const { baseURL } = new MakeAuditLogApi().test.request;
		expect(await resolveBaseUrl(baseURL!, { zone: 'us2.make.com' })).toBe('https://us2.make.com/api/v2');
		expect(await resolveBaseUrl(baseURL!, { zone: 'eu1.make.celonis.com' })).toBe('https://eu1.make.celonis.com/api/v2');
		expect(await resolveBaseUrl(baseURL!, { zone: 'custom', baseUrl: 'https://make.example.com/api/v2' })).toBe('https://make.example.com/api/v2');

		const test = (apiToken: string) =>
			testCredential(new MakeAuditLogApi(), { zone: 'custom', baseUrl: makeSandboxBaseUrl(make), apiToken });
		expect(await test(make.apiKey)).toBe(200);
		expect(await test(make.zoneTokens['us1.make.com'])).toBe(401);
		expect(make.requests().map((r) => `${r.path} ${r.headers.authorization}`)).toEqual([
			`/eu1.make.com/api/v2/organizations Token ${make.apiKey}`,
			`/eu1.make.com/api/v2/organizations Token ${make.zoneTokens['us1.make.com']}`,
		]);
	});
});
