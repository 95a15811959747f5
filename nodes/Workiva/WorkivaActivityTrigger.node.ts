import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerSettings } from '../shared/descriptions';
import { pollAuditEvents } from '../shared/trigger';
import { workivaApi } from './api';
import { workivaTriggerSource } from './events';
import { organizationIdField, scopeField, triggerFilters, triggerOptions, workspaceIdField } from './fields';
import { loadOptions } from './methods';

export class WorkivaActivityTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Workiva Activity Trigger',
		name: 'workivaActivityTrigger',
		icon: { light: 'file:../../icons/workiva.svg', dark: 'file:../../icons/workiva.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["scope"] === "workspace" ? "Workspace activities" : "Organization activities"}}',
		description: 'Starts a workflow once for each new Workiva organization or workspace activity, oldest first',
		defaults: { name: 'Workiva Activity Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'workivaOAuth2Api', required: true }],
		properties: [scopeField, organizationIdField, workspaceIdField, triggerFilters, ...triggerSettings, triggerOptions],
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollAuditEvents(this, workivaApi, workivaTriggerSource);
	}
}
