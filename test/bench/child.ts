/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- a benchmark child reads its own process's memory and CPU and prints one JSON line */
/**
 * One measurement in a process of its own, so its peak RSS is its alone. The parent passes a
 * JSON job as the only argument; the child runs one contender (or, for the baseline, loads
 * everything and fetches nothing) and prints `BENCH_RESULT {json}` as its last line.
 */
import '../harness/env';

import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../harness/n8n';
import { CASES, type ChildJob, type ChildResult, type Contender, eventsInPages, httpRequestSetup, loadHostTypes, type NodeSetup, RESULT_PREFIX } from './cases';

async function measure(job: ChildJob): Promise<ChildResult> {
	// Both contenders are loaded in every child, so every child has the same baseline.
	const host = loadHostTypes(job.hostModules);
	const setups: Record<Exclude<Contender, 'baseline'>, () => NodeSetup> = {
		ours: () => CASES[job.case].ours(job.target),
		httpRequest: () => httpRequestSetup(job.case, job.target, host),
	};
	const setup = job.contender === 'baseline' ? undefined : setups[job.contender]();
	const cpuBefore = process.cpuUsage();
	const started = process.hrtime.bigint();
	const run = setup ? await runNode(setup) : { items: [], error: undefined };
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	const cpu = process.cpuUsage(cpuBefore);
	const jsons = run.items.map((item) => item.json as IDataObject);
	return {
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		// maxRSS is in kilobytes.
		peakRssBytes: process.resourceUsage().maxRSS * 1024,
		items: jsons.length,
		events: job.contender === 'httpRequest' ? eventsInPages(job.case, jsons) : jsons.length,
		...(run.error && { error: `${run.error.message}${run.error.description ? ` (${run.error.description})` : ''}` }),
	};
}

measure(JSON.parse(process.argv[2]) as ChildJob).then(
	(result) => {
		console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
		process.exit(0);
	},
	(error: unknown) => {
		console.log(`${RESULT_PREFIX}${JSON.stringify({ wallMs: 0, cpuMs: 0, peakRssBytes: 0, items: 0, events: 0, error: String(error) })}`);
		process.exit(0);
	},
);
