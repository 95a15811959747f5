/**
 * What the soak needs of each trigger and its emulator: how to start it, insert events at a
 * chosen time, list what the trigger's filter should see, and tell events apart the way the
 * trigger does.
 */
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { timeOf as makeTimeOf } from '../../nodes/Make/api';
import { makeTriggerSource } from '../../nodes/Make/events';
import { MakeAuditLogTrigger } from '../../nodes/Make/MakeAuditLogTrigger.node';
import type { MakeAuditLogEntry } from '../../nodes/Make/types';
import { timeOf as simTimeOf } from '../../nodes/Sim/api';
import { simTriggerSource } from '../../nodes/Sim/events';
import { SimAuditLogTrigger } from '../../nodes/Sim/SimAuditLogTrigger.node';
import type { SimAuditLogEntry } from '../../nodes/Sim/types';
import type { WebflowSiteActivityLogItem, WebflowWorkspaceAuditLogItem } from '../../nodes/Webflow/api';
import { siteTimeOf, workspaceEventId, workspaceTimeOf } from '../../nodes/Webflow/api';
import { siteTriggerSource, workspaceTriggerSource } from '../../nodes/Webflow/events';
import { WebflowAuditLogTrigger } from '../../nodes/Webflow/WebflowAuditLogTrigger.node';
import { activityIdentity, timeOf as workivaTimeOf } from '../../nodes/Workiva/api';
import { workivaTriggerSource } from '../../nodes/Workiva/events';
import type { WorkivaActivity } from '../../nodes/Workiva/types';
import { WorkivaActivityTrigger } from '../../nodes/Workiva/WorkivaActivityTrigger.node';
import type { CredentialStore } from '../harness/n8n';
import { makeCredentials } from '../make/setup';
import type { Emulator, FaultConfig, Random } from '../sandbox/kit';
import { startMakeEmulator } from '../sandbox/make';
import { startSimEmulator } from '../sandbox/sim';
import { ANCHOR } from '../sandbox/testing';
import { startWebflowEmulator } from '../sandbox/webflow';
import { startWorkivaEmulator } from '../sandbox/workiva';
import { simCredentials } from '../sim/setup';
import { webflowCredentials } from '../webflow/setup';
import { workivaCredentials } from '../workiva/setup';

/** When inserted events happen: `count` of them, the newest at `at` (epoch ms), `spacingMs` apart. */
export interface InsertTiming {
	count: number;
	at: number;
	spacingMs: number;
}

/** One running emulator, set up for one trigger. */
export interface SoakSession {
	emulator: Emulator;
	parameters: INodeParameters;
	credentials: CredentialStore;
	/** Inserts events; returns them as the API shows them. */
	insert(timing: InsertTiming): IDataObject[];
	/** Every event the trigger's selection matches, as the API shows them. */
	visible(): IDataObject[];
	/** Provider chaos between polls (Workiva: expired tokens); returns what it did, if anything. */
	betweenPolls?(random: Random): string | undefined;
	/** Ends the chaos, for the quiet polls at the end. */
	settle?(): void;
}

export interface SoakTarget {
	/** The table's label. */
	name: string;
	trigger: INodeType;
	/** The trigger's own look-back (from its events.ts). */
	lookbackMs: number;
	/** The unit of the API's timestamps: events of one unit are a "same timestamp" burst. */
	granularityMs: number;
	/** The API's page size on the trigger's walks; a poll's budget only cuts a walk of several pages. */
	pageSize: number;
	/** The largest burst of one timestamp the soak inserts (Sim: below a page, see README). */
	maxBurst: number;
	/** The key the trigger de-duplicates on. */
	identityOf(event: IDataObject): string;
	timeOf(event: IDataObject): number;
	/** Switches on the fault config that stay on for the whole soak (setFaults replaces the config). */
	switches: FaultConfig;
	/** Switches for one poll, on top of `switches`. */
	switchesFor?(random: Random): FaultConfig;
	start(): Promise<SoakSession>;
}

