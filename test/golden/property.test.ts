/**
 * Property test: every event shape the emulators generate, from several seeds, plus the same
 * events with optional fields knocked out, normalizes without throwing, and both outputs
 * validate: Normalized against its zod contract, OCSF against the OCSF 1.8.0 reference.
 */
import { formatEvent } from '../../nodes/shared/normalize';
import type { AuditLog } from '../../nodes/shared/normalize';
import { makeAuditLog } from '../../nodes/Make/normalize';
import { simAuditLog } from '../../nodes/Sim/normalize';
import { siteActivityLog, workspaceAuditLog } from '../../nodes/Webflow/normalize';
import { workivaActivityLog } from '../../nodes/Workiva/normalize';
import { normalizedAuditEventSchema } from '../contracts/normalized';
import { validateOcsfEvent } from '../contracts/ocsf';
import { createRandom } from '../sandbox/kit';
import * as make from '../sandbox/make/fixtures';
import * as sim from '../sandbox/sim/fixtures';
import * as webflow from '../sandbox/webflow/fixtures';
import * as workiva from '../sandbox/workiva/fixtures';

const SEEDS = [1, 7, 42, 2026];
const ANCHOR_MS = Date.parse('2026-11-01T00:00:00.000Z');
const COUNT = 300;

interface Generated {
	log: AuditLog<never>;
	events: object[];
}

/** Per emulator: its seeded histories, as the API returns them. */
const GENERATORS: Record<string, () => Generated[]> = {
	sim: () =>
		SEEDS.map((seed) => ({
			log: simAuditLog as AuditLog<never>,
			events: sim.buildHistory(sim.buildWorld(seed), { seed, anchorMs: ANCHOR_MS, eventCount: COUNT }).map(sim.toEntry),
		})),
	make: () =>
		SEEDS.map((seed) => ({
			log: makeAuditLog as AuditLog<never>,
			// The detail (with `details`) as Get returns it, and the list entry.
			events: make
				.buildHistory(make.buildWorld(), { seed, anchorMs: ANCHOR_MS, eventCount: COUNT })
				.flatMap((stored) => [stored.detail, make.toEntry(stored)]),
		})),
	webflow: () =>
		SEEDS.flatMap((seed) => {
			const world = webflow.buildWorld(seed);
			const workspace = {
				log: workspaceAuditLog as AuditLog<never>,
				events: webflow.buildWorkspaceHistory(world, { seed, anchorMs: ANCHOR_MS, count: COUNT }).map((stored) => stored.item),
			};
			const taken = new Set<string>();
			const sites = world.sites.map((site) => ({
				log: siteActivityLog(site.id) as AuditLog<never>,
				events: webflow.buildSiteHistory(world, site, { seed, anchorMs: ANCHOR_MS, count: COUNT }, taken).map((stored) => stored.item),
			}));
			return [workspace, ...sites];
		}),
	workiva: () =>
		SEEDS.map((seed) => ({
			log: workivaActivityLog as AuditLog<never>,
			events: workiva
				.buildHistory(workiva.buildWorld(seed), { seed, anchorMs: ANCHOR_MS, count: COUNT, eventIdShare: 0.5 })
				.map((stored) => stored.activity),
		})),
};

/** The keys that identify an event and date it: knocking them out is not a shape the APIs produce. */
const ESSENTIAL = new Set(['id', 'uuid', 'timestamp', 'createdAt', 'createdOn', 'triggeredAt', 'activityDateTime', 'eventName', 'event', 'action']);

/** The event with one optional part removed or nulled, chosen at random, at any depth. */
function knockOut(event: object, random: ReturnType<typeof createRandom>): object {
	const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
	const paths: Array<[Record<string, unknown>, string]> = [];
	const walk = (node: Record<string, unknown>, depth: number) => {
		for (const [key, value] of Object.entries(node)) {
			if (depth === 0 && ESSENTIAL.has(key)) continue;
			paths.push([node, key]);
			if (value && typeof value === 'object' && !Array.isArray(value)) walk(value as Record<string, unknown>, depth + 1);
		}
	};
	walk(copy, 0);
	if (paths.length === 0) return copy;
	const [node, key] = random.pick(paths);
	if (random.chance(0.5)) delete node[key];
	else node[key] = null;
	return copy;
}

function problemsOf(log: AuditLog<never>, event: object): string[] {
	const normalized = formatEvent(event as never, log, { format: 'normalized', includeRaw: true });
	const ocsf = formatEvent(event as never, log, { format: 'ocsf', includeRaw: true });
	const zodIssues = normalizedAuditEventSchema.safeParse(normalized).error?.issues ?? [];
	return [
		...zodIssues.map((issue) => `normalized ${issue.path.join('.')}: ${issue.message}`),
		...validateOcsfEvent(ocsf).map((problem) => `ocsf ${problem}`),
	];
}

describe.each(Object.keys(GENERATORS))('%s: every generated event normalizes and validates', (provider) => {
	const batches = GENERATORS[provider]();

	it('as the emulator generates it', () => {
		const failures: string[] = [];
		let checked = 0;
		for (const { log, events } of batches) {
			for (const event of events) {
				checked++;
				for (const problem of problemsOf(log, event)) failures.push(`${JSON.stringify(event).slice(0, 160)} → ${problem}`);
			}
		}
		expect(checked).toBeGreaterThanOrEqual(SEEDS.length * COUNT);
		expect(failures.slice(0, 10)).toEqual([]);
	});

	it('with an optional field removed or null', () => {
		const random = createRandom(0x0c5f);
		const failures: string[] = [];
		for (const { log, events } of batches) {
			for (const event of events) {
				const variant = knockOut(event, random);
				let problems: string[];
				try {
					problems = problemsOf(log, variant);
				} catch (error) {
					problems = [`threw ${(error as Error).message}`];
				}
				for (const problem of problems) failures.push(`${JSON.stringify(variant).slice(0, 200)} → ${problem}`);
			}
		}
		expect(failures.slice(0, 10)).toEqual([]);
	});
});
