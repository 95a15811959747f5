/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- build script: reads the repository, never shipped */
/**
 * The four providers and the single-provider package cut from each (npm run pack:providers).
 * Node and credential files come from the combined package's `n8n` block; only what cannot be
 * read from there is written here.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..');

/** The combined package's manifest (the fields this code reads). */
export interface Manifest {
	name: string;
	version: string;
	description: string;
	keywords: string[];
	license: string;
	homepage: string;
	author: unknown;
	repository: { type: string; url: string };
	devDependencies: Record<string, string>;
	peerDependencies: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; strict: boolean; credentials: string[]; nodes: string[] };
}

export function readManifest(root = REPO_ROOT): Manifest {
	return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
}

export interface ProviderFacts {
	/** Lower-case key, as the CLI's `--to` and the package name use it. */
	key: string;
	/** The folder under nodes/ that holds the provider's code. */
	folder: string;
	/** The name people know the service by. */
	title: string;
	/** The credential class (credentials/<credential>.credentials.ts). */
	credential: string;
	/** icons/<icon>.svg and icons/<icon>.dark.svg */
	icon: string;
	/** What the package reads, for its description. */
	reads: string;
}

export const PROVIDERS: ProviderFacts[] = [
	{ key: 'sim', folder: 'Sim', title: 'Sim', credential: 'SimAuditLogApi', icon: 'sim', reads: 'Sim (sim.ai) audit logs' },
	{
		key: 'webflow',
		folder: 'Webflow',
		title: 'Webflow',
		credential: 'WebflowAuditLogApi',
		icon: 'webflow',
		reads: 'Webflow workspace audit logs and site activity logs',
	},
	{ key: 'make', folder: 'Make', title: 'Make', credential: 'MakeAuditLogApi', icon: 'make', reads: 'Make (make.com) organization and team audit logs' },
	{ key: 'workiva', folder: 'Workiva', title: 'Workiva', credential: 'WorkivaOAuth2Api', icon: 'workiva', reads: 'Workiva activities' },
];

/** n8n-nodes-<key>-audit-log */
export const packageName = (provider: ProviderFacts): string => `n8n-nodes-${provider.key}-audit-log`;

export function findProvider(key: string): ProviderFacts {
	const provider = PROVIDERS.find((p) => p.key === key);
	if (!provider) throw new Error(`Unknown provider "${key}"; expected one of: ${PROVIDERS.map((p) => p.key).join(', ')}`);
	return provider;
}

/** The provider's entries of the combined `n8n` block (dist paths). */
export function providerEntries(provider: ProviderFacts, manifest = readManifest()): { nodes: string[]; credentials: string[] } {
	return {
		nodes: manifest.n8n.nodes.filter((file) => file.startsWith(`dist/nodes/${provider.folder}/`)),
		credentials: manifest.n8n.credentials.filter((file) => file === `dist/credentials/${provider.credential}.credentials.js`),
	};
}

/** n8n names a node or credential type after its file: SimAuditLog.node.js → simAuditLog. */
export function typeNameOf(file: string): string {
	const base = file.replace(/^.*\//, '').replace(/\.(node|credentials)\.(js|ts)$/, '');
	return `${base[0].toLowerCase()}${base.slice(1)}`;
}

/** The node names (without package prefix) each provider owns. */
export function providerNodeNames(provider: ProviderFacts, manifest = readManifest()): string[] {
	return providerEntries(provider, manifest).nodes.map(typeNameOf);
}