/** The seeded history ends at ANCHOR: a few hundred events are enough as a past. */
const SEEDED = 300;
/** No real rate limiting: the soak injects its own 429s, with a Retry-After it chooses. */
const ROOMY = { perWindow: 1_000_000, windowMs: 60_000 };

const iso = (ms: number) => new Date(ms).toISOString();

/** Content hashes are costly; the emulators hand out the same frozen objects again and again. */
function cached<T extends object>(identity: (event: T) => string): (event: IDataObject) => string {
	const cache = new WeakMap<object, string>();
	return (event) => {
		let key = cache.get(event);
		if (key === undefined) {
			key = identity(event as unknown as T);
			cache.set(event, key);
		}
		return key;
	};
}

export const simTarget: SoakTarget = {
	name: 'Sim',
	trigger: new SimAuditLogTrigger(),
	lookbackMs: simTriggerSource.adapter({ filters: {} }).lookbackMs,
	granularityMs: 1,
	pageSize: 100,
	// With the precision quirk on, Sim cannot page past more than 100 rows of one millisecond.
	maxBurst: 60,
	identityOf: (event) => String((event as unknown as SimAuditLogEntry).id),
	timeOf: (event) => simTimeOf(event as unknown as SimAuditLogEntry),
	// Sim's real behaviour: microseconds stored, milliseconds in cursors and dates.
	switches: { precisionQuirk: true },
	async start() {
		const sim = await startSimEmulator({ anchor: ANCHOR, eventCount: SEEDED, rateLimit: { refillPerWindow: 1_000_000, windowMs: 60_000 } });
		return {
			emulator: sim,
			parameters: { startFrom: 'now', filters: {} },
			credentials: simCredentials(sim),
			insert: ({ count, at, spacingMs }) => sim.insert({ count, at: iso(at), spacingMs }) as unknown as IDataObject[],
			visible: () => sim.visibleEvents() as unknown as IDataObject[],
		};
	},
};

export const webflowWorkspaceTarget: SoakTarget = {
	name: 'Webflow workspace audit log',
	trigger: new WebflowAuditLogTrigger(),
	lookbackMs: workspaceTriggerSource.adapter({ scope: 'workspace', workspace: 'w', eventType: null }).lookbackMs,
	granularityMs: 1,
	pageSize: 100,
	maxBurst: 80,
	identityOf: cached(workspaceEventId),
	timeOf: (event) => workspaceTimeOf(event as unknown as WebflowWorkspaceAuditLogItem),
	switches: {},
	async start() {
		const webflow = await startWebflowEmulator({ anchor: ANCHOR, eventCount: SEEDED, siteEventCount: 50, rateLimit: ROOMY });
		return {
			emulator: webflow,
			parameters: { scope: 'workspace', workspace: webflow.workspace.id, eventType: '', startFrom: 'now' },
			credentials: webflowCredentials(webflow),
			insert: ({ count, at, spacingMs }) => webflow.insert({ count, at: iso(at), spacingMs }) as unknown as IDataObject[],
			visible: () => webflow.workspaceEvents() as unknown as IDataObject[],
		};
	},
};

export const webflowSiteTarget: SoakTarget = {
	name: 'Webflow site activity log',
	trigger: new WebflowAuditLogTrigger(),
	lookbackMs: siteTriggerSource.adapter({ scope: 'site', siteId: 's' }).lookbackMs,
	granularityMs: 1,
	pageSize: 100,
	maxBurst: 80,
	identityOf: (event) => String((event as unknown as WebflowSiteActivityLogItem).id),
	timeOf: (event) => siteTimeOf(event as unknown as WebflowSiteActivityLogItem),
	switches: {},
	async start() {
		const webflow = await startWebflowEmulator({ anchor: ANCHOR, eventCount: 50, siteEventCount: SEEDED, rateLimit: ROOMY });
		const siteId = webflow.sites[0].id;
		return {
			emulator: webflow,
			parameters: { scope: 'site', siteId, startFrom: 'now' },
			credentials: webflowCredentials(webflow, webflow.tokens.site),
			insert: ({ count, at, spacingMs }) =>
				webflow.insert({ count, at: iso(at), spacingMs, target: { siteId } }) as unknown as IDataObject[],
			visible: () => webflow.siteEvents(siteId) as unknown as IDataObject[],
		};
	},
};

