/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * The sandbox: one loopback emulator per provider, each on its own port.
 * Used by `npm run sandbox` (cli.ts) and by tests that want everything at once.
 */
import { startEmulators } from './kit';
import { type SimEmulator, startSimEmulator } from './sim';

export type SandboxProvider = 'sim';

/** Fixed port offsets from `basePort`, so URLs stay stable as providers are added. */
export const SANDBOX_PORT_OFFSETS = { sim: 0, webflow: 1, make: 2, workiva: 3 } as const;

export const SANDBOX_PROVIDERS: readonly SandboxProvider[] = ['sim'];

export interface SandboxOptions {
	/** Default: every available provider. */
	providers?: SandboxProvider[];
	/** 0 (default) = random ports; else each provider at `basePort + SANDBOX_PORT_OFFSETS[p]`. */
	basePort?: number;
	host?: string;
	/** If set, insert one new event into every emulator every `trickleMs` (live demo). */
	trickleMs?: number;
}

export interface SandboxEmulators {
	sim?: SimEmulator;
}

export interface Sandbox {
	emulators: SandboxEmulators;
	stop(): Promise<void>;
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

	const starters: Record<string, () => Promise<SimEmulator>> = {};
	if (providers.includes('sim'))
		starters.sim = () => startSimEmulator({ port: portOf('sim'), host });
	const { emulators, close } = await startEmulators(starters);
	const sandboxEmulators: SandboxEmulators = { sim: emulators.sim };

	const trickle =
		trickleMs && trickleMs > 0
			? setInterval(() => {
					for (const emulator of Object.values(emulators)) emulator.insert({ count: 1 });
				}, trickleMs)
			: undefined;

	return {
		emulators: sandboxEmulators,
		stop: async () => {
			if (trickle) clearInterval(trickle);
			await close();
		},
	};
}
