/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a benchmark reads its workflow files and loads n8n's own HTTP Request node from the host install */
/**
 * What each benchmark case runs, on the child's side: our node with its parameters, and n8n's
 * HTTP Request node configured from bench/workflows/<case>.json. Nothing here imports an
 * emulator, so a child's memory is the contender's alone (plus the baseline every child has).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialType, IDataObject, INode, INodeParameters, INodeType } from 'n8n-workflow';

import { MakeAuditLogApi } from '../../credentials/MakeAuditLogApi.credentials';
import { SimAuditLogApi } from '../../credentials/SimAuditLogApi.credentials';
import { WebflowAuditLogApi } from '../../credentials/WebflowAuditLogApi.credentials';
import { WorkivaOAuth2Api } from '../../credentials/WorkivaOAuth2Api.credentials';
import { MakeAuditLog } from '../../nodes/Make/MakeAuditLog.node';
import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { WorkivaActivity } from '../../nodes/Workiva/WorkivaActivity.node';
import { OAuth2Api } from '../harness/oauth2Api';
import type { CredentialStore } from '../harness/n8n';

export const CASE_NAMES = ['sim', 'webflow-workspace', 'webflow-site', 'make', 'workiva'] as const;
export type CaseName = (typeof CASE_NAMES)[number];

/**
 * Where a case's API lives and how to reach it; the parent fills it from the running emulator
 * and hands it to the child as JSON.
 */
export interface Target {
	/** The emulator's origin, e.g. http://127.0.0.1:40123. */
	origin: string;
	/** The API base our credential takes (Make: the zone's `/api/v2` base; others: the origin). */
	baseUrl: string;
	/** Key, token or client id/secret, by name. */
	secrets: Record<string, string>;
	/** Organization, workspace or site id, by name. */
	ids: Record<string, string>;
	/** HTTP Request's Interval Between Requests for this regime (0 when latency-bound). */
	requestIntervalMs: number;
}

// ---------------------------------------------------------------------------------------------
// Parent ↔ child
// ---------------------------------------------------------------------------------------------

export type Contender = 'ours' | 'httpRequest' | 'baseline';

/** What the parent asks a child to run (its only argument, as JSON). */
export interface ChildJob {
	contender: Contender;
	case: CaseName;
	target: Target;
	/** The host's node_modules, where n8n-nodes-base lives. */
	hostModules: string;
}

