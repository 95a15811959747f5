/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- a benchmark spawns a child process per measurement, writes bench/results.json and prints tables */
/**
 * `npm run bench`: how fast and how lean Return All is, our node against n8n's HTTP Request node
 * and against the least time the API allows, through real n8n-core against the sandbox
 * emulators; and how many requests the triggers spend. It measures and prints; it asserts
 * nothing (no test depends on timing).
 *
 * Settings (environment):
 *   BENCH_N=10000,100000           events per Return All
 *   BENCH_PROVIDERS=sim,webflow,make,workiva   cases whose name starts with one of these
 *                                  (sim, webflow-workspace, webflow-site, make, workiva)
 *   BENCH_REGIMES=latency,rate     latency-bound (no limit) and rate-bound (top-plan limit)
 *   BENCH_LATENCY_MS=20            the emulators' delay before every API response
 *   BENCH_RATE_SCALE=10            every limit's window divided by this (120/min → 120 per 6 s)
 *   BENCH_CONTENDERS=ours,httpRequest
 *   BENCH_TRIGGERS=1               0 skips the trigger section
 *   BENCH_TRIGGER_N=100000         events in the trigger backfill
 *   BENCH_TRIGGER_M=1000           Max Events per Poll during the backfill
 *   BENCH_TRIGGER_K=1,50,250,1000  new events per poll
 *   BENCH_CPU_PROF=<folder>        each child writes a V8 CPU profile there
 */
import '../harness/env';

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, homedir } from 'node:os';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { TriggerRig } from '../harness/n8n';
import { CASE_NAMES, CASES, type CaseName, type ChildJob, type ChildResult, type Contender, RESULT_PREFIX, WORKFLOWS_DIR } from './cases';
import {
	BACKFILL_FROM,
	closeEmulators,
	describeLimit,
	type Emulators,
	PARENT_CASES,
	rateBoundMs,
	type RateLimit,
	scaled,
	startEmulators,
} from './emulators';

const ROOT = join(__dirname, '..', '..');
/** A child that runs longer than this is stopped and reported as failed. */
const CHILD_TIMEOUT_MS = 20 * 60_000;

type Regime = 'latency' | 'rate';

const seconds = (ms: number) => (ms / 1000).toFixed(2);

const list = (value: string | undefined, fallback: string) =>
	(value ?? fallback)
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);

const config = {
	sizes: list(process.env.BENCH_N, '10000,100000').map(Number),
	providers: list(process.env.BENCH_PROVIDERS, 'sim,webflow,make,workiva'),
	regimes: list(process.env.BENCH_REGIMES, 'latency,rate') as Regime[],
	latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 20),
	rateScale: Number(process.env.BENCH_RATE_SCALE ?? 10),
	contenders: list(process.env.BENCH_CONTENDERS, 'ours,httpRequest') as Array<Exclude<Contender, 'baseline'>>,
	triggers: process.env.BENCH_TRIGGERS !== '0',
	triggerEvents: Number(process.env.BENCH_TRIGGER_N ?? 100_000),
	triggerMaxPerPoll: Number(process.env.BENCH_TRIGGER_M ?? 1000),
	triggerNew: list(process.env.BENCH_TRIGGER_K, '1,50,250,1000').map(Number),
};

const benchStarted = Date.now();
/** Progress lines carry the time since the start. */
const progress = (line: string) => console.log(`[bench ${seconds(Date.now() - benchStarted)} s] ${line}`);

const cases = CASE_NAMES.filter((name) => config.providers.some((prefix) => name.startsWith(prefix)));

// ---------------------------------------------------------------------------------------------
// The host's n8n-nodes-base, for HTTP Request
// ---------------------------------------------------------------------------------------------

const HOST_DIR = join(ROOT, 'host');
const HOST_MANIFESTS = ['package.json', 'package-lock.json', '.npmrc'];

/**
 * The host's node_modules. host/ensure.js re-checks a cached host on every use (sqlite3 and
 * `n8n --version`, slow on a busy machine); the bench only reads n8n-nodes-base's files, so a
 * host that ensure.js has stamped for the current lockfile is used as it is. Otherwise
 * ensure.js installs (or repairs) it, printing its progress. Both honour AUDIT_LOGS_HOST_CACHE.
 */
