/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * Our nodes as AI tools inside a real n8n 2.8.4 (host/), against the sandbox emulators, with
 * no language model: the model's part is played by fixed arguments.
 *
 * - Tool path: each provider's tool variant (from examples/ai-tools-mcp-server.json) feeds
 *   n8n's hidden Tool Executor node (what the editor uses to test a tool), run with `n8n execute`.
 * - MCP: that example, published, serves the four tools through n8n's MCP Server Trigger; a
 *   real MCP client lists them, calls each, and calls one with bad arguments.
 *
 * Run with `npm run test:e2e -- test/e2e/tools.test.ts`. E2E_KEEP=1 keeps the n8n user folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The SDK's subpaths resolve through its "./*" export, which the lint's resolver does not follow; tsc and jest do.
// eslint-disable-next-line import-x/no-unresolved
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
// eslint-disable-next-line import-x/no-unresolved
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';

import * as host from '../../host';
import type { Credential, EmulatorInfo, N8nServer, Workflow, WorkflowNode } from '../../host';
import { formatEvent } from '../../nodes/shared/normalize';
import type { OutputSettings } from '../../nodes/shared/normalize';
import { TOOL_RESULT_CAP } from '../../nodes/shared/tool';
import { MakeAuditLog } from '../../nodes/Make/MakeAuditLog.node';
import { makeAuditLog } from '../../nodes/Make/normalize';
import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import { simAuditLog } from '../../nodes/Sim/normalize';
import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { workspaceAuditLog } from '../../nodes/Webflow/normalize';
import { WorkivaActivity } from '../../nodes/Workiva/WorkivaActivity.node';
import { workivaActivityLog } from '../../nodes/Workiva/normalize';
import { describeSandbox, type Sandbox, startSandbox } from '../sandbox';

/** What a tool returns unless its Output Format option says otherwise. */
const FOR_A_MODEL: OutputSettings = { format: 'normalized', includeRaw: false };

const MINUTE = 60_000;
const MCP_EXAMPLE = 'ai-tools-mcp-server.json';
const TOOL_EXECUTOR = '@n8n/n8n-nodes-langchain.toolExecutor';

let userFolder: string;
let sandbox: Sandbox;
let credentials: Credential[];
let mcpWorkflow: Workflow & { id: string };
let server: N8nServer | undefined;

/** What the tests need of one provider: its tool in the example, and the emulator's view of its log. */
interface Provider {
	tool: string;
	nodeType: INodeType;
	resource: string;
	/** The whole log as the tool lists it (newest first), each event with its time and action. */
	log: () => Array<{ time: number; action: string; normalized: IDataObject }>;
}

const PROVIDERS: Record<string, Provider> = {
	sim: {
		tool: 'sim_audit_log',
		nodeType: new SimAuditLog(),
		resource: 'auditLog',
		log: () =>
			sandbox.emulators.sim!.visibleEvents().map((e) => ({
				time: Date.parse(e.createdAt),
				action: e.action,
				normalized: formatEvent(e, simAuditLog, FOR_A_MODEL),
			})),
	},
	webflow: {
		tool: 'webflow_workspace_audit_log',
		nodeType: new WebflowAuditLog(),
		resource: 'workspaceAuditLog',
		log: () =>
			sandbox.emulators.webflow!.workspaceEvents({ sortOrder: 'desc' }).map((e) => ({
				time: Date.parse(e.timestamp),
				action: e.eventType,
				normalized: formatEvent(e, workspaceAuditLog, FOR_A_MODEL),
			})),
	},
	make: {
		tool: 'make_organization_audit_log',
		nodeType: new MakeAuditLog(),
		resource: 'organizationAuditLog',
		log: () =>
			sandbox.emulators.make!.visibleEvents({ sortBy: 'triggeredAt', sortDir: 'desc' }).map((e) => ({
				time: e.triggeredAt * 1000,
				action: e.eventName,
				normalized: formatEvent(e, makeAuditLog, FOR_A_MODEL),
			})),
	},
	workiva: {
		tool: 'workiva_activities',
		nodeType: new WorkivaActivity(),
		resource: 'activity',
		log: () =>
			sandbox.emulators.workiva!.visibleActivities({ orderBy: 'activityDateTime desc' }).map((e) => ({
				time: Date.parse(e.activityDateTime),
				action: e.action.alias ?? '',
				normalized: formatEvent(e, workivaActivityLog, FOR_A_MODEL),
			})),
	},
};

