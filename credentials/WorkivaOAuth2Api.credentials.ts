import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * Workiva's Platform API with the OAuth2 client-credentials grant. n8n's OAuth2 machinery
 * fetches the token on first use, stores it, and fetches a new one when the API answers 401
 * (docs/api/workiva.md#auth).
 */
export class WorkivaOAuth2Api implements ICredentialType {
	name = 'workivaOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Workiva OAuth2 API';

	icon: Icon = { light: 'file:../icons/workiva.svg', dark: 'file:../icons/workiva.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-audit-logs/n8n-nodes-audit-logs#credential-workiva-oauth2-api-workivaoauth2api';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'api.app.wdesk.com',
			description: 'Where your Workiva organization is hosted; it sets both the token URL and the API base',
			options: [
				{ name: 'US (Api.app.wdesk.com)', value: 'api.app.wdesk.com' },
				{ name: 'EU (Api.eu.wdesk.com)', value: 'api.eu.wdesk.com' },
				{ name: 'APAC (Api.apac.wdesk.com)', value: 'api.apac.wdesk.com' },
				{ name: 'Custom', value: 'custom' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example.com',
			required: true,
			description: 'The API host, without a path',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Token Endpoint Path',
			name: 'endpointPath',
			type: 'string',
			default: '/iam/v1/oauth2/token',
			description:
				"The token endpoint's path on the region's host. Workiva documents /iam/v1/oauth2/token; its OpenAPI also lists /oauth2/token.",
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default:
				'={{($self["region"] === "custom" ? $self["baseUrl"].replace(/\\/+$/, "") : "https://" + $self["region"]) + $self["endpointPath"]}}',
		},
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'activity:read' },
		// Workiva prefers the client ID and secret as HTTP Basic on the token request.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			default: '2026-01-01',
			description: 'Sent as the X-Version header on every request',
			options: [
				{ name: '2026-01-01', value: '2026-01-01', description: 'The current version' },
				{
					name: '2022-01-01 (Deprecated)',
					value: '2022-01-01',
					description: 'Deprecated; Workiva switches it off on 2029-01-31',
				},
			],
		},
		{
			displayName:
				'Create an API (OAuth) client in Workiva\'s organization administration for the client-credentials grant, with the <code>activity:read</code> scope. Organization activities need an Org User, Workspace or Security Admin; workspace activities a Workspace Owner.',
			name: 'clientNotice',
			type: 'notice',
			default: '',
		},
	];
}
