import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class WebflowAuditLogApi implements ICredentialType {
	// n8n-nodes-base already has `webflowApi` (and `webflowOAuth2Api`).
	name = 'webflowAuditLogApi';

	displayName = 'Webflow Audit Log API';

	icon: Icon = { light: 'file:../icons/webflow.svg', dark: 'file:../icons/webflow.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-audit-logs/n8n-nodes-audit-logs#credential-webflow-audit-log-api-webflowauditlogapi';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sent as "Authorization: Bearer &lt;token&gt;"',
		},
		{
			displayName:
				'Which token works where (both need an Enterprise plan): <b>workspace audit logs</b> need a workspace API token with the <code>workspace_activity:read</code> scope (Workspace settings → Integrations → Workspace API access). <b>Site activity logs</b> need a site token with <code>site_activity:read</code>; a workspace token cannot read them.',
			name: 'scopeNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.webflow.com',
			required: true,
			description: 'Keep the default unless you route Webflow through a proxy; without the /v2 path',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	// Works for workspace and site tokens alike: it reports the token's own authorization.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v2/token/introspect',
		},
	};
}
