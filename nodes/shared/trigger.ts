import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { readOutputSettings, readRetryOptions, readStartFrom } from './descriptions';
import type { AuditLog } from './normalize';
import { formatEvent } from './normalize';
import type { PollAdapter } from './pollEngine';
import { pollDeadline, runPoll } from './pollEngine';
import type { ProviderApi } from './transport';
import { ApiClient } from './transport';
import { parseDateParam } from './validate';

/**
 * What a trigger polls. The adapter is built from the selection alone, and the selection is
 * what the trigger's fingerprint hashes: a filter cannot reach the API without also
 * restarting the trigger from a new baseline when it changes.
 */
export interface TriggerSource<S extends IDataObject, E extends object> {
	/** Reads and checks the trigger's parameters: everything that selects events, as plain JSON. */
	selection(ctx: IPollFunctions): S;
	adapter(selection: S): PollAdapter<E>;
	/** The log the selection reads, for the Output Format. */
	log(selection: S): AuditLog<E>;
}

/**
 * A trigger node's whole poll(): the common settings, one API client within the poll's
 * time budget, the engine, and the chosen output format.
 */
export async function pollAuditEvents<S extends IDataObject, E extends object>(
	ctx: IPollFunctions,
	api: ProviderApi,
	source: TriggerSource<S, E>,
): Promise<INodeExecutionData[][] | null> {
	const node = ctx.getNode();
	const selection = source.selection(ctx);
	const retry = readRetryOptions(ctx, 'options');
	const client = new ApiClient(ctx, api, { retry, timeoutMs: retry.timeoutMs, deadline: pollDeadline(ctx) });

	const events = await runPoll(ctx, client, source.adapter(selection), {
		configuration: {
			selection,
			baseUrl: (await client.getBaseUrl()).toString(),
			credential: node.credentials?.[api.credentialType]?.id ?? null,
		},
		startFrom: readStartFrom(ctx, (label, value) => parseDateParam(node, label, value)),
		maxEventsPerPoll: ctx.getNodeParameter('maxEventsPerPoll', 100) as number,
		manualSampleSize: 3,
	});
	if (!events) return null;
	const log = source.log(selection);
	const settings = readOutputSettings(ctx, 'options');
	return [events.map((event) => ({ json: formatEvent(event, log, settings) }))];
}
