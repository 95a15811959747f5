import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** Make's API tokens are UUIDv4s; anything else is an OAuth access token (as Make's own SDK decides). */
const API_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export class MakeAuditLogApi implements ICredentialType {
	name = 'makeAuditLogApi';

	displayName = 'Make Audit Log API';

	icon: Icon = { light: 'file:../icons/make.svg', dark: 'file:../icons/make.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-audit-logs/n8n-nodes-audit-logs#credential-make-audit-log-api-makeauditlogapi';

	properties: INodeProperties[] = [
		{
			displayName: 'Zone',
			name: 'zone',
			type: 'options',
			default: 'eu1.make.com',
			description: 'The zone your organization lives in: the host in your browser when you use Make',
			options: [
				{ name: 'EU1 (Eu1.make.com)', value: 'eu1.make.com' },
				{ name: 'EU2 (Eu2.make.com)', value: 'eu2.make.com' },
				{ name: 'US1 (Us1.make.com)', value: 'us1.make.com' },
				{ name: 'US2 (Us2.make.com)', value: 'us2.make.com' },
				{ name: 'Celonis EU1 (Eu1.make.celonis.com)', value: 'eu1.make.celonis.com' },
				{ name: 'Celonis US1 (Us1.make.celonis.com)', value: 'us1.make.celonis.com' },
				{ name: 'Custom (Private Instance)', value: 'custom' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://make.example.com/api/v2',
			required: true,
			description: 'The API base of a private or white-label Make instance, including /api/v2',
			displayOptions: { show: { zone: ['custom'] } },
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An API token (Profile → API → Add token) is sent as "Authorization: Token …"; an OAuth access token as "Bearer …"',
		},
		{
			displayName:
				'Tokens belong to one zone: a token made on eu1 is refused on us1. Audit logs need the <code>organization:read</code> scope, an <b>Enterprise</b> plan, and the organization <b>Owner or Admin</b> role (<b>Team Admin</b> is enough for a team\'s log).',
			name: 'accessNotice',
			type: 'notice',
			default: '',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const token = String(credentials.apiToken ?? '').trim();
		const scheme = API_TOKEN.test(token) ? 'Token' : 'Bearer';
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `${scheme} ${token}` } };
	}

	// Lists the token's organizations in the chosen zone: needs only organization:read, the scope audit logs need anyway.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.zone === "custom" ? $credentials.baseUrl : "https://" + $credentials.zone + "/api/v2"}}',
			url: '/organizations',
			qs: { 'pg[limit]': 1 },
		},
	};
}
