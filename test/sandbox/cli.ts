/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * `npm run sandbox`: start every emulator on fixed loopback ports and print how to reach them.
 *   SANDBOX_PORT        base port (default 4010; sim = base + 0, webflow = base + 1, make = base + 2,
 *                       workiva = base + 3)
 *   SANDBOX_TRICKLE_MS  insert one new event per emulator every N ms (default off)
 *   --trickle           same as SANDBOX_TRICKLE_MS=5000
 */
import { describeSandbox, startSandbox } from './index';
import { makeSandboxBaseUrl } from './make';

function readPositiveInt(value: string | undefined, name: string): number | undefined {
	if (value === undefined || value === '') return undefined;
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < 0)
		throw new Error(`${name} must be a non-negative integer, got "${value}"`);
	return parsed;
}

async function main(): Promise<void> {
	const basePort = readPositiveInt(process.env.SANDBOX_PORT, 'SANDBOX_PORT') ?? 4010;
	const trickleMs =
		readPositiveInt(process.env.SANDBOX_TRICKLE_MS, 'SANDBOX_TRICKLE_MS') ??
		(process.argv.includes('--trickle') ? 5000 : undefined);

	const sandbox = await startSandbox({ basePort, trickleMs });
	const lines: string[] = [];
	const { sim, webflow, make, workiva } = sandbox.emulators;
	if (sim) {
		lines.push(`sim  ${sim.url}  X-API-Key: ${sim.apiKey}  (control: ${sim.controlUrl}/info)`);
	}
	if (webflow) {
		lines.push(
			`webflow  ${webflow.url}/v2  Bearer ${webflow.apiKey}  workspace ${webflow.workspace.slug} (${webflow.workspace.id})  site ${webflow.sites[0].id} token ${webflow.tokens.site}  (control: ${webflow.controlUrl}/info)`,
		);
	}
	if (make) {
		const { organization: org, teamAdminTeam: team } = make;
		lines.push(
			`make  ${makeSandboxBaseUrl(make)}  Token ${make.apiKey}  org ${org.name} (${org.id})  team ${team.name} (${team.id}) token ${make.tokens.teamAdmin}  zones: ${make.url}/<zone>/api/v2  (control: ${make.controlUrl}/info)`,
		);
	}
	if (workiva) {
		const { organization: org, workspaces } = workiva;
		lines.push(
			`workiva  ${workiva.url}  token ${workiva.url}${workiva.tokenPath}  client ${workiva.clientId} / ${workiva.clientSecret}  org ${org.name} (${org.id})  workspace ${workspaces[0].name} (${workspaces[0].id})  paths /admin/v1/... or bare, X-Version 2022-01-01 (default) or 2026-01-01  (control: ${workiva.controlUrl}/info)`,
		);
	}
	if (trickleMs) lines.push(`trickle: one new event per emulator every ${trickleMs} ms`);
	lines.push('Ctrl+C to stop.');
	// One machine-readable line for scripts that start the sandbox (host/start.js).
	lines.push(`SANDBOX_READY ${JSON.stringify(describeSandbox(sandbox.emulators))}`);
	process.stdout.write(`${lines.join('\n')}\n`);

	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping sandbox\n`);
		sandbox.stop().then(
			() => process.exit(0),
			(error: unknown) => {
				process.stderr.write(`${String(error)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	process.stderr.write(
		`sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
	);
	process.exit(1);
});
