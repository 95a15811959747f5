import type { ICredentialType, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { ProviderApi } from '../../nodes/shared/transport';
import { ApiClient, isObject } from '../../nodes/shared/transport';
import type { CredentialStore } from '../harness/n8n';

/** A bearer-token API on a test emulator, to exercise the shared engines on their own. */
export const probeApi: ProviderApi = {
	name: 'Probe',
	credentialType: 'probeApi',
	baseUrlOf: (credentials) => String(credentials.baseUrl),
	describeError: (status, body) => ({ message: isObject(body) && typeof body.message === 'string' ? body.message : `HTTP ${status}` }),
};

class ProbeApi implements ICredentialType {
	name = 'probeApi';
	displayName = 'Probe API';
	// n8n keeps only the declared properties of a credential's stored data.
	properties: ICredentialType['properties'] = [
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	];
	authenticate = { type: 'generic' as const, properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } } };
}

export function probeCredentials(baseUrl: string): CredentialStore {
	return { probeApi: { type: new ProbeApi(), data: { token: 'probe-secret', baseUrl } } };
}

type Body = (client: ApiClient) => Promise<unknown>;

/** A node whose execute() runs the test's function with a real ApiClient, once. */
export class Probe implements INodeType {
	static body: Body = async () => null;

	description: INodeTypeDescription = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'Runs a test body',
		defaults: { name: 'Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'probeApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = new ApiClient(this, probeApi, { retry: { maxRetries: 1, initialDelayMs: 10 } });
		const result = await Probe.body(client);
		return [[{ json: { result: result as never, requests: client.requestCount } }]];
	}
}
