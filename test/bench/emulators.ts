/**
 * The benchmark cases on the parent's side: which emulator serves each, its data and rate limit
 * per run, the target handed to the child, the events it holds, and its trigger.
 */
import type { INodeParameters, INodeType } from 'n8n-workflow';

import { MakeAuditLogApi } from '../../credentials/MakeAuditLogApi.credentials';
import { SimAuditLogApi } from '../../credentials/SimAuditLogApi.credentials';
import { WebflowAuditLogApi } from '../../credentials/WebflowAuditLogApi.credentials';
import { WorkivaOAuth2Api } from '../../credentials/WorkivaOAuth2Api.credentials';
import { MakeAuditLogTrigger } from '../../nodes/Make/MakeAuditLogTrigger.node';
import { SimAuditLogTrigger } from '../../nodes/Sim/SimAuditLogTrigger.node';
import { WebflowAuditLogTrigger } from '../../nodes/Webflow/WebflowAuditLogTrigger.node';
import { WorkivaActivityTrigger } from '../../nodes/Workiva/WorkivaActivityTrigger.node';
import type { CredentialStore } from '../harness/n8n';
import { makeSandboxBaseUrl, type MakeEmulator, startMakeEmulator } from '../sandbox/make';
import { type SimEmulator, startSimEmulator } from '../sandbox/sim';
import { startWebflowEmulator, type WebflowEmulator } from '../sandbox/webflow';
import { startWorkivaEmulator, type WorkivaEmulator } from '../sandbox/workiva';
import type { CaseName, Target } from './cases';

/** Seeded histories end here (30 days of events before it), so every run sees the same data. */
export const ANCHOR = '2026-11-01T00:00:00.000Z';
/** Before the oldest seeded event: a backfill from here reads the whole history. */
export const BACKFILL_FROM = '2026-09-30T00:00:00.000Z';

/**
 * A documented rate limit. `window`: `perWindow` requests per fixed window that opens with the
 * first request (Webflow, Make, Workiva). `bucket`: a token bucket that starts full with twice
 * `perWindow` and gains `perWindow` per whole window (Sim).
 */
export interface RateLimit {
	kind: 'window' | 'bucket';
	perWindow: number;
	windowMs: number;
	/** Where the number comes from, for the table. */
	source: string;
}

export interface Emulators {
	sim: SimEmulator;
	webflow: WebflowEmulator;
	make: MakeEmulator;
	workiva: WorkivaEmulator;
}

type AnyEmulator = Emulators[keyof Emulators];

/** Far above anything a run can send: the latency-bound regime. */
const UNLIMITED = 1e9;

export async function startEmulators(): Promise<Emulators> {
	// Started with little data; each run resets its emulator to the size it needs.
	return {
		sim: await startSimEmulator({ anchor: ANCHOR }),
		webflow: await startWebflowEmulator({ anchor: ANCHOR }),
		make: await startMakeEmulator({ anchor: ANCHOR }),
		workiva: await startWorkivaEmulator({ anchor: ANCHOR }),
	};
}

export async function closeEmulators(emulators: Emulators): Promise<void> {
	await Promise.all(Object.values(emulators).map((emulator: AnyEmulator) => emulator.close()));
}

export interface ParentCase {
	emulator: keyof Emulators;
	/** The API's maximum page size, which both contenders use. */
	pageSize: number;
	/** Whether the end shows only as a short page, so a multiple of the page size costs one more. */
	endsWithShortPage: boolean;
	/** Requests before the first page (Workiva: the token), which count against the limit too. */
	setupRequests: number;
	/** The documented top-plan limit, unscaled. */
	rateLimit: RateLimit;
	/** Rebuilds the emulator with `events` events and this limit (`undefined`: unlimited). */
	reset(emulators: Emulators, events: number, limit: RateLimit | undefined): void;
	target(emulators: Emulators, requestIntervalMs: number): Target;
	/** Every event a Return All should deliver, as the API returns them. */
	expectedEvents(emulators: Emulators): unknown[];
	trigger: {
		nodeType: () => INodeType;
		parameters(emulators: Emulators): INodeParameters;
		credentials(emulators: Emulators): CredentialStore;
		/** Adds `count` events happening now. */
		insert(emulators: Emulators, count: number): void;
	};
}