/**
 * A model's question, and its answer from the emulator: since a whole minute some 40 events
 * back, until a minute after the newest, the most frequent action in that window, 5 at most.
 */
function question(provider: Provider): { args: IDataObject; expected: IDataObject[] } {
	const log = provider.log();
	const since = Math.floor(log[Math.min(40, log.length - 1)].time / MINUTE) * MINUTE;
	const until = (Math.floor(log[0].time / MINUTE) + 2) * MINUTE;
	const inWindow = log.filter((e) => e.time >= since && e.time <= until);
	const counts = new Map<string, number>();
	for (const e of inWindow) counts.set(e.action, (counts.get(e.action) ?? 0) + 1);
	const [action] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
	const matching = inWindow.filter((e) => e.action === action).map((e) => e.normalized);
	expect(matching.length).toBeGreaterThanOrEqual(2);
	const args = { since: new Date(since).toISOString(), until: new Date(until).toISOString(), action, limit: 5 };
	return { args, expected: matching.slice(0, 5) };
}

/** The tool description a model reads: the node's Description parameter as the tool variant shows it. */
function toolDescription(provider: Provider): string {
	const property = provider.nodeType.description.properties.find(
		(p: INodeProperties) => p.name === 'toolDescription' && (p.displayOptions?.show?.resource ?? []).includes(provider.resource),
	);
	return property!.default as string;
}

const toolNode = (provider: Provider): WorkflowNode => mcpWorkflow.nodes.find((node) => node.name === provider.tool)!;

