/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: it reaches into n8n-core's own @n8n/di */
/**
 * Runs our nodes inside real n8n-core: WorkflowExecute for regular nodes, PollContext for
 * triggers. Only the credential store is ours; it signs requests with each credential
 * class's own `authenticate`, resolved by n8n's expression engine, as n8n's CLI does.
 *
 * It runs on both test legs: n8n-core 2.8 (`npm test`) and 2.41 (`npm run test:latest`). Where
 * the two differ, it checks for the newer API (`typeof … === 'function'`), never the version.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, PollContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IPollFunctions,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { credentialTypeLookup, getCredentialsProperties, getParentTypes, resolveCredentialData } from './credentialTypes';
import { withExpressionIsolate } from './isolate';

export type CredentialStore = Record<string, { type: ICredentialType; data: ICredentialDataDecryptedObject }>;

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: CredentialStore) {
		super();
	}

	/** Recursive, like n8n's CredentialTypes; knows n8n's own `oAuth2Api` (credentialTypes.ts). */
	getParentTypes(name: string): string[] {
		return getParentTypes(credentialTypeLookup(this.store), name);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.store[typeName].type;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=')
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
				: value;
		const signed = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				signed[outerKey] = { ...(signed[outerKey] ?? {}), [String(resolve(key))]: resolve(value) };
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	/**
	 * n8n-core ≥ 2.41 asks this before every `getCredentials`. As n8n's CLI: false only for a type
	 * with `restrictToSupportedNodes` that does not list the node (none of ours restricts).
	 */
	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = credentialTypeLookup(this.store)(credentialType) as
			| (ICredentialType & { restrictToSupportedNodes?: boolean })
			| undefined;
		if (!type?.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).includes(nodeType);
	}

	/**
	 * n8n-core ≥ 2.41 calls this on every OAuth2 request, to let a credential's `preAuthentication`
	 * transform its token data in memory. As n8n's CLI: only a type with such a hook answers.
	 */
	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = credentialTypeLookup(this.store)(typeName) ?? {};
		if (typeof preAuthentication !== 'function') return undefined;
		return ((await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}

	/**
	 * As n8n: the stored data (a fresh copy, as if decrypted) over the merged properties'
	 * defaults, `oauthTokenData` kept, expressions such as `={{$self.region}}` resolved.
	 */
	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
		// n8n-core ≥ 2.41 passes an 8th argument, `{ credentialUsage: 'trigger' }` from triggers, for
		// n8n's per-user credentials; the store has one answer for every caller, so it is not read.
	): Promise<ICredentialDataDecryptedObject> {
		const entry = this.store[type];
		if (!entry) throw new Error(`No test credential of type ${type}`);
		const stored = copyCredentialData(entry.data);
		if (raw === true) return stored;
		const properties = this.getCredentialsProperties(type);
		return await resolveCredentialData({ properties, stored, additionalData, mode, executeData, expressionResolveValues });
	}

	/** Replaces the stored data, as n8n's `credentials.setData(data)` + save. */
	async updateCredentials(_nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		const entry = this.store[type];
		if (!entry) throw new Error(`No test credential of type ${type}`);
		entry.data = copyCredentialData(data);
	}

	/** Stores only `oauthTokenData` back, as n8n's `credentials.updateData({ oauthTokenData })`. */
	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	) {
		const entry = this.store[type];
		if (!entry) throw new Error(`No test credential of type ${type}`);
		entry.data = copyCredentialData({ ...entry.data, oauthTokenData: data.oauthTokenData });
	}

	getCredentialsProperties(type: string) {
		return getCredentialsProperties(credentialTypeLookup(this.store), type);
	}
}

/** A JSON round trip, like n8n's encrypt-on-save / decrypt-on-read. */
function copyCredentialData(data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	return JSON.parse(JSON.stringify(data)) as ICredentialDataDecryptedObject;
}

/** A start node that hands its `items` parameter to the node under test. */
class TestInput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Emits the items it is given',
		defaults: { name: 'Start' },
		usableAsTool: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

function nodeTypesFor(types: Record<string, INodeType>): INodeTypes {
	const all: Record<string, INodeType> = { testInput: new TestInput(), ...types };
	return {
		getByName: (name) => all[name],
		getByNameAndVersion: (name) => all[name],
		getKnownTypes: () => ({}),
	};
}

