import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { commonOptions, triggerSettings } from '../shared/descriptions';
import { pollAuditEvents } from '../shared/trigger';
import { makeApi } from './api';
import { makeTriggerSource } from './events';
import { organizationField, organizationTriggerFilters, teamField, teamTriggerFilters } from './fields';
import { listSearch, loadOptions } from './methods';

const forScope = (scope: string) => ({ displayOptions: { show: { scope: [scope] } } });

export class MakeAuditLogTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Make Audit Log Trigger',
		name: 'makeAuditLogTrigger',
		icon: { light: 'file:../../icons/make.svg', dark: 'file:../../icons/make.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["scope"] === "team" ? "Team audit log" : "Organization audit log"}}',
		description: 'Starts a workflow once for each new Make organization or team audit-log event, oldest first',
		defaults: { name: 'Make Audit Log Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'makeAuditLogApi', required: true }],
		properties: [
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'options',
				default: 'organization',
				options: [
					{ name: 'Organization Audit Log', value: 'organization', description: 'Needs the organization Owner or Admin role' },
					{ name: 'Team Audit Log', value: 'team', description: 'Needs the Team Admin role' },
				],
			},
			{ ...organizationField, ...forScope('organization') },
			{
				...organizationField,
				required: false,
				description: 'Only used to list its teams below; the team log itself needs just the team',
				...forScope('team'),
			},
			{ ...teamField, ...forScope('team') },
			{ ...organizationTriggerFilters, ...forScope('organization') },
			{ ...teamTriggerFilters, ...forScope('team') },
			...triggerSettings,
			commonOptions,
		],
	};

	methods = { listSearch, loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollAuditEvents(this, makeApi, makeTriggerSource);
	}
}
