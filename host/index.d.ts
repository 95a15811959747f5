/** Types for the host helpers (plain CommonJS in host/), as the e2e tests use them. */

export interface Credential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string | null; name: string }>;
}

export interface Workflow {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface Example {
	file: string;
	workflow: Workflow;
}

export type JsonObject = { [key: string]: unknown };

export interface BinaryData {
	mimeType: string;
	fileName?: string;
	/** filesystem-v2:<path under <userFolder>/.n8n/storage> in n8n's default binary mode. */
	id?: string;
}

/** What `n8n execute --rawOutput` prints and the public API returns as execution data. */
export interface Run {
	status: string;
	mode: string;
	startedAt: string;
	data: { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: JsonObject; binary?: Record<string, BinaryData> }>> } }>>; error?: unknown } };
}

export interface Execution extends Run {
	id: number | string;
	workflowId: string;
	finished: boolean;
}

/** A running n8n process (`n8n start` or `n8n worker`). */
export interface N8nProcess {
	/** Everything it logged: <userFolder>/n8n.log. */
	logFile: string;
	exited: Promise<number | string>;
	/** SIGTERM (a graceful shutdown), SIGKILL after 15 s. */
	stop(): Promise<void>;
	/** SIGKILL at once, to the process and its task runners: a crash. */
	kill(): Promise<void>;
}

export interface N8nServer extends N8nProcess {
	/** For HTTP calls: http://127.0.0.1:<port>. */
	url: string;
	/** For people: http://localhost:<port>. */
	editorUrl: string;
	port: number;
}

/** Redis and PostgreSQL for queue mode (lib/services.js). */
export interface Services {
	/** Their data and logs (postgres.log, redis.log); removed by stop(). */
	dir: string;
	postgres: { host: string; port: number; user: string; database: string };
	redis: { host: string; port: number };
	/** DB_* and QUEUE_BULL_REDIS_* settings for every n8n process of the installation. */
	n8nEnv: Record<string, string>;
	/** Stops both servers and removes `dir`. */
	stop(): Promise<void>;
}

export interface Session {
	cookie: string;
	browserId: string;
}

export interface SinkEntry {
	at: string;
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or the text if the body was not JSON. */
	body: JsonObject | string | undefined;
	/** What the sink's `check` found wrong with this request (empty if nothing); only when a check was given. */
	problems?: string[];
}

export interface Sink {
	url: string;
	received(): SinkEntry[];
	clear(): void;
	/** Withholds the answer to every later request (each is recorded on arrival) until `release()`. */
	hold(): void;
	/** Answers the held requests and stops holding. */
	release(): void;
	stop(): Promise<void>;
}

// ensure.js
export const N8N_BIN: string;
export const N8N_VERSION: string;
export const HOST_DIR: string;
/** Installs, checks or repairs the host; resolves with the path of the n8n binary. */
export function ensureHost(options?: { log?: (message: string) => void }): Promise<string>;
/** What is wrong with a host's node_modules (empty when sqlite3 loads and n8n runs). */
export function checkHost(modulesDir: string): Array<{ what: 'sqlite3' | 'n8n' | 'host'; detail: string }>;
/** The environment for a nested npm install: the project's npm_config_* settings removed. */
export function installEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;

// lib/package.js
export const REPO_ROOT: string;
export function buildAndPack(options?: { build?: boolean }): string;
export function installPackage(tarball: string, userFolder: string): { name: string; version: string; dir: string };