function additionalDataFor(store: CredentialStore, mode: WorkflowExecuteMode): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [],
		connections: {},
	});
	return {
		credentialsHelper: new TestCredentialsHelper(store),
		hooks,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		// n8n-core ≥ 2.41 (unused by 2.8, which ignores them).
		formBaseUrl: 'http://localhost/form',
		formTestBaseUrl: 'http://localhost/form-test',
		mcpBaseUrl: 'http://localhost/mcp',
		mcpTestBaseUrl: 'http://localhost/mcp-test',
		getRuntimeCredential: async () => undefined,
		// Not modelled: `ssrfBridge`. n8n ≥ 2.41 sets it only with SSRF protection on, which would
		// refuse the loopback emulators; without it, n8n-core's OAuth2 client fetches tokens directly.
		variables: {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function credentialRefs(store: CredentialStore): INode['credentials'] {
	return Object.fromEntries(Object.keys(store).map((type) => [type, { id: `cred-${type}`, name: `Test ${type}` }]));
}

export interface NodeRun {
	/** Output items of the node under test (empty when it failed). */
	items: INodeExecutionData[];
	/** The error the node failed with, as n8n recorded it. */
	error?: Error & { description?: string; httpCode?: string | null; context?: IDataObject };
	run: IRun;
}

export async function runNode(options: {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: CredentialStore;
	input?: IDataObject[];
	continueOnFail?: boolean;
	/**
	 * Node settings beside the parameters, e.g. a versioned node's `typeVersion` (default 1) or
	 * n8n's Retry On Fail (`retryOnFail`, `maxTries`, `waitBetweenTries`).
	 */
	settings?: Partial<Pick<INode, 'typeVersion' | 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>>;
	/** The node's type as a workflow names it, e.g. `n8n-nodes-base.httpRequest` (default: the description's name). */
	typeName?: string;
}): Promise<NodeRun> {
	const typeName = options.typeName ?? options.nodeType.description.name;
	const nodes: INode[] = [
		{ id: 'start', name: 'Start', type: 'testInput', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(options.input ?? [{}]) } },
		{
			id: 'under-test',
			name: 'Node',
			type: typeName,
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: credentialRefs(options.credentials),
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			...options.settings,
		},
	];
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes,
		connections: { Start: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }]] } },
		active: false,
		nodeTypes: nodeTypesFor({ [typeName]: options.nodeType }),
	});
	const additionalData = additionalDataFor(options.credentials, 'manual');
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: workflow.getNode('Start')! });
	quietN8nTimers();
	const task = run.data.resultData.runData.Node?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		error: (task?.error ?? run.data.resultData.error) as NodeRun['error'],
		run,
	};
}

/**
 * The tool variant n8n builds of a `usableAsTool` node (`<name>Tool`), as n8n 2.8's CLI does
 * it at run time (NodeTypes.getByNameAndVersion → convertNodeToAiTool): the same node with
 * its description's name ending in "Tool", no main input and an `ai_tool` output. n8n adds a
 * Description parameter only to nodes that declare no `toolDescription`; ours all do.
 */