async function hostModules(): Promise<string> {
	const hash = createHash('sha256');
	for (const file of HOST_MANIFESTS) {
		const full = join(HOST_DIR, file);
		if (existsSync(full)) hash.update(`${file}\0`).update(readFileSync(full));
	}
	const digest = hash.digest('hex');
	const cacheRoot = process.env.AUDIT_LOGS_HOST_CACHE || join(homedir(), '.cache', 'n8n-nodes-audit-logs');
	const modules = join(cacheRoot, `host-${digest.slice(0, 16)}`, 'node_modules');
	const stamp = join(modules, '.host-install-stamp');
	const stamped = existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === digest;
	if (stamped && existsSync(join(modules, 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js'))) return modules;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { ensureHost } = require('../../host/ensure') as { ensureHost(options: { log(line: string): void }): Promise<string> };
	progress('installing the n8n host (its n8n-nodes-base provides the HTTP Request node)…');
	await ensureHost({ log: (line) => console.log(line) });
	return modules;
}

// ---------------------------------------------------------------------------------------------
// The engine's declared concurrency, for the lower bound
// ---------------------------------------------------------------------------------------------

/**
 * Requests the engine may have in flight at once, if it declares it: a number whose name
 * mentions concurrency, exported by the provider's api.ts or nodes/shared, or a property of an
 * exported object (the provider's API definition, e.g. `simApi.maxConcurrency`). Otherwise 1
 * (strictly sequential paging).
 */
function declaredConcurrency(name: CaseName): { value: number; source: string } {
	const provider = { sim: 'Sim', 'webflow-workspace': 'Webflow', 'webflow-site': 'Webflow', make: 'Make', workiva: 'Workiva' }[name];
	const modules = [`nodes/${provider}/api`, 'nodes/shared/paginate', 'nodes/shared/transport'];
	const isConcurrency = (key: string, value: unknown): value is number => /concurren/i.test(key) && typeof value === 'number' && value >= 1;
	for (const path of modules) {
		let exported: Record<string, unknown>;
		try {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			exported = require(join(ROOT, path)) as Record<string, unknown>;
		} catch {
			continue;
		}
		for (const [key, value] of Object.entries(exported)) {
			if (isConcurrency(key, value)) return { value, source: `${path}.ts ${key}` };
			if (typeof value !== 'object' || value === null) continue;
			for (const [property, inner] of Object.entries(value)) {
				if (isConcurrency(property, inner)) return { value: inner, source: `${path}.ts ${key}.${property}` };
			}
		}
	}
	return { value: 1, source: 'none declared: sequential paging' };
}

// ---------------------------------------------------------------------------------------------
// Children
// ---------------------------------------------------------------------------------------------

function runChild(job: ChildJob): Promise<ChildResult> {
	return new Promise((resolve) => {
		const tsNode = require.resolve('ts-node/dist/bin.js');
		// BENCH_CPU_PROF=<folder>: each child writes a V8 CPU profile there (open it in Chrome DevTools).
		const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
		const child = spawn(process.execPath, [...profile, tsNode, '--transpile-only', '--prefer-ts-exts', join(__dirname, 'child.ts'), JSON.stringify(job)], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
		child.on('close', (code) => {
			clearTimeout(timer);
			const line = stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_PREFIX));
			if (line) return resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult);
			const reason = code === null ? `stopped after ${CHILD_TIMEOUT_MS / 60_000} min` : `exit ${code}`;
			resolve({ wallMs: 0, cpuMs: 0, peakRssBytes: 0, items: 0, events: 0, error: `${reason}: ${stderr.trim().split('\n').slice(-3).join(' / ')}` });
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Return All
// ---------------------------------------------------------------------------------------------

interface ContenderRow {
	contender: Exclude<Contender, 'baseline'>;
	wallMs: number;
	requests: number;
	status429: number;
	peakRssBytes: number;
	cpuMsPer1000: number;
	items: number;
	events: number;
	error?: string;
}

interface ReturnAllRow {
	case: CaseName;
	regime: Regime;
	limit: string;
	events: number;
	rawJsonBytes: number;
	/** RSS target: 3 × the raw JSON bytes + the baseline. */
	rssTargetBytes: number;
	pages: number;
	boundMs: number;
	boundBy: 'latency' | 'rate';
	/** Requests in flight at once that the latency bound assumes. */
	concurrency: number;
	contenders: ContenderRow[];
	oursOverBound?: number;
	httpRequestOverOurs?: number;
}

/** Interval Between Requests of a workflow file, as committed (for the documented limit). */
function committedInterval(name: CaseName): number {
	const workflow = JSON.parse(readFileSync(join(WORKFLOWS_DIR, CASES[name].workflowFile), 'utf8')) as {
		nodes: Array<{ type: string; parameters: { options?: { pagination?: { pagination?: { requestInterval?: number } } } } }>;
	};
	const node = workflow.nodes.find((candidate) => candidate.type === 'n8n-nodes-base.httpRequest');
	return node?.parameters.options?.pagination?.pagination?.requestInterval ?? 0;
}

async function returnAll(emulators: Emulators, host: string, name: CaseName, regime: Regime, size: number): Promise<ReturnAllRow> {
	const parent = PARENT_CASES[name];
	const limit: RateLimit | undefined = regime === 'rate' ? scaled(parent.rateLimit, config.rateScale) : undefined;
	const emulator = emulators[parent.emulator];
	const prepare = () => {
		parent.reset(emulators, size, limit);
		emulator.setFaults({ latencyMs: config.latencyMs });
		emulator.clearRequests();
	};
	prepare();
	const expected = parent.expectedEvents(emulators);
	const rawJsonBytes = expected.reduce<number>((sum, event) => sum + Buffer.byteLength(JSON.stringify(event)), 0);
	const pages = parent.endsWithShortPage ? Math.floor(expected.length / parent.pageSize) + 1 : Math.max(1, Math.ceil(expected.length / parent.pageSize));
	const requests = pages + parent.setupRequests;
	const concurrency = declaredConcurrency(name).value;
	const latencyBoundMs = (requests * config.latencyMs) / concurrency;
	const limitBoundMs = limit ? rateBoundMs(limit, requests) : 0;
	const interval = regime === 'rate' ? Math.ceil(committedInterval(name) / config.rateScale) : 0;

	const contenders: ContenderRow[] = [];
	for (const contender of config.contenders) {
		prepare();
		const result = await runChild({ contender, case: name, target: parent.target(emulators, interval), hostModules: host });
		const log = emulator.requests();
		contenders.push({
			contender,
			wallMs: result.wallMs,
			requests: log.length,
			status429: log.filter((request) => request.status === 429).length,
			peakRssBytes: result.peakRssBytes,
			cpuMsPer1000: result.events > 0 ? (result.cpuMs / result.events) * 1000 : 0,
			items: result.items,
			events: result.events,
			...(result.error && { error: result.error }),
			...(!result.error && result.events !== expected.length && { error: `returned ${result.events} of ${expected.length} events` }),
		});
	}
	const boundMs = Math.max(latencyBoundMs, limitBoundMs);
	const ours = contenders.find((row) => row.contender === 'ours' && !row.error);
	const http = contenders.find((row) => row.contender === 'httpRequest' && !row.error);
	return {
		case: name,
		regime,
		limit: limit ? describeLimit(limit) : 'none',
		events: expected.length,
		rawJsonBytes,
		rssTargetBytes: 0,
		pages,
		boundMs,
		boundBy: limitBoundMs > latencyBoundMs ? 'rate' : 'latency',
		concurrency,
		contenders,
		...(ours && boundMs > 0 && { oursOverBound: ours.wallMs / boundMs }),
		...(ours && http && { httpRequestOverOurs: http.wallMs / ours.wallMs }),
	};
}

// ---------------------------------------------------------------------------------------------
// Triggers
// ---------------------------------------------------------------------------------------------

interface TriggerRow {
	case: CaseName;
	pageSize: number;
	/** Requests of each poll with nothing new (target 1). */
	idlePolls: number[];
	/** Per k: requests of the poll that delivered k new events (target ceil(k / P) + 1). */
	newEvents: Array<{ k: number; requests: number; delivered: number; target: number }>;
	backfill?: { events: number; maxPerPoll: number; polls: number; requests: number; delivered: number; target: number };
	error?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function triggerCost(emulators: Emulators, name: CaseName): Promise<TriggerRow> {
	const parent = PARENT_CASES[name];
	const emulator = emulators[parent.emulator];
	const row: TriggerRow = { case: name, pageSize: parent.pageSize, idlePolls: [], newEvents: [] };
	const rig = (parameters: INodeParameters) =>
		new TriggerRig(parent.trigger.nodeType(), { ...parent.trigger.parameters(emulators), ...parameters }, parent.trigger.credentials(emulators));
	// Request counts do not depend on latency, so the trigger section runs without it.
	const requestsOf = async (poll: () => Promise<unknown>) => {
		emulator.clearRequests();
		await poll();
		return emulator.requests().length;
	};
	try {
		parent.reset(emulators, 1000, undefined);
		// Every k arrives in one poll: Max Events per Poll is above the largest k.
		const live = rig({ startFrom: 'now', maxEventsPerPoll: 10_000 });
		await live.poll();
		// Whole-second providers (Make, Workiva): new events land after the activation second.
		await sleep(1100);
		for (let i = 0; i < 3; i++) row.idlePolls.push(await requestsOf(() => live.poll()));
		for (const k of config.triggerNew) {
			parent.trigger.insert(emulators, k);
			let delivered = 0;
			const requests = await requestsOf(async () => (delivered = (await live.poll())?.length ?? 0));
			row.newEvents.push({ k, requests, delivered, target: Math.ceil(k / parent.pageSize) + 1 });
		}

		const events = config.triggerEvents;
		const maxPerPoll = config.triggerMaxPerPoll;
		parent.reset(emulators, events, undefined);
		const expected = parent.expectedEvents(emulators).length;
		const backfill = rig({ startFrom: 'date', startDate: BACKFILL_FROM, maxEventsPerPoll: maxPerPoll });
		emulator.clearRequests();
		const polls = await backfill.drain(Math.ceil(expected / maxPerPoll) * 3 + 10);
		row.backfill = {
			events: expected,
			maxPerPoll,
			polls: polls.length,
			requests: emulator.requests().length,
			delivered: polls.reduce((sum, poll) => sum + poll.length, 0),
			target: Math.ceil((2 * expected) / parent.pageSize + (3 * expected) / maxPerPoll),
		};
	} catch (error) {
		row.error = error instanceof Error ? error.message : String(error);
	}
	return row;
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const ratio = (value: number | undefined) => (value === undefined ? '' : value.toFixed(2));
const NAMES: Record<Exclude<Contender, 'baseline'>, string> = { ours: 'ours', httpRequest: 'HTTP Request' };

function printReturnAll(rows: ReturnAllRow[], baselineBytes: number) {
	const table = rows.flatMap((row) =>
		row.contenders.map((contender, i) => ({
			case: i === 0 ? row.case : '',
			regime: i === 0 ? row.regime : '',
			limit: i === 0 ? row.limit : '',
			N: i === 0 ? row.events : '',
			contender: NAMES[contender.contender],
			'wall s': contender.error ? 'FAILED' : seconds(contender.wallMs),
			requests: contender.requests,
			'429s': contender.status429,
			'RSS MB': mb(contender.peakRssBytes),
			'RSS target MB': i === 0 ? mb(3 * row.rawJsonBytes + baselineBytes) : '',
			'CPU ms/1k': contender.cpuMsPer1000.toFixed(0),
			'bound s': i === 0 ? `${seconds(row.boundMs)} (${row.boundBy === 'rate' ? 'rate' : `latency, ${row.concurrency} at once`})` : '',
			'ours/bound': i === 0 ? ratio(row.oursOverBound) : '',
			'HTTP/ours': i === 0 ? ratio(row.httpRequestOverOurs) : '',
		})),
	);
	console.table(table);
	for (const row of rows) {
		for (const contender of row.contenders) {
			if (contender.error) console.log(`  ${row.case} ${row.regime} N=${row.events} ${NAMES[contender.contender]}: ${contender.error}`);
		}
	}
}

function printTriggers(rows: TriggerRow[]) {
	const got = (delivered: number, expected: number) => (delivered === expected ? '' : ` [delivered ${delivered}]`);
	console.table(
		rows.map((row) => ({
			case: row.case,
			P: row.pageSize,
			'idle polls (target 1)': row.idlePolls.join(', '),
			...Object.fromEntries(row.newEvents.map((entry) => [`k=${entry.k}`, `${entry.requests} / ${entry.target}${got(entry.delivered, entry.k)}`])),
			...(row.backfill && {
				'backfill N, M': `${row.backfill.events}, ${row.backfill.maxPerPoll}`,
				'backfill requests / target': `${row.backfill.requests} / ${row.backfill.target}${got(row.backfill.delivered, row.backfill.events)}`,
				polls: row.backfill.polls,
			}),
			...(row.error && { error: row.error }),
		})),
	);
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const started = Date.now();
	const host = await hostModules();
	progress(`starting the emulators; seeding up to ${Math.max(...config.sizes).toLocaleString('en')} events per case may take a few seconds`);
	const emulators = await startEmulators();
	const returnAllRows: ReturnAllRow[] = [];
	const triggerRows: TriggerRow[] = [];
	let baseline: ChildResult | undefined;
	// Written after every row, so a long run that is stopped still leaves what it measured.
	const save = () => {
		mkdirSync(join(ROOT, 'bench'), { recursive: true });
		const results = {
			date: new Date().toISOString(),
			node: process.version,
			cpus: cpus().length,
			config,
			limits: Object.fromEntries(cases.map((name) => [name, { documented: PARENT_CASES[name].rateLimit, scaled: scaled(PARENT_CASES[name].rateLimit, config.rateScale) }])),
			concurrency: Object.fromEntries(cases.map((name) => [name, declaredConcurrency(name)])),
			baselinePeakRssBytes: baseline?.peakRssBytes,
			returnAll: returnAllRows,
			triggers: triggerRows,
			totalMs: Date.now() - started,
		};
		writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, '\t')}\n`);
	};
	try {
		baseline = await runChild({ contender: 'baseline', case: cases[0], target: PARENT_CASES[cases[0]].target(emulators, 0), hostModules: host });
		progress(`baseline child (loads n8n-core, our nodes and HTTP Request, fetches nothing): peak RSS ${mb(baseline.peakRssBytes)} MB`);
		for (const name of cases) {
			for (const size of config.sizes) {
				for (const regime of config.regimes) {
					const row = await returnAll(emulators, host, name, regime, size);
					row.rssTargetBytes = 3 * row.rawJsonBytes + baseline.peakRssBytes;
					returnAllRows.push(row);
					save();
					const summary = row.contenders.map((c) => `${NAMES[c.contender]} ${c.error ? 'FAILED' : `${seconds(c.wallMs)} s`}`).join(', ');
					progress(`${name} ${regime}-bound N=${row.events}: ${summary} (bound ${seconds(row.boundMs)} s)`);
				}
			}
		}
		if (config.triggers) {
			for (const name of cases) {
				progress(`trigger cost: ${name}`);
				triggerRows.push(await triggerCost(emulators, name));
				save();
			}
		}
	} finally {
		await closeEmulators(emulators);
	}

	const concurrency = Object.fromEntries(cases.map((name) => [name, declaredConcurrency(name)]));
	console.log('');
	console.log(
		`Return All, raw output. Emulator latency ${config.latencyMs} ms per request; rate-bound limits are the documented top-plan ones with the window divided by ${config.rateScale}.`,
	);
	console.log(`Lower bound = max(requests × latency / concurrency, the time the limiter needs for those requests). Concurrency: ${[...new Set(Object.values(concurrency).map((c) => `${c.value} (${c.source})`))].join('; ')}.`);
	console.log(`RSS target = 3 × raw JSON bytes of the events + baseline (${mb(baseline?.peakRssBytes ?? 0)} MB). CPU ms per 1,000 events. HTTP Request emits one item per page; its events are counted inside the pages.`);
	printReturnAll(returnAllRows, baseline?.peakRssBytes ?? 0);
	if (triggerRows.length > 0) {
		console.log('');
		console.log('Trigger cost, in requests (no latency, no limit). P = page size. k=…: requests of the poll that delivered k new events / target ceil(k/P)+1. Backfill: requests to drain N events with Max Events per Poll M / target 2N/P+3N/M.');
		printTriggers(triggerRows);
	}
	const totalMs = Date.now() - started;
	console.log(`\nnode ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; whole bench ${seconds(totalMs)} s`);

	save();
	console.log('Written to bench/results.json');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
