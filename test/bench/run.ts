/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- a benchmark reads the process memory and prints a table */
/**
 * `npm run bench`: speed and memory of the engines through real n8n-core against the
 * sandbox. It measures and prints; it asserts nothing (tests never depend on timing).
 */
import '../harness/env';

import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import { SimAuditLogTrigger } from '../../nodes/Sim/SimAuditLogTrigger.node';
import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { runNode, TriggerRig } from '../harness/n8n';
import { startSimEmulator } from '../sandbox/sim';
import { startWebflowEmulator } from '../sandbox/webflow';
import { simCredentials } from '../sim/setup';
import { webflowCredentials } from '../webflow/setup';

interface Row {
	case: string;
	events: number;
	requests: number;
	ms: number;
	eventsPerSecond: number;
	heapDeltaMb: number;
}

async function measure(name: string, body: () => Promise<{ events: number; requests: number }>): Promise<Row> {
	global.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const started = process.hrtime.bigint();
	const { events, requests } = await body();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const heapDeltaMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
	return { case: name, events, requests, ms: Math.round(ms), eventsPerSecond: Math.round((events / ms) * 1000), heapDeltaMb: Math.round(heapDeltaMb * 10) / 10 };
}

async function main() {
	const rows: Row[] = [];
	const sim = await startSimEmulator({ anchor: '2026-11-01T00:00:00.000Z', eventCount: 20_000, rateLimit: { refillPerWindow: 1e6, windowMs: 60_000 } });
	const webflow = await startWebflowEmulator({ anchor: '2026-11-01T00:00:00.000Z', eventCount: 15_000, rateLimit: { perWindow: 1e6, windowMs: 60_000 } });
	try {
		rows.push(
			await measure('Sim Get Many, Return All (time-window paging)', async () => {
				sim.clearRequests();
				const { items } = await runNode({ nodeType: new SimAuditLog(), parameters: { resource: 'auditLog', operation: 'getMany', returnAll: true }, credentials: simCredentials(sim) });
				return { events: items.length, requests: sim.requests().length };
			}),
		);
		rows.push(
			await measure('Sim Get Many, precision quirk on', async () => {
				sim.setFaults({ precisionQuirk: true });
				sim.clearRequests();
				const { items } = await runNode({ nodeType: new SimAuditLog(), parameters: { resource: 'auditLog', operation: 'getMany', returnAll: true }, credentials: simCredentials(sim) });
				sim.setFaults({});
				return { events: items.length, requests: sim.requests().length };
			}),
		);
		rows.push(
			await measure('Webflow workspace Get Many, Return All (offset)', async () => {
				webflow.clearRequests();
				const { items } = await runNode({
					nodeType: new WebflowAuditLog(),
					parameters: { resource: 'workspaceAuditLog', operation: 'getMany', workspace: webflow.workspace.id, returnAll: true },
					credentials: webflowCredentials(webflow),
				});
				return { events: items.length, requests: webflow.requests().length };
			}),
		);
		rows.push(
			await measure('Sim trigger backfill of 7 days, 500 per poll, until caught up', async () => {
				sim.clearRequests();
				const rig = new TriggerRig(new SimAuditLogTrigger(), { startFrom: 'date', startDate: '2026-10-25T00:00:00Z', maxEventsPerPoll: 500, filters: {} }, simCredentials(sim));
				const polls = await rig.drain(1000);
				return { events: polls.flat().length, requests: sim.requests().length };
			}),
		);
	} finally {
		await sim.close();
		await webflow.close();
	}
	console.table(rows);
	console.log(`node ${process.version}, peak RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
