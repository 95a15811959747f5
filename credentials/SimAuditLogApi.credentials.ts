import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SimAuditLogApi implements ICredentialType {
	// n8n has no built-in Sim credential; the "AuditLog" suffix keeps us clear of one.
	name = 'simAuditLogApi';

	displayName = 'Sim Audit Log API';

	icon: Icon = { light: 'file:../icons/sim.svg', dark: 'file:../icons/sim.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-audit-logs/n8n-nodes-audit-logs#credential-sim-audit-log-api-simauditlogapi';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'sk-sim-...',
			description:
				'A personal or workspace Sim API key (Settings → Sim API keys). Its user must be an admin or owner of an organization on the Enterprise plan.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www.sim.ai',
			required: true,
			description: 'Change this for a self-hosted Sim; keep it without a trailing /api',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-Key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/api/v1/audit-logs',
			qs: { limit: 1 },
		},
	};
}
