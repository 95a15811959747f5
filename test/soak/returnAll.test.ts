/* eslint-disable no-console -- prints what each run did */
/**
 * Return All over 5,000 events with 10 % of API requests faulted (429, 5xx, dropped
 * connections, malformed bodies in equal parts). Each run either returns exactly the events the
 * emulator says the filter matches, in its order, or fails with the provider's own error. A
 * short list without an error must never happen.
 */
import type { INodeParameters, INodeType } from 'n8n-workflow';

import { MakeAuditLog } from '../../nodes/Make/MakeAuditLog.node';
import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import { workspaceEventId } from '../../nodes/Webflow/api';
import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { WorkivaActivity } from '../../nodes/Workiva/WorkivaActivity.node';
import type { CredentialStore } from '../harness/n8n';
import { runNode } from '../harness/n8n';
import { makeCredentials } from '../make/setup';
import type { Emulator, FaultConfig } from '../sandbox/kit';
import { createRandom } from '../sandbox/kit';
import { startMakeEmulator } from '../sandbox/make';
import { startSimEmulator } from '../sandbox/sim';
import { ANCHOR } from '../sandbox/testing';
import { startWebflowEmulator } from '../sandbox/webflow';
import { startWorkivaEmulator } from '../sandbox/workiva';
import { simCredentials } from '../sim/setup';
import { webflowCredentials } from '../webflow/setup';
import { workivaCredentials } from '../workiva/setup';

const EVENTS = 5000;
/** Four faults at 2.6 % each: 1 - 0.974^4 ≈ 10 % of requests. */
const RATE = 0.026;
const ROOMY = { perWindow: 1_000_000, windowMs: 60_000 };

interface Case {
	name: string;
	/** The provider's name in its error messages. */
	provider: string;
	nodeType: INodeType;
	start(): Promise<{
		emulator: Emulator;
		parameters: INodeParameters;
		/** A fresh credential (Workiva: no token yet, n8n fetches one on first use). */
		credentials(): CredentialStore;
		/** What the filter should return, in the API's order, by the key the node de-duplicates on. */
		expected(): string[];
		keyOf(json: Record<string, unknown>): string;
		/** Switches that stay on. */
		switches?: FaultConfig;
	}>;
}

const unique = (keys: string[]) => [...new Set(keys)];

const CASES: Case[] = [
	{
		name: 'Sim audit log',
		provider: 'Sim',
		nodeType: new SimAuditLog(),
		async start() {
			const sim = await startSimEmulator({ anchor: ANCHOR, eventCount: EVENTS, rateLimit: { refillPerWindow: 1_000_000, windowMs: 60_000 } });
			return {
				emulator: sim,
				parameters: { resource: 'auditLog', operation: 'getMany', returnAll: true, filters: { includeDeparted: true } },
				credentials: () => simCredentials(sim),
				expected: () => sim.visibleEvents({ includeDeparted: true }).map((event) => event.id),
				keyOf: (json) => String(json.id),
				switches: { precisionQuirk: true },
			};
		},
	},
	{
		name: 'Webflow workspace audit log',
		provider: 'Webflow',
		nodeType: new WebflowAuditLog(),
		async start() {
			// Two seeded entries are identical in every field: the node returns them once.
			const webflow = await startWebflowEmulator({ anchor: ANCHOR, eventCount: EVENTS + 1, rateLimit: ROOMY });
			return {
				emulator: webflow,
				parameters: { resource: 'workspaceAuditLog', operation: 'getMany', workspace: webflow.workspace.id, returnAll: true },
				credentials: () => webflowCredentials(webflow),
				expected: () => unique(webflow.workspaceEvents({ sortOrder: 'desc' }).map(workspaceEventId)),
				keyOf: (json) => workspaceEventId(json as unknown as Parameters<typeof workspaceEventId>[0]),
			};
		},
	},
	{
		name: 'Webflow site activity log',
		provider: 'Webflow',
		nodeType: new WebflowAuditLog(),
		async start() {
			const webflow = await startWebflowEmulator({ anchor: ANCHOR, siteEventCount: EVENTS, rateLimit: ROOMY });
			const siteId = webflow.sites[0].id;
			return {
				emulator: webflow,
				parameters: { resource: 'siteActivityLog', operation: 'getMany', siteId, returnAll: true },
				credentials: () => webflowCredentials(webflow, webflow.tokens.site),
				expected: () => webflow.siteEvents(siteId).map((entry) => entry.id),
				keyOf: (json) => String(json.id),
			};
		},
	},
	{
		name: 'Make organization log',
		provider: 'Make',
		nodeType: new MakeAuditLog(),
		async start() {
			const make = await startMakeEmulator({ anchor: ANCHOR, eventCount: EVENTS, rateLimit: ROOMY });
			return {
				emulator: make,
				parameters: {
					resource: 'organizationAuditLog',
					operation: 'getMany',
					organization: { __rl: true, mode: 'list', value: String(make.organization.id) },
					returnAll: true,
				},
				credentials: () => makeCredentials(make),
				expected: () => make.visibleEvents({ sortBy: 'triggeredAt', sortDir: 'desc' }).map((entry) => entry.uuid),
				keyOf: (json) => String(json.uuid),
			};
		},
	},
	{
		name: 'Workiva organization activities',
		provider: 'Workiva',
		nodeType: new WorkivaActivity(),
		async start() {
			const workiva = await startWorkivaEmulator({ anchor: ANCHOR, eventCount: EVENTS, rateLimit: ROOMY });
			return {
				emulator: workiva,
				parameters: { resource: 'activity', operation: 'getMany', scope: 'organization', organizationId: workiva.organization.id, returnAll: true },
				credentials: () => workivaCredentials(workiva),
				// Pages of 100, like the others, so about 50 requests meet the faults.
				expected: () => workiva.visibleActivities({ orderBy: 'activityDateTime desc' }).map((activity) => activity.id),
				keyOf: (json) => String(json.id),
			};
		},
	},
];

