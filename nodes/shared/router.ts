import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readOutputSettings, readRetryOptions } from './descriptions';
import { handleOperationError } from './errors';
import type { AuditLog } from './normalize';
import { formatEvent } from './normalize';
import { runsAsTool, TOOL_OUTPUT } from './tool';
import type { ProviderApi } from './transport';
import { ApiClient } from './transport';

/**
 * What an operation returns: the API's records. Audit events come with their log, and the
 * router applies the Output Format; other records (catalogues) are returned as they are.
 */
export interface OperationResult<E extends object = object> {
	events: E[];
	log?: AuditLog<E>;
}

export type Operation = (this: IExecuteFunctions, client: ApiClient, itemIndex: number) => Promise<OperationResult>;

export interface OperationModule {
	execute: Operation;
}

/** resource → operation → the operation's module. */
export type ResourceMap = Record<string, Record<string, OperationModule>>;

/**
 * Runs the chosen operation once per input item with its own API client, so each item's
 * retry options apply and errors are reported against that item. It formats the records
 * and pairs each output item with the input item that produced it. As a tool, events come
 * Normalized without `raw` unless the Output Format option says otherwise.
 */
export async function routeOperations(
	this: IExecuteFunctions,
	api: ProviderApi,
	resources: ResourceMap,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const module = resources[resource]?.[operation];
			if (!module) {
				const accepted = resources[resource]
					? `Operation must be one of: ${Object.keys(resources[resource]).join(', ')}`
					: `Resource must be one of: ${Object.keys(resources).join(', ')}`;
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`, {
					description: accepted,
					itemIndex,
				});
			}
			const retry = readRetryOptions(this, 'options', itemIndex);
			const client = new ApiClient(this, api, { retry, timeoutMs: retry.timeoutMs, itemIndex, pagesAhead: true });
			const result = await module.execute.call(this, client, itemIndex);
			const { log } = result;
			const settings = log && readOutputSettings(this, 'options', itemIndex, runsAsTool(this) ? TOOL_OUTPUT : undefined);
			for (const event of result.events) {
				output.push({
					json: log && settings ? formatEvent(event, log, settings) : (event as INodeExecutionData['json']),
					pairedItem: { item: itemIndex },
				});
			}
		} catch (error) {
			output.push(...handleOperationError(this, error as Error, itemIndex));
		}
	}
	return [output];
}