/** Manual Trigger → Tool Executor, fed by the example's tool node: what the editor runs to test a tool. */
function toolExecutorWorkflow(name: string, provider: Provider, args: IDataObject): Workflow & { id: string } {
	const tool = { ...toolNode(provider), id: `${name}-tool`, position: [200, 200] as [number, number] };
	return {
		id: host.stableId(`tool-executor:${name}`),
		name: `Tool Executor: ${name}`,
		nodes: [
			{ id: `${name}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${name}-executor`,
				name: 'Tool Executor',
				type: TOOL_EXECUTOR,
				typeVersion: 1,
				position: [200, 0],
				parameters: { query: JSON.stringify({ [provider.tool]: args }), toolName: provider.tool },
			},
			tool,
		],
		connections: {
			Start: { main: [[{ node: 'Tool Executor', type: 'main', index: 0 }]] },
			[provider.tool]: { ai_tool: [[{ node: 'Tool Executor', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Every secret of the sandbox credentials: none may reach an MCP client. */
function secrets(): string[] {
	return credentials.flatMap((credential) =>
		Object.entries(credential.data)
			.filter(([key]) => /key|token|secret/i.test(key))
			.map(([, value]) => String(value)),
	);
}

const questions: Record<string, ReturnType<typeof question>> = {};
const executorWorkflows: Record<string, Workflow & { id: string }> = {};

beforeAll(async () => {
	await host.ensureHost({ log: (line) => process.stderr.write(`${line}\n`) });
	userFolder = mkdtempSync(join(tmpdir(), 'n8n-audit-logs-tools-'));
	const pkg = host.installPackage(host.buildAndPack(), userFolder);
	sandbox = await startSandbox();
	const emulators = describeSandbox(sandbox.emulators) as Record<string, EmulatorInfo>;
	const ours = host.packageTypes(pkg.dir);
	credentials = host.sandboxCredentials(emulators, ours.credentials);
	const { prepared, skipped } = host.localizeExamples(
		host.readExamples().filter((example) => example.file === MCP_EXAMPLE),
		{ credentials, emulators, knownTypes: host.exampleTypes(ours.nodes) },
	);
	expect(skipped).toEqual([]);
	mcpWorkflow = prepared[0].workflow;

	for (const [name, provider] of Object.entries(PROVIDERS)) {
		questions[name] = question(provider);
		executorWorkflows[name] = toolExecutorWorkflow(name, provider, questions[name].args);
	}
	await host.importCredentials(userFolder, credentials);
	await host.importWorkflows(userFolder, [mcpWorkflow, ...Object.values(executorWorkflows)]);
}, 20 * MINUTE);

afterAll(async () => {
	await server?.stop();
	await sandbox?.stop();
	if (userFolder && !process.env.E2E_KEEP) rmSync(userFolder, { recursive: true, force: true });
	else if (userFolder) process.stdout.write(`n8n user folder kept: ${userFolder}\n`);
});

describe("each provider's tool through n8n's Tool Executor (`n8n execute`)", () => {
	test.each(Object.keys(PROVIDERS))('%s', async (name) => {
		const run = await host.executeWorkflow(userFolder, executorWorkflows[name].id);
		expect(run.status).toBe('success');
		const [result] = host.nodeOutputs(run)['Tool Executor'] as unknown[];
		// The Tool Executor outputs what the tool gave the model: the events as a JSON text.
		const events = JSON.parse(typeof result === 'string' ? result : JSON.stringify(result)) as IDataObject[];
		expect(events).toEqual(questions[name].expected);
	});
});

describe('the MCP example served by the running n8n, to a real MCP client', () => {
	let client: Client;
	const seen: unknown[] = [];

	beforeAll(async () => {
		await host.publishWorkflow(userFolder, mcpWorkflow.id);
		server = await host.startN8n(userFolder);
		const path = mcpWorkflow.nodes.find((node) => node.type === host.MCP_TRIGGER)!.parameters.path as string;
		client = new Client({ name: 'audit-logs-e2e', version: '1.0.0' });
		await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp/${path}`)));
	}, 5 * MINUTE);

	afterAll(async () => {
		await client?.close();
	});

	async function callTool(name: string, args: IDataObject) {
		const result = await client.callTool({ name, arguments: args });
		seen.push(result);
		return result as { isError?: boolean; content: Array<{ type: string; text: string }> };
	}

	test('lists the four tools with their descriptions and input schemas', async () => {
		const { tools } = await client.listTools();
		seen.push(tools);
		expect(tools.map((tool) => tool.name).sort()).toEqual(Object.values(PROVIDERS).map((p) => p.tool).sort());
		for (const provider of Object.values(PROVIDERS)) {
			const tool = tools.find((t) => t.name === provider.tool)!;
			expect(tool.description).toBe(toolDescription(provider));
			expect(tool.description).toContain(`At most ${TOOL_RESULT_CAP} events per call`);
			const { properties } = tool.inputSchema as { properties: Record<string, { type: string; description: string; default: unknown }> };
			expect(Object.keys(properties).sort()).toEqual(['action', 'limit', 'since', 'until']);
			expect(properties.since).toEqual({
				type: 'string',
				default: '',
				description:
					'Only events at or after this time, ISO 8601 (e.g. 2026-01-31T00:00:00Z; without a zone it is UTC). Empty for no lower bound.',
			});
			expect(properties.until).toMatchObject({ type: 'string', default: '' });
			expect(properties.action).toMatchObject({ type: 'string', default: '' });
			expect(properties.action.description).toMatch(/Empty for every action\.$/);
			expect(properties.limit).toEqual({
				type: 'number',
				default: TOOL_RESULT_CAP,
				description: `How many events to return at most, 1 to ${TOOL_RESULT_CAP}.`,
			});
		}
	});

	test.each(Object.keys(PROVIDERS))('calls the %s tool and gets exactly the events the emulator has', async (name) => {
		const result = await callTool(PROVIDERS[name].tool, questions[name].args);
		expect(result.isError).toBeFalsy();
		expect(result.content).toHaveLength(1);
		expect(JSON.parse(result.content[0].text)).toEqual(questions[name].expected);
	});

	test('without arguments, a tool returns the newest events up to the cap', async () => {
		const result = await callTool(PROVIDERS.sim.tool, {});
		expect(JSON.parse(result.content[0].text)).toEqual(
			PROVIDERS.sim
				.log()
				.slice(0, TOOL_RESULT_CAP)
				.map((e) => e.normalized),
		);
	});

	test.each([
		['a date the node cannot read', { since: 'yesterday' }, 'Parameter "since" must be an ISO 8601 date-time'],
		['a limit above the cap', { limit: 500 }, `Parameter "limit" must be a whole number from 1 to ${TOOL_RESULT_CAP}`],
		['an argument of the wrong type', { limit: 'ten' }, 'Expected number, received string'],
	])('bad arguments (%s): a clear error, and the server goes on serving', async (_case, args, message) => {
		const bad = await callTool(PROVIDERS.make.tool, args);
		expect(bad.isError).toBe(true);
		expect(bad.content[0].text).toContain(message);
		const good = await callTool(PROVIDERS.make.tool, questions.make.args);
		expect(JSON.parse(good.content[0].text)).toEqual(questions.make.expected);
	});

	test('the MCP client never saw a credential', () => {
		const everything = JSON.stringify(seen);
		expect(secrets().length).toBeGreaterThanOrEqual(4);
		expect(secrets().filter((secret) => everything.includes(secret))).toEqual([]);
	});
});