/** What a child reports, as JSON after `RESULT_PREFIX` on a line of its own. */
export interface ChildResult {
	wallMs: number;
	cpuMs: number;
	/** Peak resident set size of the child process, in bytes. */
	peakRssBytes: number;
	/** Output items of the node (HTTP Request: one per page). */
	items: number;
	/** Events in the output (ours: the items; HTTP Request: the events inside its pages). */
	events: number;
	error?: string;
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

/** A node run as `runNode` takes it. */
export interface NodeSetup {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: CredentialStore;
	settings?: Partial<Pick<INode, 'typeVersion' | 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>>;
	typeName?: string;
}

interface CaseDefinition {
	/** Our node, Return All, Output Format raw. */
	ours(target: Target): NodeSetup;
	/** The HTTP Request workflow in bench/workflows/ and the credential its node names. */
	workflowFile: string;
	httpCredentials(target: Target, host: HostTypes): CredentialStore;
	/** The field of a page body that holds the events (HTTP Request emits one item per page). */
	eventsField: string;
	/** Placeholders in the workflow file: the provider's public origin and ids → the emulator's. */
	substitutions(target: Target): Record<string, string>;
}

/** Output Format raw: the events as the API returns them, as HTTP Request gives them too. */
const RAW = { outputFormat: 'raw' };

export const CASES: Record<CaseName, CaseDefinition> = {
	sim: {
		ours: (target) => ({
			nodeType: new SimAuditLog(),
			parameters: { resource: 'auditLog', operation: 'getMany', returnAll: true, filters: { includeDeparted: true }, options: RAW },
			credentials: { simAuditLogApi: { type: new SimAuditLogApi(), data: { apiKey: target.secrets.apiKey, baseUrl: target.baseUrl } } },
		}),
		workflowFile: 'sim.json',
		httpCredentials: (target, host) => headerAuth(host, 'X-API-Key', target.secrets.apiKey),
		eventsField: 'data',
		substitutions: (target) => ({ 'https://www.sim.ai': target.origin }),
	},
	'webflow-workspace': {
		ours: (target) => ({
			nodeType: new WebflowAuditLog(),
			parameters: { resource: 'workspaceAuditLog', operation: 'getMany', workspace: target.ids.workspaceId, returnAll: true, options: RAW },
			credentials: webflowCredentials(target, target.secrets.workspaceToken),
		}),
		workflowFile: 'webflow-workspace.json',
		httpCredentials: (target, host) => headerAuth(host, 'Authorization', `Bearer ${target.secrets.workspaceToken}`),
		eventsField: 'items',
		substitutions: (target) => ({ 'https://api.webflow.com': target.origin, __WORKSPACE_ID__: target.ids.workspaceId }),
	},
	'webflow-site': {
		ours: (target) => ({
			nodeType: new WebflowAuditLog(),
			parameters: { resource: 'siteActivityLog', operation: 'getMany', siteId: target.ids.siteId, returnAll: true, options: RAW },
			credentials: webflowCredentials(target, target.secrets.siteToken),
		}),
		workflowFile: 'webflow-site.json',
		httpCredentials: (target, host) => headerAuth(host, 'Authorization', `Bearer ${target.secrets.siteToken}`),
		eventsField: 'items',
		substitutions: (target) => ({ 'https://api.webflow.com': target.origin, __SITE_ID__: target.ids.siteId }),
	},
	make: {
		ours: (target) => ({
			nodeType: new MakeAuditLog(),
			parameters: {
				resource: 'organizationAuditLog',
				operation: 'getMany',
				organization: { __rl: true, mode: 'id', value: target.ids.organizationId },
				returnAll: true,
				options: RAW,
			},
			credentials: {
				makeAuditLogApi: { type: new MakeAuditLogApi(), data: { zone: 'custom', baseUrl: target.baseUrl, apiToken: target.secrets.apiToken } },
			},
		}),
		workflowFile: 'make.json',
		httpCredentials: (target, host) => headerAuth(host, 'Authorization', `Token ${target.secrets.apiToken}`),
		eventsField: 'auditLogs',
		substitutions: (target) => ({ 'https://eu1.make.com/api/v2': target.baseUrl, __ORGANIZATION_ID__: target.ids.organizationId }),
	},
	workiva: {
		ours: (target) => ({
			nodeType: new WorkivaActivity(),
			parameters: {
				resource: 'activity',
				operation: 'getMany',
				scope: 'organization',
				organizationId: target.ids.organizationId,
				returnAll: true,
				options: RAW,
			},
			credentials: {
				workivaOAuth2Api: {
					type: new WorkivaOAuth2Api(),
					data: {
						region: 'custom',
						baseUrl: target.baseUrl,
						endpointPath: target.secrets.tokenPath,
						clientId: target.secrets.clientId,
						clientSecret: target.secrets.clientSecret,
						apiVersion: '2026-01-01',
					},
				},
			},
		}),
		workflowFile: 'workiva.json',
		// n8n's generic OAuth2 credential with the client-credentials grant, as a user would set it up.
		httpCredentials: (target) => ({
			oAuth2Api: {
				type: new OAuth2Api(),
				data: {
					grantType: 'clientCredentials',
					accessTokenUrl: `${target.origin}${target.secrets.tokenPath}`,
					clientId: target.secrets.clientId,
					clientSecret: target.secrets.clientSecret,
					scope: 'activity:read',
					authentication: 'header',
				},
			},
		}),
		eventsField: 'data',
		substitutions: (target) => ({ 'https://api.app.wdesk.com': target.origin, __ORGANIZATION_ID__: target.ids.organizationId }),
	},
};

function webflowCredentials(target: Target, token: string): CredentialStore {
	return { webflowAuditLogApi: { type: new WebflowAuditLogApi(), data: { accessToken: token, baseUrl: target.baseUrl } } };
}

// ---------------------------------------------------------------------------------------------
// n8n's HTTP Request node and credential types, from the host's n8n-nodes-base
// ---------------------------------------------------------------------------------------------

/** What the child loads from the host's n8n-nodes-base. */
export interface HostTypes {
	/** The versioned HTTP Request node (`nodeVersions[typeVersion]` is the one to run). */
	httpRequest: { nodeVersions: Record<string, INodeType> };
	httpHeaderAuth: ICredentialType;
}

/** Loads HTTP Request and Header Auth from `<host node_modules>/n8n-nodes-base`. */
export function loadHostTypes(hostModules: string): HostTypes {
	const base = join(hostModules, 'n8n-nodes-base', 'dist');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(join(base, 'nodes', 'HttpRequest', 'HttpRequest.node.js')) as { HttpRequest: new () => HostTypes['httpRequest'] };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpHeaderAuth } = require(join(base, 'credentials', 'HttpHeaderAuth.credentials.js')) as { HttpHeaderAuth: new () => ICredentialType };
	return { httpRequest: new HttpRequest(), httpHeaderAuth: new HttpHeaderAuth() };
}

