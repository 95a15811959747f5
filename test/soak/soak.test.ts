/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- the soak prints its table and reads SOAK, SOAK_SEED, SOAK_TRACE */
/**
 * The soak of every trigger (see runner.ts for what it mixes in). `npm test` runs the short
 * soak, 500 mixed polls per trigger; `npm run soak` (SOAK=full) runs 5,000. SOAK_SEED=n runs
 * other seeds (trigger i gets n + i), SOAK_TRACE=1 prints every poll and insert (to reproduce a
 * failure, together with `-t <trigger>`). At the end it prints one markdown table.
 */
import type { SoakResult } from './runner';
import { resultsDetails, resultsTable, runSoak } from './runner';
import { SOAK_TARGETS } from './targets';

const FULL = process.env.SOAK === 'full';
const POLLS = FULL ? 5000 : 500;
const SEED = Number(process.env.SOAK_SEED ?? 20261129);
/** 22:00 UTC: the virtual clock crosses midnight within the first polls (Make filters by day). */
const START_AT = Date.parse('2027-01-04T22:00:00.000Z');

const results: SoakResult[] = [];

afterAll(() => {
	if (!results.length) return;
	console.log(
		`Soak (${FULL ? 'full' : 'short'}, ${POLLS} mixed polls per trigger)\n\n${resultsTable(results)}\n\n${resultsDetails(results)}`,
	);
});

describe(`soak: ${POLLS} polls per trigger with faults, late events, restarts and budgets`, () => {
	SOAK_TARGETS.forEach((target, index) => {
		it(
			`${target.name}: every event exactly once`,
			async () => {
				const trace = process.env.SOAK_TRACE ? (line: string) => console.log(line) : undefined;
				const result = await runSoak(target, { polls: POLLS, seed: SEED + index, startAt: START_AT, trace });
				results.push(result);
				const problems = [
					...result.diagnostics,
					...result.unexpectedErrors.map((error) => `unexpected error: ${error}`),
					...result.unknownEmitted.slice(0, 5).map((identity) => `emitted an event that never arrived: ${identity}`),
					...result.unorderedPolls.slice(0, 5).map((poll) => `poll ${poll} did not emit oldest first`),
					...(result.faultlessFailures.length
						? [`${result.faultlessFailures.length} polls failed without a fault, the first:`, ...result.faultlessFailures.slice(0, 5)]
						: []),
				];
				expect({ seed: result.seed, problems }).toEqual({ seed: result.seed, problems: [] });
				expect(result.lost).toEqual([]);
				expect(result.duplicated).toEqual([]);
				// The soak did what it says: faults fired, polls failed and recovered, budgets ran out.
				expect(result.faults).toBeGreaterThan(POLLS / 20);
				expect(result.restarts).toBeGreaterThan(POLLS / 70);
				expect(result.lateInside).toBeGreaterThan(0);
				expect(result.lateOutside).toBeGreaterThan(0);
				expect(result.faultKinds.insertDuringPaging ?? 0).toBeGreaterThan(0);
				expect(result.budgetExhausted).toBeGreaterThan(0);
			},
			FULL ? 60 * 60_000 : 5 * 60_000,
		);
	});
});
