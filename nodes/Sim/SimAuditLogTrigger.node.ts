import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { outputFormatOption, readRetryOptions, readStartFrom, retryOptions, triggerSettings } from '../shared/descriptions';
import type { OutputFormat } from '../shared/normalize';
import { formatEvent } from '../shared/normalize';
import { pollDeadline, runPoll } from '../shared/pollEngine';
import { ApiClient } from '../shared/transport';
import { parseDateParam } from '../shared/validate';
import { normalizeSimEntry, simApi } from './api';
import { simEvents } from './events';
import { readFilters, triggerFilters } from './filters';

export class SimAuditLogTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sim Audit Log Trigger',
		name: 'simAuditLogTrigger',
		icon: { light: 'file:../../icons/sim.svg', dark: 'file:../../icons/sim.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"New audit events" + ($parameter["filters"]["action"] ? ": " + $parameter["filters"]["action"] : "")}}',
		description: 'Starts a workflow once for each new Sim audit-log event, oldest first',
		defaults: { name: 'Sim Audit Log Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'simAuditLogApi', required: true }],
		properties: [
			...triggerSettings,
			triggerFilters,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [outputFormatOption, ...retryOptions],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const filters = readFilters(node, this.getNodeParameter('filters', {}) as IDataObject);
		const format = this.getNodeParameter('options.outputFormat', 'raw') as OutputFormat;
		const credentials = await this.getCredentials('simAuditLogApi');
		const client = new ApiClient(this, simApi, { retry: readRetryOptions(this, 'options'), deadline: pollDeadline(this) });

		const events = await runPoll(this, client, simEvents(filters), {
			configuration: { filters, baseUrl: credentials.baseUrl, credential: node.credentials?.simAuditLogApi?.id ?? null },
			startFrom: readStartFrom(this, (label, value) => parseDateParam(node, label, value)),
			maxEventsPerPoll: this.getNodeParameter('maxEventsPerPoll', 100) as number,
			manualSampleSize: 3,
		});
		if (!events) return null;
		return [events.map((entry) => ({ json: formatEvent(entry, format, normalizeSimEntry) }))];
	}
}