const windowLimit = (limit: RateLimit | undefined) =>
	limit ? { perWindow: limit.perWindow, windowMs: limit.windowMs } : { perWindow: UNLIMITED, windowMs: 60_000 };

/** Webflow's two logs share one emulator; both get `events` entries (each site too). */
function resetWebflow(emulators: Emulators, events: number, limit: RateLimit | undefined) {
	emulators.webflow.reset({ anchor: ANCHOR, eventCount: events, siteEventCount: events, rateLimit: windowLimit(limit) });
}

export const PARENT_CASES: Record<CaseName, ParentCase> = {
	sim: {
		emulator: 'sim',
		pageSize: 100,
		endsWithShortPage: false,
		setupRequests: 0,
		rateLimit: { kind: 'bucket', perWindow: 500, windowMs: 60_000, source: 'Enterprise: 500/min, bursts to 1,000' },
		reset: ({ sim }, events, limit) =>
			sim.reset({
				anchor: ANCHOR,
				eventCount: events,
				rateLimit: limit ? { refillPerWindow: limit.perWindow, windowMs: limit.windowMs } : { refillPerWindow: UNLIMITED, windowMs: 60_000 },
			}),
		target: ({ sim }, requestIntervalMs) => ({ origin: sim.url, baseUrl: sim.url, secrets: { apiKey: sim.apiKey }, ids: {}, requestIntervalMs }),
		expectedEvents: ({ sim }) => sim.visibleEvents({ includeDeparted: true }),
		trigger: {
			nodeType: () => new SimAuditLogTrigger(),
			parameters: () => ({ filters: { includeDeparted: true } }),
			credentials: ({ sim }) => ({ simAuditLogApi: { type: new SimAuditLogApi(), data: { apiKey: sim.apiKey, baseUrl: sim.url } } }),
			insert: ({ sim }, count) => void sim.insert({ count }),
		},
	},
	'webflow-workspace': {
		emulator: 'webflow',
		pageSize: 100,
		endsWithShortPage: false,
		setupRequests: 0,
		rateLimit: { kind: 'window', perWindow: 120, windowMs: 60_000, source: 'Enterprise: 120/min' },
		reset: resetWebflow,
		target: ({ webflow }, requestIntervalMs) => ({
			origin: webflow.url,
			baseUrl: webflow.url,
			secrets: { workspaceToken: webflow.tokens.workspace },
			ids: { workspaceId: webflow.workspace.id },
			requestIntervalMs,
		}),
		expectedEvents: ({ webflow }) => webflow.workspaceEvents(),
		trigger: {
			nodeType: () => new WebflowAuditLogTrigger(),
			parameters: ({ webflow }) => ({ scope: 'workspace', workspace: webflow.workspace.id, eventType: '' }),
			credentials: ({ webflow }) => webflowCredentials(webflow.url, webflow.tokens.workspace),
			insert: ({ webflow }, count) => void webflow.insert({ count }),
		},
	},
	'webflow-site': {
		emulator: 'webflow',
		pageSize: 100,
		endsWithShortPage: false,
		setupRequests: 0,
		rateLimit: { kind: 'window', perWindow: 120, windowMs: 60_000, source: 'Enterprise: 120/min' },
		reset: resetWebflow,
		target: ({ webflow }, requestIntervalMs) => ({
			origin: webflow.url,
			baseUrl: webflow.url,
			secrets: { siteToken: webflow.tokens.site },
			ids: { siteId: webflow.sites[0].id },
			requestIntervalMs,
		}),
		expectedEvents: ({ webflow }) => webflow.siteEvents(webflow.sites[0].id),
		trigger: {
			nodeType: () => new WebflowAuditLogTrigger(),
			parameters: ({ webflow }) => ({ scope: 'site', siteId: webflow.sites[0].id }),
			credentials: ({ webflow }) => webflowCredentials(webflow.url, webflow.tokens.site),
			insert: ({ webflow }, count) => void webflow.insert({ count, target: { siteId: webflow.sites[0].id } }),
		},
	},
	make: {
		emulator: 'make',
		pageSize: 100,
		endsWithShortPage: true,
		setupRequests: 0,
		rateLimit: { kind: 'window', perWindow: 1000, windowMs: 60_000, source: 'Enterprise: 1,000/min' },
		reset: ({ make }, events, limit) => make.reset({ anchor: ANCHOR, eventCount: events, rateLimit: windowLimit(limit) }),
		target: ({ make }, requestIntervalMs) => ({
			origin: make.url,
			baseUrl: makeSandboxBaseUrl(make),
			secrets: { apiToken: make.apiKey },
			ids: { organizationId: String(make.organization.id) },
			requestIntervalMs,
		}),
		expectedEvents: ({ make }) => make.visibleEvents(),
		trigger: {
			nodeType: () => new MakeAuditLogTrigger(),
			parameters: ({ make }) => ({ scope: 'organization', organization: { __rl: true, mode: 'id', value: String(make.organization.id) }, filters: {} }),
			credentials: ({ make }) => ({
				makeAuditLogApi: { type: new MakeAuditLogApi(), data: { zone: 'custom', baseUrl: makeSandboxBaseUrl(make), apiToken: make.apiKey } },
			}),
			// Make's times are whole seconds: all in the current one.
			insert: ({ make }, count) => void make.insert({ count, spacingSeconds: 0 }),
		},
	},
	workiva: {
		emulator: 'workiva',
		pageSize: 1000,
		endsWithShortPage: false,
		setupRequests: 1,
		rateLimit: { kind: 'window', perWindow: 50, windowMs: 1000, source: 'legacy guide: 50/s, token endpoint included' },
		reset: ({ workiva }, events, limit) => workiva.reset({ anchor: ANCHOR, eventCount: events, rateLimit: windowLimit(limit) }),
		target: ({ workiva }, requestIntervalMs) => ({
			origin: workiva.url,
			baseUrl: workiva.url,
			secrets: { clientId: workiva.clientId, clientSecret: workiva.clientSecret, tokenPath: workiva.tokenPath },
			ids: { organizationId: workiva.organization.id },
			requestIntervalMs,
		}),
		expectedEvents: ({ workiva }) => workiva.visibleActivities({ orderBy: 'activityDateTime desc' }),
		trigger: {
			nodeType: () => new WorkivaActivityTrigger(),
			parameters: ({ workiva }) => ({ scope: 'organization', organizationId: workiva.organization.id, filters: {} }),
			credentials: ({ workiva }) => ({
				workivaOAuth2Api: {
					type: new WorkivaOAuth2Api(),
					data: {
						region: 'custom',
						baseUrl: workiva.url,
						endpointPath: workiva.tokenPath,
						clientId: workiva.clientId,
						clientSecret: workiva.clientSecret,
						apiVersion: '2026-01-01',
					},
				},
			}),
			insert: ({ workiva }, count) => void workiva.insert({ count }),
		},
	},
};

