import type { ICredentialType, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { SimAuditLogApi } from '../../credentials/SimAuditLogApi.credentials';
import { WebflowAuditLogApi } from '../../credentials/WebflowAuditLogApi.credentials';
import { runNode } from '../harness/n8n';
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
		expect(test!.request.baseURL).toBe('={{$credentials.baseUrl}}');
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, name, {
			method: test!.request.method,
			baseURL: String(credentials.baseUrl),
			url: test!.request.url!,
			qs: test!.request.qs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number };
		return [[{ json: { status: response.statusCode } }]];
	}
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
	beforeAll(async () => {
		sim = await startSimEmulator();
		webflow = await startWebflowEmulator();
	});
	afterAll(async () => {
		await sim.close();
		await webflow.close();
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
});
