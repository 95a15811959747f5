import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { readRetryOptions, readStartFrom } from './descriptions';
import type { NormalizedAuditEvent, OutputFormat } from './normalize';
import { formatEvent } from './normalize';
import type { PollAdapter } from './pollEngine';
import { pollDeadline, runPoll } from './pollEngine';
import type { ProviderApi } from './transport';
import { ApiClient } from './transport';
import { parseDateParam } from './validate';

/**
 * A trigger node's whole poll(): the common settings, one API client within the poll's
 * time budget, the engine, and the chosen output format.
 */
export async function pollAuditEvents<E extends object>(
	ctx: IPollFunctions,
	api: ProviderApi,
	adapter: PollAdapter<E>,
	/** What selects the events (filters, scope); a change starts from a new baseline. */
	selection: IDataObject,
	normalize: (event: E) => NormalizedAuditEvent,
): Promise<INodeExecutionData[][] | null> {
	const node = ctx.getNode();
	const credentials = await ctx.getCredentials(api.credentialType);
	const client = new ApiClient(ctx, api, { retry: readRetryOptions(ctx, 'options'), deadline: pollDeadline(ctx) });

	const events = await runPoll(ctx, client, adapter, {
		configuration: {
			selection,
			baseUrl: api.baseUrlOf(credentials),
			credential: node.credentials?.[api.credentialType]?.id ?? null,
		},
		startFrom: readStartFrom(ctx, (label, value) => parseDateParam(node, label, value)),
		maxEventsPerPoll: ctx.getNodeParameter('maxEventsPerPoll', 100) as number,
		manualSampleSize: 3,
	});
	if (!events) return null;
	const format = ctx.getNodeParameter('options.outputFormat', 'raw') as OutputFormat;
	return [events.map((event) => ({ json: formatEvent(event, format, normalize) }))];
}