function webflowCredentials(baseUrl: string, accessToken: string): CredentialStore {
	return { webflowAuditLogApi: { type: new WebflowAuditLogApi(), data: { accessToken, baseUrl } } };
}

/** The limit with its window divided by `scale` (the same rate per scaled window). */
export function scaled(limit: RateLimit, scale: number): RateLimit {
	return { ...limit, windowMs: Math.max(1, Math.round(limit.windowMs / scale)) };
}

/**
 * The least time a limiter with a fresh budget needs to admit `requests` requests: a fixed
 * window admits `perWindow` per window from the first request on; Sim's bucket starts with
 * twice that and refills in whole windows.
 */
export function rateBoundMs(limit: RateLimit, requests: number): number {
	if (requests <= 0) return 0;
	if (limit.kind === 'window') return Math.floor((requests - 1) / limit.perWindow) * limit.windowMs;
	const beyondBurst = requests - 2 * limit.perWindow;
	return beyondBurst <= 0 ? 0 : Math.ceil(beyondBurst / limit.perWindow) * limit.windowMs;
}

export function describeLimit(limit: RateLimit): string {
	const window = limit.windowMs >= 1000 ? `${limit.windowMs / 1000} s` : `${limit.windowMs} ms`;
	return `${limit.perWindow}/${window}${limit.kind === 'bucket' ? ` (burst ${2 * limit.perWindow})` : ''}`;
}