/** Max Retries per run; each run has its own fault seed. 0 retries almost surely fails. */
const RUNS = [
	{ maxRetries: 3, seed: 1 },
	{ maxRetries: 3, seed: 2 },
	{ maxRetries: 3, seed: 3 },
	{ maxRetries: 1, seed: 4 },
	{ maxRetries: 0, seed: 5 },
];

const lines: string[] = [];
afterAll(() => {
	if (lines.length) {
		console.log(
			[
				`Return All of ${EVENTS} events with ${Math.round((1 - (1 - RATE) ** 4) * 100)} % of requests faulted`,
				'',
				'| node | max retries | requests | faults | outcome |',
				'|---|---|---|---|---|',
				...lines,
			].join('\n'),
		);
	}
});

describe(`Return All of ${EVENTS} events with 10 % faults`, () => {
	CASES.forEach((testCase, caseIndex) => {
		it(
			`${testCase.name}: exactly the expected events, or the provider's error; never a short list`,
			async () => {
				const session = await testCase.start();
				try {
					const providerError = new RegExp(
						`^(?:${testCase.provider} API error (?:429|5\\d\\d)\\b|Could not reach ${testCase.provider}\\b|${testCase.provider} returned a response that is not valid JSON)`,
					);
					const outcomes: string[] = [];
					let expectedCount = 0;
					for (const { maxRetries, seed } of RUNS) {
						// A reset also revokes Workiva's tokens: each run starts with a fresh credential.
						session.emulator.reset();
						session.emulator.setFaults({
							...session.switches,
							seed: 1000 * (caseIndex + 1) + seed,
							drop: { rate: RATE },
							status429: { rate: RATE, retryAfterSeconds: 0 },
							status5xx: { rate: RATE },
							malformed: { rate: RATE },
						});
						// After the switches: Sim's order within a millisecond depends on its precision quirk.
						const expected = session.expected();
						expect(expected.length).toBeGreaterThanOrEqual(EVENTS);
						expectedCount = expected.length;
						const options = { maxRetries, initialRetryDelayMs: 1, maxWaitSeconds: 2, timeoutSeconds: 5, ...(testCase.provider === 'Workiva' && { pageSize: 100 }) };
						const { items, error } = await runNode({
							nodeType: testCase.nodeType,
							parameters: { ...session.parameters, options },
							credentials: session.credentials(),
						});
						const requests = session.emulator.requests();
						const faults = requests.filter((request) => request.fault !== undefined).length;
						const outcome = error ? `failed: ${error.message}` : `${items.length} events`;
						lines.push(`| ${testCase.name} | ${maxRetries} | ${requests.length} | ${faults} | ${outcome} |`);
						outcomes.push(outcome);

						// Never a silently short (or long) list.
						expect(items.length === expected.length || error !== undefined).toBe(true);
						if (error) {
							expect({ name: error.name, message: error.message }).toEqual({ name: 'NodeApiError', message: expect.stringMatching(providerError) });
							expect(items).toEqual([]);
						} else {
							expect(items.map((item) => session.keyOf(item.json))).toEqual(expected);
						}
					}
					// Three retries ride out 10 % faults; none do not (both fixed by the seeds).
					expect(outcomes.slice(0, 3)).toEqual(Array(3).fill(`${expectedCount} events`));
					expect(outcomes[RUNS.length - 1]).toMatch(/^failed: /);
				} finally {
					await session.emulator.close();
				}
			},
			5 * 60_000,
		);
	});
});

/**
 * Known gap, found here: when n8n renews an expired OAuth2 token, a transient failure of the
 * token endpoint (a dropped connection, 5xx, 429, a cut-off body) is not retried, whatever Max
 * Retries says, and a dropped connection fails with n8n's generic text, which does not name
 * Workiva (transport.ts, renewOAuthToken). `it.failing` passes while the gap is there; once the
 * transport retries the renewal, this test fails: then make it a plain `it`.
 */
it.failing('Workiva: a dropped connection while renewing an expired token is retried, or fails naming Workiva', async () => {
	const workiva = await startWorkivaEmulator({ anchor: ANCHOR, rateLimit: ROOMY });
	try {
		const credentials = workivaCredentials(workiva);
		const parameters = {
			resource: 'activity',
			operation: 'getMany',
			scope: 'organization',
			organizationId: workiva.organization.id,
			returnAll: false,
			limit: 5,
			options: { maxRetries: 3, initialRetryDelayMs: 1 },
		};
		expect((await runNode({ nodeType: new WorkivaActivity(), parameters, credentials })).error).toBeUndefined();
		workiva.expireTokens();
		// The first request meets 401 (expired token); the renewal's token request is dropped: a
		// seed whose first draw spares the first request and whose second drops the next one.
		let seed = 1;
		for (const random = () => createRandom(seed); ; seed++) {
			const draws = random();
			if (draws.next() >= 0.5 && draws.next() < 0.5) break;
		}
		workiva.setFaults({ drop: { rate: 0.5, times: 1 }, seed });
		const { items, error } = await runNode({ nodeType: new WorkivaActivity(), parameters, credentials });
		expect(workiva.requests().filter((request) => request.fault === 'drop').map((request) => request.path)).toEqual([workiva.tokenPath]);
		if (error) expect(error.message).toMatch(/^Could not reach Workiva\b/);
		expect(items).toHaveLength(5);
	} finally {
		await workiva.close();
	}
});
