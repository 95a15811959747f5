/**
 * Each regular node as n8n runs it as a tool (its `<name>Tool` variant, connected to a
 * tool-calling node in real n8n-core): the tool n8n-core builds, the parameters a model fills
 * (`$fromAI`) with their descriptions, the cap on Return All, the default output, and what a
 * model gets for bad arguments. The plain nodes' own tests show their behaviour is unchanged.
 */
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

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
import type { ConnectedTool, CredentialStore, ZodLike } from '../harness/n8n';
import { runNode, withTool } from '../harness/n8n';
import { makeCredentials, useMake } from '../make/setup';
import { simCredentials, useSim } from '../sim/setup';
import { FAST_RETRIES } from '../sandbox/testing';
import { useWebflow, webflowCredentials } from '../webflow/setup';
import { useWorkiva, workivaCredentials } from '../workiva/setup';

/** What a tool returns unless its Output Format option says otherwise. */
const FOR_A_MODEL: OutputSettings = { format: 'normalized', includeRaw: false };

const sim = useSim();
const webflow = useWebflow();
const make = useMake();
const workiva = useWorkiva();

/** A model's arguments, as the Tool Executor or the MCP Server Trigger pass them on. */
const ARGS = { since: '2026-10-10T00:00:00Z', until: '2026-10-20T12:00:00Z' };
const [SINCE, UNTIL] = [Date.parse(ARGS.since), Date.parse(ARGS.until)];

interface Provider {
	nodeType: INodeType;
	parameters: () => INodeParameters;
	credentials: () => CredentialStore;
	/** A value of the provider's own action filter that the seeded data has. */
	action: () => string;
	/** Newest first: the events a model's ARGS plus `action` select, normalized for a model. */
	expected: (action?: string) => IDataObject[];
	/** The start of the tool description (the rest is the same for every provider). */
	describes: string;
	/** ARGS as the plain node's own Filters. */
	plainFilters: INodeParameters;
	/** Requests the emulator has seen. */
	requests: () => number;
}

const PROVIDERS: Record<string, Provider> = {
	sim: {
		nodeType: new SimAuditLog(),
		parameters: () => ({ resource: 'auditLog', operation: 'getMany', options: FAST_RETRIES }),
		credentials: () => simCredentials(sim),
		action: () => 'workflow.deployed',
		expected: (action) =>
			sim
				.visibleEvents()
				.filter((e) => Date.parse(e.createdAt) >= SINCE && Date.parse(e.createdAt) <= UNTIL && (!action || e.action === action))
				.map((e) => formatEvent(e, simAuditLog, FOR_A_MODEL)),
		describes: "Lists the Sim organization's audit log, newest first",
		plainFilters: { startDate: ARGS.since, endDate: ARGS.until },
		requests: () => sim.requests().length,
	},
	webflow: {
		nodeType: new WebflowAuditLog(),
		parameters: () => ({ resource: 'workspaceAuditLog', operation: 'getMany', workspace: webflow.workspace.slug, options: FAST_RETRIES }),
		credentials: () => webflowCredentials(webflow),
		action: () => 'workspace_membership',
		expected: (action) =>
			webflow
				.workspaceEvents({ sortOrder: 'desc', from: ARGS.since, to: ARGS.until, ...(action ? { eventType: action as 'workspace_membership' } : {}) })
				.map((e) => formatEvent(e, workspaceAuditLog, FOR_A_MODEL)),
		describes: "Lists a Webflow workspace's audit log",
		plainFilters: { from: ARGS.since, to: ARGS.until },
		requests: () => webflow.requests().length,
	},
	make: {
		nodeType: new MakeAuditLog(),
		parameters: () => ({
			resource: 'organizationAuditLog',
			operation: 'getMany',
			organization: { __rl: true, mode: 'id', value: String(make.organization.id) },
			options: FAST_RETRIES,
		}),
		credentials: () => makeCredentials(make),
		action: () => 'key_created',
		expected: (action) =>
			make
				.visibleEvents({ sortBy: 'triggeredAt', sortDir: 'desc', ...(action ? { event: [action] } : {}) })
				.filter((e) => e.triggeredAt * 1000 >= SINCE && e.triggeredAt * 1000 <= UNTIL)
				.map((e) => formatEvent(e, makeAuditLog, FOR_A_MODEL)),
		describes: "Lists a Make organization's audit log, newest first",
		plainFilters: { dateFrom: ARGS.since, dateTo: ARGS.until },
		requests: () => make.requests().length,
	},
	workiva: {
		nodeType: new WorkivaActivity(),
		parameters: () => ({
			resource: 'activity',
			operation: 'getMany',
			scope: 'organization',
			organizationId: workiva.organization.id,
			options: FAST_RETRIES,
		}),
		credentials: () => workivaCredentials(workiva),
		action: () => 'user_login',
		expected: (action) =>
			workiva
				.visibleActivities({
					filter: `${action ? `action.alias eq '${action}' and ` : ''}activityDateTime ge 2026-10-10T00:00:00Z and activityDateTime le 2026-10-20T12:00:00Z`,
					orderBy: 'activityDateTime desc',
				})
				.map((e) => formatEvent(e, workivaActivityLog, FOR_A_MODEL)),
		describes: 'Lists Workiva activities (the audit trail) of an organization or a workspace, newest first',
		plainFilters: { dateFrom: ARGS.since, dateTo: ARGS.until },
		requests: () => workiva.requests().length,
	},
};

