// Turns sandbox emulators into n8n credentials and examples/*.json into importable workflows
// wired to those credentials and to the local SIEM sink.
'use strict';

const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { REPO_ROOT } = require('./package');

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** Examples send to these made-up origins (a SIEM, a chat); the host points them at the local sink instead. */
const SIEM_PLACEHOLDER = 'https://siem.example.com';
const SINK_PLACEHOLDERS = [SIEM_PLACEHOLDER, 'https://chat.example.com'];

/**
 * Per provider: the credential type (credentials/*.credentials.ts), its data built from the
 * emulator's SANDBOX_READY entry, and placeholder → sandbox value pairs for the examples.
 */
const PROVIDERS = {
	sim: {
		credentialType: 'simAuditLogApi',
		data: (emulator) => ({ apiKey: emulator.apiKey, baseUrl: emulator.url }),
		placeholders: () => ({}),
	},
	webflow: {
		credentialType: 'webflowAuditLogApi',
		// The workspace token; its base URL is the origin, without /v2.
		data: (emulator) => ({ accessToken: emulator.apiKey, baseUrl: emulator.url }),
		placeholders: (emulator) => ({ 'your-workspace-slug': emulator.workspaceId }),
	},
	make: {
		credentialType: 'makeAuditLogApi',
		// The emulator serves each zone under its own path; the credential's Custom zone takes it.
		data: (emulator) => ({ zone: 'custom', baseUrl: emulator.baseUrl, apiToken: emulator.apiKey }),
		placeholders: (emulator) => ({ 'your-make-organization-id': emulator.organizationId }),
	},
	workiva: {
		credentialType: 'workivaOAuth2Api',
		// OAuth2 client credentials: n8n itself fetches (and renews) the token from the emulator.
		data: (emulator) => ({
			region: 'custom',
			baseUrl: emulator.url,
			endpointPath: emulator.tokenPath,
			clientId: emulator.clientId,
			clientSecret: emulator.clientSecret,
			apiVersion: '2026-01-01',
		}),
		placeholders: (emulator) => ({ 'your-workiva-organization-id': emulator.organizationId }),
	},
};

/** A stable 16-character id (n8n's own ids are 16-character nanoids). */
function stableId(text) {
	return createHash('sha256').update(text).digest('base64url').replace(/[-_]/g, '').slice(0, 16);
}

/**
 * Credentials `[{ id, name, type, data }]` for every emulator whose provider we know and,
 * if `knownTypes` is given, whose credential type the package already has.
 */
function sandboxCredentials(emulators, knownTypes) {
	return Object.entries(emulators)
		.filter(([provider]) => PROVIDERS[provider] && (!knownTypes || knownTypes.has(PROVIDERS[provider].credentialType)))
		.map(([provider, emulator]) => ({
			id: stableId(`credential:${provider}`),
			name: `${provider[0].toUpperCase()}${provider.slice(1)} sandbox`,
			type: PROVIDERS[provider].credentialType,
			data: PROVIDERS[provider].data(emulator),
		}));
}

function readExamples(dir = EXAMPLES_DIR) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

/**
 * Prepares examples for import: a stable id per file, every credential slot pointed at the
 * sandbox credential of that type, and placeholders (the SIEM and chat URLs, a Webflow workspace…)
 * replaced by sandbox values. Examples that use node types n8n does not know (a provider
 * not built yet) are skipped.
 */
function localizeExamples(examples, { credentials, emulators = {}, sinkUrl, knownTypes }) {
	const byType = Object.fromEntries(credentials.map((c) => [c.type, { id: c.id, name: c.name }]));
	const replacements = sinkUrl ? SINK_PLACEHOLDERS.map((origin) => [origin, sinkUrl]) : [];
	for (const [provider, emulator] of Object.entries(emulators)) {
		replacements.push(...Object.entries(PROVIDERS[provider]?.placeholders(emulator) ?? {}));
	}
	const prepared = [];
	const skipped = [];
	for (const { file, workflow } of examples) {
		const missing = workflow.nodes.map((n) => n.type).filter((type) => knownTypes && !knownTypes(type));
		if (missing.length > 0) {
			skipped.push({ file, missing });
			continue;
		}
		const nodes = workflow.nodes.map((node) => {
			const credentialsOfNode = Object.fromEntries(
				Object.entries(node.credentials ?? {}).map(([type, ref]) => [type, byType[type] ?? ref]),
			);
			let text = JSON.stringify({ ...node, credentials: credentialsOfNode });
			for (const [placeholder, value] of replacements) text = text.split(placeholder).join(value);
			return JSON.parse(text);
		});
		prepared.push({ file, workflow: { ...workflow, id: workflow.id ?? stableId(`workflow:${file}`), nodes } });
	}
	return { prepared, skipped };
}

/** Trigger workflows start with a polling trigger of ours; the rest run via `n8n execute`. */
function isTriggerWorkflow(workflow) {
	return workflow.nodes.some((node) => /^n8n-nodes-audit-logs\.\w+Trigger$/.test(node.type));
}

/** n8n's MCP Server Trigger: it serves the tools connected to it while the workflow is active. */
const MCP_TRIGGER = '@n8n/n8n-nodes-langchain.mcpTrigger';

/** Workflows that serve our nodes' tools over MCP; published like trigger workflows. */
function isMcpWorkflow(workflow) {
	return workflow.nodes.some((node) => node.type === MCP_TRIGGER);
}

/**
 * Node types an example may use: n8n's built-in nodes, the MCP Server Trigger, and ours with
 * their tool variants (n8n adds `<type>Tool` for every node that is usable as a tool).
 */
function exampleTypes(ourNodes) {
	return (type) =>
		type.startsWith('n8n-nodes-base.') || type === MCP_TRIGGER || ourNodes.has(type) || ourNodes.has(type.replace(/Tool$/, ''));
}

function isManualWorkflow(workflow) {
	return workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger');
}

/**
 * Node and credential types the built package provides, from the dist files its manifest
 * lists (n8n names a type after its class: SimAuditLog.node.js → <package>.simAuditLog).
 */
function packageTypes(packageDir) {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const typeName = (file) => {
		const base = path.basename(file).replace(/\.(node|credentials)\.js$/, '');
		return `${base[0].toLowerCase()}${base.slice(1)}`;
	};
	return {
		nodes: new Set((manifest.n8n?.nodes ?? []).map((file) => `${manifest.name}.${typeName(file)}`)),
		credentials: new Set((manifest.n8n?.credentials ?? []).map(typeName)),
	};
}

module.exports = {
	EXAMPLES_DIR,
	SIEM_PLACEHOLDER,
	PROVIDERS,
	stableId,
	sandboxCredentials,
	readExamples,
	localizeExamples,
	isTriggerWorkflow,
	isMcpWorkflow,
	exampleTypes,
	MCP_TRIGGER,
	isManualWorkflow,
	packageTypes,
};