export function toolVariant(nodeType: INodeType): INodeType {
	const { description } = nodeType;
	if (!description.usableAsTool) throw new Error(`${description.name} is not usable as a tool`);
	if (!description.properties.some((property) => property.name === 'toolDescription')) {
		throw new Error(`${description.name} declares no toolDescription; n8n would add its own`);
	}
	const toolDescription: INodeTypeDescription = {
		...description,
		name: `${description.name}Tool`,
		displayName: `${description.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		usableAsTool: undefined,
	};
	return Object.create(nodeType, { description: { value: toolDescription } }) as INodeType;
}

/** A tool as n8n hands it to an agent, the Tool Executor or the MCP Server Trigger. */
export interface ConnectedTool {
	name: string;
	description: string;
	schema: ZodLike;
	invoke(args: IDataObject): Promise<string>;
}

/** What the tests read of a zod schema (n8n-core's own zod instance, so no instanceof). */
export interface ZodLike {
	description?: string;
	shape?: Record<string, ZodLike>;
	_def: { typeName: string; innerType?: ZodLike; defaultValue?: () => unknown };
	safeParse(value: unknown): { success: boolean };
}

/** A stand-in for n8n's Tool Executor node: it asks n8n-core for its connected tools and calls them. */
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- it calls tools; it is none itself
class TestToolCaller implements INodeType {
	static calls: Array<(tools: ConnectedTool[]) => Promise<void>> = [];

	description: INodeTypeDescription = {
		displayName: 'Test Tool Caller',
		name: 'testToolCaller',
		group: ['transform'],
		version: 1,
		description: 'Hands its connected tools to the test',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as ConnectedTool[];
		await TestToolCaller.calls.shift()!(tools);
		return [[{ json: {} }]];
	}
}

/**
 * Connects the node's tool variant, named `nodeName`, to a tool-calling root node in a real
 * n8n-core workflow run, and hands the tool n8n-core made of it (createNodeAsTool: name,
 * description, the `$fromAI` schema) to `use`, which may invoke it.
 */
export async function withTool(
	options: { nodeType: INodeType; parameters: INodeParameters; credentials: CredentialStore; nodeName?: string },
	use: (tool: ConnectedTool) => Promise<void>,
): Promise<void> {
	const tool = toolVariant(options.nodeType);
	const typeName = tool.description.name;
	const nodeName = options.nodeName ?? 'Audit log';
	const nodes: INode[] = [
		{ id: 'start', name: 'Start', type: 'testInput', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'agent', name: 'Agent', type: 'testToolCaller', typeVersion: 1, position: [200, 0], parameters: {} },
		{
			id: 'tool',
			name: nodeName,
			type: typeName,
			typeVersion: 1,
			position: [200, 200],
			parameters: options.parameters,
			credentials: credentialRefs(options.credentials),
		},
	];
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes,
		connections: {
			Start: { main: [[{ node: 'Agent', type: NodeConnectionTypes.Main, index: 0 }]] },
			[nodeName]: { [NodeConnectionTypes.AiTool]: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] },
		},
		active: false,
		nodeTypes: nodeTypesFor({ testToolCaller: new TestToolCaller(), [typeName]: tool }),
	});
	let failure: unknown;
	TestToolCaller.calls.push(async (tools) => {
		try {
			if (tools.length !== 1) throw new Error(`expected one connected tool, got ${tools.length}`);
			await use(tools[0]);
		} catch (error) {
			failure = error;
		}
	});
	const run = await new WorkflowExecute(additionalDataFor(options.credentials, 'manual'), 'manual').run({
		workflow,
		startNode: workflow.getNode('Start')!,
	});
	quietN8nTimers();
	if (failure) throw failure;
	const error = run.data.resultData.error;
	if (error) throw error;
}

/**
 * A trigger as n8n runs it: each poll builds a fresh Workflow from saved JSON static
 * data, like n8n reloading the workflow between polls.
 */
export class TriggerRig {
	staticData: IDataObject = {};
	/**
	 * The poll's time budget in ms (`getPollBudgetMs`, n8n ≥ 2.38). Undefined leaves the context
	 * as n8n-core builds it: without a budget on 2.8, with its default of 5 minutes on 2.41.
	 */
	pollBudgetMs?: number;

	constructor(
		private readonly trigger: INodeType,
		public parameters: INodeParameters,
		private readonly credentials: CredentialStore,
		private readonly nodeName = 'Audit Trigger',
	) {}

	get state(): IDataObject | undefined {
		return this.staticData[`node:${this.nodeName}`] as IDataObject | undefined;
	}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[] | null> {
		const typeName = this.trigger.description.name;
		const node: INode = {
			id: 'trigger',
			name: this.nodeName,
			type: typeName,
			typeVersion: 1,
			position: [0, 0],
			parameters: this.parameters,
			credentials: credentialRefs(this.credentials),
		};
		const workflow = new Workflow({
			id: 'test-workflow',
			name: 'test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: nodeTypesFor({ [typeName]: this.trigger }),
			staticData: JSON.parse(JSON.stringify(this.staticData)) as IDataObject,
		});
		const resolvedNode = workflow.getNode(this.nodeName)!;
		const additionalData = additionalDataFor(this.credentials, mode);
		let context = new PollContext(workflow, resolvedNode, additionalData, mode, 'activate');
		if (this.pollBudgetMs !== undefined) {
			const budget = () => this.pollBudgetMs!;
			if (typeof (context as { getPollBudgetMs?: unknown }).getPollBudgetMs === 'function') {
				// n8n-core ≥ 2.41 takes the budget as its constructor's last argument, after __emit,
				// __emitError, __commitCursor, __runPoll and resolveNodeStaticData (left to their defaults).
				const WithBudget = PollContext as unknown as new (...args: unknown[]) => PollContext;
				context = new WithBudget(workflow, resolvedNode, additionalData, mode, 'activate', ...Array(5).fill(undefined), budget);
			} else {
				// n8n-core 2.8 has no budget: give the context the method as n8n ≥ 2.38 does.
				Object.assign(context, { getPollBudgetMs: budget });
			}
		}
		const result = await runPoll(workflow, resolvedNode, context);
		quietN8nTimers();
		// n8n persists static data only for trigger-mode runs; manual runs are never saved.
		if (mode === 'trigger') this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		return result ? result[0].map((item) => item.json) : null;
	}

	/** Polls until a poll emits nothing; returns what each poll emitted. */
	async drain(maxPolls = 100): Promise<IDataObject[][]> {
		const polls: IDataObject[][] = [];
		for (let i = 0; i < maxPolls; i++) {
			const events = await this.poll();
			if (!events) return polls;
			polls.push(events);
		}
		throw new Error(`the trigger still emitted after ${maxPolls} polls`);
	}
}

/**
 * The time budget n8n-core's own PollContext gives a poll (`getPollBudgetMs`, n8n ≥ 2.38), or
 * undefined where it has none (2.8): what a trigger meets in n8n, without a rig's override.
 */
export function n8nPollBudgetMs(): number | undefined {
	const node: INode = { id: 'budget', name: 'Budget', type: 'none', typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ id: 'budget', nodes: [node], connections: {}, active: true, nodeTypes: nodeTypesFor({}) });
	const context = new PollContext(workflow, node, additionalDataFor({}, 'trigger'), 'trigger', 'activate') as { getPollBudgetMs?: () => number };
	return typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : undefined;
}

/** n8n-core's own copy of @n8n/di's container, which holds its services. */
function n8nCoreContainer(): (typeof import('@n8n/di'))['Container'] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] })) as typeof import('@n8n/di')).Container;
}

interface Pollers {
	/** n8n-core ≥ 2.41. */
	runPollFunction?(workflow: Workflow, node: INode, pollFunctions: IPollFunctions): Promise<INodeExecutionData[][] | null>;
	/** n8n-core 2.8. */
	runPoll?(workflow: Workflow, node: INode, pollFunctions: IPollFunctions): Promise<INodeExecutionData[][] | null>;
}

/**
 * One poll as n8n's poll executor runs it: through n8n-core's TriggersAndPollers, inside an
 * expression isolate where the workflow has one (n8n-core ≥ 2.41 evaluates expressions in
 * isolated-vm, and holds one isolate for a whole poll).
 */
async function runPoll(workflow: Workflow, node: INode, context: IPollFunctions) {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const core = require('n8n-core') as { TriggersAndPollers?: new () => Pollers };
	const TriggersAndPollers =
		core.TriggersAndPollers ??
		// n8n-core 2.8 does not export it from its index.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		(require('n8n-core/dist/execution-engine/triggers-and-pollers') as { TriggersAndPollers: new () => Pollers }).TriggersAndPollers;
	const pollers = n8nCoreContainer().get(TriggersAndPollers);
	const poll = async () =>
		typeof pollers.runPollFunction === 'function'
			? await pollers.runPollFunction(workflow, node, context)
			: await pollers.runPoll!(workflow, node, context);
	return await withExpressionIsolate(workflow, poll);
}

/**
 * n8n-core starts interval timers (SSH client cleanup, cron logging) on first use of a
 * node context; unref them so jest can exit on its own.
 */
function quietN8nTimers() {
	const Container = n8nCoreContainer();
	for (const path of ['n8n-core/dist/execution-engine/ssh-clients-manager', 'n8n-core/dist/execution-engine/scheduled-task-manager']) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(path) as Record<string, new (...args: unknown[]) => unknown>;
		for (const cls of Object.values(exported)) {
			if (typeof cls !== 'function' || !Container.has(cls)) continue;
			const instance = Container.get(cls) as { cleanupTimer?: NodeJS.Timeout; logInterval?: NodeJS.Timeout };
			instance.cleanupTimer?.unref?.();
			instance.logInterval?.unref?.();
		}
	}
}

/**
 * Runs a node's `methods.loadOptions[name]` or `methods.listSearch[name]` inside n8n-core's
 * LoadOptionsContext, as the editor's dropdowns do: `parameters` are the node's current
 * parameters, `path` the parameter being filled.
 */
export async function runLoadOptions(options: {
	nodeType: INodeType;
	method: { loadOptions: string } | { listSearch: string; filter?: string; paginationToken?: string };
	parameters: INodeParameters;
	credentials: CredentialStore;
	path?: string;
}) {
	const typeName = options.nodeType.description.name;
	const node: INode = {
		id: 'load-options',
		name: 'Node',
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: credentialRefs(options.credentials),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesFor({ [typeName]: options.nodeType }),
	});
	// The editor sends the node's current parameters along; dropdowns read them from here.
	const additionalData = { ...additionalDataFor(options.credentials, 'manual'), currentNodeParameters: options.parameters };
	const context = new LoadOptionsContext(workflow, node, additionalData, options.path ?? '');
	const methods = options.nodeType.methods;
	const { method } = options;
	try {
		return await withExpressionIsolate(workflow, async () => {
			if ('loadOptions' in method) {
				const loadOptions = methods?.loadOptions?.[method.loadOptions];
				if (!loadOptions) throw new Error(`no loadOptions method ${method.loadOptions}`);
				return { options: await loadOptions.call(context) };
			}
			const listSearch = methods?.listSearch?.[method.listSearch];
			if (!listSearch) throw new Error(`no listSearch method ${method.listSearch}`);
			return { search: await listSearch.call(context, method.filter, method.paginationToken) };
		});
	} finally {
		quietN8nTimers();
	}
}

