/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * The sandbox: one loopback emulator per provider, each on its own port.
 * Used by `npm run sandbox` (cli.ts) and by tests that want everything at once.
 */
import { startEmulators } from './kit';
import { type MakeEmulator, makeSandboxBaseUrl, startMakeEmulator } from './make';
import { type SimEmulator, startSimEmulator } from './sim';
import { startWebflowEmulator, type WebflowEmulator } from './webflow';
import { startWorkivaEmulator, type WorkivaEmulator } from './workiva';

export type SandboxProvider = 'sim' | 'webflow' | 'make' | 'workiva';

/** Fixed port offsets from `basePort`, so URLs stay stable as providers are added. */
export const SANDBOX_PORT_OFFSETS = { sim: 0, webflow: 1, make: 2, workiva: 3 } as const;

export const SANDBOX_PROVIDERS: readonly SandboxProvider[] = ['sim', 'webflow', 'make', 'workiva'];

export interface SandboxOptions {
	/** Default: every available provider. */
	providers?: SandboxProvider[];
	/** 0 (default) = random ports; else each provider at `basePort + SANDBOX_PORT_OFFSETS[p]`. */
	basePort?: number;
	host?: string;
	/**
	 * If set, insert new events every `trickleMs` (live demo): one per emulator; Webflow gets one
	 * workspace audit-log record and one activity record on its first site; Make one entry in its
	 * main organization; Workiva one activity in its organization.
	 */
	trickleMs?: number;
}

export interface SandboxEmulators {
	sim?: SimEmulator;
	webflow?: WebflowEmulator;
	make?: MakeEmulator;
	workiva?: WorkivaEmulator;
}

export interface Sandbox {
	emulators: SandboxEmulators;
	stop(): Promise<void>;
}

/** How to reach each emulator: what `npm start` needs to build credentials and workflows. */
export type SandboxEndpoints = Record<string, Record<string, string>>;

export function describeSandbox(emulators: SandboxEmulators): SandboxEndpoints {
	const endpoints: SandboxEndpoints = {};
	const { sim, webflow, make, workiva } = emulators;
	if (sim) endpoints.sim = { url: sim.url, apiKey: sim.apiKey, controlUrl: sim.controlUrl };
	if (webflow) {
		endpoints.webflow = {
			url: webflow.url,
			apiKey: webflow.apiKey,
			controlUrl: webflow.controlUrl,
			// Site activity logs need a site token, and the examples a workspace and a site.
			siteToken: webflow.tokens.site,
			workspaceId: webflow.workspace.id,
			siteId: webflow.sites[0].id,
		};
	}
	if (make) {
		endpoints.make = {
			url: make.url,
			// The eu1 zone's base URL (the credential's custom base URL); zone Z is `${url}/Z/api/v2`.
			baseUrl: makeSandboxBaseUrl(make),
			apiKey: make.apiKey,
			controlUrl: make.controlUrl,
			zone: 'eu1.make.com',
			organizationId: String(make.organization.id),
			teamId: String(make.teamAdminTeam.id),
			teamAdminToken: make.tokens.teamAdmin,
		};
	}
	if (workiva) {
		endpoints.workiva = {
			// The origin stands for a regional host (https://api.app.wdesk.com); activities are under
			// /admin/v1/... and without the prefix, for X-Version 2022-01-01 and 2026-01-01 alike.
			url: workiva.url,
			tokenPath: workiva.tokenPath,
			tokenUrl: `${workiva.url}${workiva.tokenPath}`,
			clientId: workiva.clientId,
			clientSecret: workiva.clientSecret,
			controlUrl: workiva.controlUrl,
			organizationId: workiva.organization.id,
			workspaceId: workiva.workspaces[0].id,
		};
	}
	return endpoints;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const {
		providers = [...SANDBOX_PROVIDERS],
		basePort = 0,
		host = '127.0.0.1',
		trickleMs,
	} = options;
	const portOf = (provider: SandboxProvider): number =>
		basePort ? basePort + SANDBOX_PORT_OFFSETS[provider] : 0;

	const starters: Record<string, () => Promise<SimEmulator | WebflowEmulator | MakeEmulator | WorkivaEmulator>> = {};
	if (providers.includes('sim'))
		starters.sim = () => startSimEmulator({ port: portOf('sim'), host });
	if (providers.includes('webflow'))
		starters.webflow = () => startWebflowEmulator({ port: portOf('webflow'), host });
	if (providers.includes('make'))
		starters.make = () => startMakeEmulator({ port: portOf('make'), host });
	if (providers.includes('workiva'))
		starters.workiva = () => startWorkivaEmulator({ port: portOf('workiva'), host });
	const { emulators, close } = await startEmulators(starters);
	const sandboxEmulators: SandboxEmulators = {
		sim: emulators.sim as SimEmulator | undefined,
		webflow: emulators.webflow as WebflowEmulator | undefined,
		make: emulators.make as MakeEmulator | undefined,
		workiva: emulators.workiva as WorkivaEmulator | undefined,
	};

	const tick = (): void => {
		const { sim, webflow, make, workiva } = sandboxEmulators;
		sim?.insert({ count: 1 });
		make?.insert({ count: 1 });
		workiva?.insert({ count: 1 });
		if (webflow) {
			webflow.insert({ count: 1 });
			webflow.insert({ count: 1, target: { siteId: webflow.sites[0].id } });
		}
	};
	const trickle = trickleMs && trickleMs > 0 ? setInterval(tick, trickleMs) : undefined;

	return {
		emulators: sandboxEmulators,
		stop: async () => {
			if (trickle) clearInterval(trickle);
			await close();
		},
	};
}