// lib/n8n.js
export function runCli(userFolder: string, args: string[], options?: { timeoutMs?: number; env?: Record<string, string> }): Promise<{ stdout: string; stderr: string }>;
/** `env`: extra settings, e.g. the database of a queue-mode installation. */
export function importCredentials(userFolder: string, credentials: Credential[], options?: { env?: Record<string, string> }): Promise<void>;
export function importWorkflows(userFolder: string, workflows: Workflow[], options?: { env?: Record<string, string> }): Promise<void>;
export function publishWorkflow(userFolder: string, id: string, options?: { env?: Record<string, string> }): Promise<void>;
export function executeWorkflow(userFolder: string, id: string): Promise<Run>;
/** Items (json) of each node's first output, last run, keyed by node name. */
export function nodeOutputs(run: Pick<Run, 'data'>): Record<string, JsonObject[]>;
export function startN8n(
	userFolder: string,
	options?: { port?: number; brokerPort?: number; onLog?: (line: string) => void; env?: Record<string, string>; timeoutMs?: number },
): Promise<N8nServer>;
/** `n8n worker`, resolved once it is ready to take jobs; `env` names the installation's database and Redis. */
export function startWorker(
	userFolder: string,
	options?: { brokerPort?: number; onLog?: (line: string) => void; env?: Record<string, string>; timeoutMs?: number },
): Promise<N8nProcess>;

// lib/services.js
/** The Redis and PostgreSQL server programs; installs Debian's packages with apt-get (as root) when missing. */
export function ensureServices(options?: { log?: (message: string) => void }): { redisServer: string; initdb: string; postgres: string };
/** Starts Redis and PostgreSQL on free loopback ports with their data in a new temporary folder. */
export function startServices(options?: { log?: (message: string) => void }): Promise<Services>;

// lib/api.js
export const DEFAULT_OWNER: { email: string; password: string; firstName: string; lastName: string };
export function ownerSession(baseUrl: string, owner?: typeof DEFAULT_OWNER): Promise<Session>;
export function createApiKey(baseUrl: string, session: Session, label?: string): Promise<string>;
export function listExecutions(baseUrl: string, apiKey: string, workflowId: string): Promise<Execution[]>;
/** The editor's dropdown call: `options` (loadOptions) or `resource-locator-results`. */
export function dynamicNodeParameters(
	baseUrl: string,
	session: Session,
	kind: 'options' | 'resource-locator-results',
	body: Record<string, unknown>,
): Promise<unknown>;

// lib/proc.js
/** `preferred` if free on 127.0.0.1, else a free port. */
export function freePort(preferred?: number): Promise<number>;

// lib/sink.js
/**
 * `check` looks at each request as it arrives (before `onReceive`) and returns its problems;
 * they are kept on the entry as `problems`. A check that throws or does not return an array
 * records that as a problem.
 */
export function startSink(options?: {
	port?: number;
	onReceive?: (entry: SinkEntry) => void;
	check?: (entry: Omit<SinkEntry, 'problems'>) => string[];
}): Promise<Sink>;

// lib/workflows.js
export const EXAMPLES_DIR: string;
export const SIEM_PLACEHOLDER: string;
export function stableId(text: string): string;
/** One emulator as the sandbox CLI's SANDBOX_READY line describes it. */
export interface EmulatorInfo {
	url: string;
	apiKey: string;
	controlUrl: string;
	[extra: string]: string;
}
export function sandboxCredentials(emulators: Record<string, EmulatorInfo>, knownTypes?: Set<string>): Credential[];
export function readExamples(dir?: string): Example[];
export function localizeExamples(
	examples: Example[],
	options: {
		credentials: Credential[];
		emulators?: Record<string, EmulatorInfo>;
		sinkUrl?: string;
		knownTypes?: (type: string) => boolean;
	},
): { prepared: Array<{ file: string; workflow: Workflow & { id: string } }>; skipped: Array<{ file: string; missing: string[] }> };
export function isTriggerWorkflow(workflow: Workflow): boolean;
export function isMcpWorkflow(workflow: Workflow): boolean;
export function exampleTypes(ourNodes: Set<string>): (type: string) => boolean;
export const MCP_TRIGGER: string;
export function isManualWorkflow(workflow: Workflow): boolean;
export function packageTypes(packageDir: string): { nodes: Set<string>; credentials: Set<string> };