/** A zod field as a model sees it in the tool's input schema. */
function field(schema: ZodLike): { type: string; description?: string; default?: unknown } {
	const inner = schema._def.typeName === 'ZodDefault' ? schema._def.innerType! : schema;
	return {
		type: inner._def.typeName,
		description: schema.description,
		...(schema._def.defaultValue ? { default: schema._def.defaultValue() } : {}),
	};
}

async function useTool(provider: Provider, parameters: INodeParameters, use: (tool: ConnectedTool) => Promise<void>) {
	await withTool({ nodeType: provider.nodeType, parameters, credentials: provider.credentials(), nodeName: 'audit log' }, use);
}

const call = async (tool: ConnectedTool, args: IDataObject) => JSON.parse(await tool.invoke(args)) as IDataObject[];

describe.each(Object.keys(PROVIDERS))('%s as a tool', (name) => {
	const provider = PROVIDERS[name];

	it('offers the model since, until, action and limit, each described for a model, and says what it returns', async () => {
		await useTool(provider, provider.parameters(), async (tool) => {
			expect(tool.name).toBe('audit_log');
			expect(tool.description.startsWith(provider.describes)).toBe(true);
			expect(tool.description).toContain(
				'Each event is a JSON object with id, provider, time (ISO 8601 UTC), action, category, outcome, actor, targets, scope, change and a one-sentence summary.',
			);
			expect(tool.description).toContain(`At most ${TOOL_RESULT_CAP} events per call`);
			const fields = Object.fromEntries(Object.entries(tool.schema.shape!).map(([key, schema]) => [key, field(schema)]));
			expect(Object.keys(fields).sort()).toEqual(['action', 'limit', 'since', 'until']);
			expect(fields.since).toEqual({
				type: 'ZodString',
				default: '',
				description:
					'Only events at or after this time, ISO 8601 (e.g. 2026-01-31T00:00:00Z; without a zone it is UTC). Empty for no lower bound.',
			});
			expect(fields.until).toEqual({
				type: 'ZodString',
				default: '',
				description:
					'Only events at or before this time, ISO 8601 (e.g. 2026-01-31T23:59:59Z; without a zone it is UTC). Empty for no upper bound.',
			});
			expect(fields.limit).toEqual({ type: 'ZodNumber', default: TOOL_RESULT_CAP, description: `How many events to return at most, 1 to ${TOOL_RESULT_CAP}.` });
			expect(fields.action).toMatchObject({ type: 'ZodString', default: '' });
			expect(fields.action.description).toMatch(/^Only (events|activities) of th.* Empty for every action\.$/);
			expect(fields.action.description).toContain(provider.action());
			// Every argument may be left out.
			expect(tool.schema.safeParse({}).success).toBe(true);
		});
	});

	it("returns exactly the events the model's since, until, action and limit select, normalized without raw", async () => {
		const action = provider.action();
		const expected = provider.expected(action);
		expect(expected.length).toBeGreaterThan(3);
		await useTool(provider, provider.parameters(), async (tool) => {
			expect(await call(tool, { ...ARGS, action, limit: 3 })).toEqual(expected.slice(0, 3));
			expect(await call(tool, { ...ARGS, action })).toEqual(expected.slice(0, TOOL_RESULT_CAP));
		});
	});

	it(`caps Return All at ${TOOL_RESULT_CAP} events, where the plain node returns them all`, async () => {
		const expected = provider.expected();
		expect(expected.length).toBeGreaterThan(TOOL_RESULT_CAP);
		const parameters = { ...provider.parameters(), returnAll: true };
		await useTool(provider, parameters, async (tool) => {
			expect(await call(tool, ARGS)).toEqual(expected.slice(0, TOOL_RESULT_CAP));
		});
		const plain = await runNode({
			nodeType: provider.nodeType,
			parameters: { ...parameters, filters: provider.plainFilters },
			credentials: provider.credentials(),
		});
		expect(plain.error).toBeUndefined();
		expect(plain.items).toHaveLength(expected.length);
	});

	it.each([
		[{ since: 'yesterday' }, 'Parameter "since" must be an ISO 8601 date-time'],
		[{ since: '2026-10-20T00:00:00Z', until: '2026-10-10T00:00:00Z' }, 'Parameter "until" is earlier than "since"'],
		[{ limit: 500 }, `Parameter "limit" must be a whole number from 1 to ${TOOL_RESULT_CAP}`],
	])('bad arguments %j: a clear error, and nothing is sent', async (args, message) => {
		await useTool(provider, provider.parameters(), async (tool) => {
			await expect(tool.invoke(args)).rejects.toThrow(message);
		});
		expect(provider.requests()).toBe(0);
	});
});
