import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { commonOptions, triggerSettings } from '../shared/descriptions';
import { pollAuditEvents } from '../shared/trigger';
import { simApi } from './api';
import { simTriggerSource } from './events';
import { triggerFilters } from './filters';

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
		properties: [...triggerSettings, triggerFilters, commonOptions],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollAuditEvents(this, simApi, simTriggerSource);
	}
}