function headerAuth(host: HostTypes, name: string, value: string): CredentialStore {
	return { httpHeaderAuth: { type: host.httpHeaderAuth, data: { name, value } } };
}

/** The committed workflows, next to the package root. */
export const WORKFLOWS_DIR = join(__dirname, '..', '..', 'bench', 'workflows');

interface WorkflowNode {
	type: string;
	typeVersion: number;
	parameters: INodeParameters;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}

/**
 * The HTTP Request node of a committed workflow, pointed at the emulator: the provider's
 * origin and ids replaced, and Interval Between Requests set for the regime.
 */
export function httpRequestSetup(name: CaseName, target: Target, host: HostTypes): NodeSetup {
	const definition = CASES[name];
	let text = readFileSync(join(WORKFLOWS_DIR, definition.workflowFile), 'utf8');
	for (const [from, to] of Object.entries(definition.substitutions(target))) text = text.split(from).join(to);
	const workflow = JSON.parse(text) as { nodes: WorkflowNode[] };
	const node = workflow.nodes.find((candidate) => candidate.type === 'n8n-nodes-base.httpRequest');
	if (!node) throw new Error(`${definition.workflowFile} has no HTTP Request node`);
	const parameters = JSON.parse(JSON.stringify(node.parameters)) as INodeParameters;
	const pagination = ((parameters.options as IDataObject).pagination as IDataObject).pagination as IDataObject;
	pagination.requestInterval = target.requestIntervalMs;
	const nodeType = host.httpRequest.nodeVersions[String(node.typeVersion)];
	if (!nodeType) throw new Error(`the host's HTTP Request node has no version ${node.typeVersion}`);
	return {
		nodeType,
		typeName: node.type,
		parameters,
		credentials: definition.httpCredentials(target, host),
		settings: { typeVersion: node.typeVersion, retryOnFail: node.retryOnFail, maxTries: node.maxTries, waitBetweenTries: node.waitBetweenTries },
	};
}

/** Events in HTTP Request's output: one item per page, the events in `eventsField`. */
export function eventsInPages(name: CaseName, pages: IDataObject[]): number {
	const field = CASES[name].eventsField;
	return pages.reduce((sum, page) => sum + (Array.isArray(page[field]) ? (page[field] as unknown[]).length : 0), 0);
}