export const makeTarget: SoakTarget = {
	name: 'Make organization log',
	trigger: new MakeAuditLogTrigger(),
	lookbackMs: makeTriggerSource.adapter({ scope: { organizationId: 1 }, events: null, authors: null, teams: null }).lookbackMs,
	granularityMs: 1000,
	pageSize: 100,
	maxBurst: 150,
	identityOf: (event) => String((event as unknown as MakeAuditLogEntry).uuid),
	timeOf: (event) => makeTimeOf(event as unknown as MakeAuditLogEntry),
	switches: {},
	async start() {
		const make = await startMakeEmulator({ anchor: ANCHOR, eventCount: SEEDED, rateLimit: ROOMY });
		return {
			emulator: make,
			parameters: {
				scope: 'organization',
				organization: { __rl: true, mode: 'list', value: String(make.organization.id) },
				startFrom: 'now',
				filters: {},
			},
			credentials: makeCredentials(make),
			// The emulator reads `spacingMs` when `spacingSeconds` is absent; triggeredAt keeps whole seconds.
			insert: ({ count, at, spacingMs }) => make.insert({ count, at: iso(at), spacingMs }) as unknown as IDataObject[],
			visible: () => make.visibleEvents() as unknown as IDataObject[],
		};
	},
};

export const workivaTarget: SoakTarget = {
	name: 'Workiva organization activities',
	trigger: new WorkivaActivityTrigger(),
	lookbackMs: workivaTriggerSource.adapter({ scope: { organizationId: 'o' }, filter: {}, pathStyle: 'documented' }).lookbackMs,
	granularityMs: 1000,
	pageSize: 1000,
	maxBurst: 150,
	identityOf: cached(activityIdentity),
	timeOf: (event) => workivaTimeOf(event as unknown as WorkivaActivity),
	switches: {},
	// Workiva does not promise stable activity IDs: on these polls every read hands out new ones
	// (only on some: new IDs for every activity of every page are costly for the emulator).
	switchesFor: (random) => (random.chance(0.3) ? { unstableIds: true } : {}),
	async start() {
		const workiva = await startWorkivaEmulator({ anchor: ANCHOR, eventCount: SEEDED, rateLimit: ROOMY });
		const defaultLifetime = workiva.options().tokenExpiresIn;
		let shortLived = false;
		const settle = () => {
			if (shortLived) workiva.setTokenLifetime(defaultLifetime);
			shortLived = false;
		};
		return {
			emulator: workiva,
			parameters: { scope: 'organization', organizationId: workiva.organization.id, startFrom: 'now', filters: {} },
			credentials: workivaCredentials(workiva),
			insert: ({ count, at, spacingMs }) => workiva.insert({ count, at: iso(at), spacingMs }) as unknown as IDataObject[],
			visible: () => workiva.visibleActivities() as unknown as IDataObject[],
			settle,
			betweenPolls(random) {
				settle();
				// Tokens also expire by themselves whenever the clock jumps past their lifetime.
				if (random.chance(0.08)) {
					workiva.expireTokens();
					return 'tokens expired';
				}
				if (random.chance(0.05)) {
					// Tokens issued in this poll die within a few pages: a renewal in the middle of a walk.
					workiva.setTokenLifetime(random.int(20, 300) / 1000);
					shortLived = true;
					return 'short token lifetime';
				}
				return undefined;
			},
		};
	},
};

export const SOAK_TARGETS: SoakTarget[] = [simTarget, webflowWorkspaceTarget, makeTarget, workivaTarget, webflowSiteTarget];
