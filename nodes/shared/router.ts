import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRetryOptions } from './descriptions';
import { handleOperationError } from './errors';
import type { ProviderApi } from './transport';
import { ApiClient } from './transport';

export type Operation = (this: IExecuteFunctions, client: ApiClient, itemIndex: number) => Promise<INodeExecutionData[]>;

/** resource → operation → module exporting `execute`, as the resource files re-export them. */
export type ResourceMap = Record<string, Record<string, unknown>>;

/**
 * Runs the chosen operation once per input item with its own API client, so each item's
 * retry options apply and errors are reported against that item.
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
			const module = resources[resource]?.[operation] as { execute?: Operation } | undefined;
			if (typeof module?.execute !== 'function') {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`, {
					itemIndex,
				});
			}
			const client = new ApiClient(this, api, { retry: readRetryOptions(this, 'options', itemIndex), itemIndex });
			output.push(...(await module.execute.call(this, client, itemIndex)));
		} catch (error) {
			output.push(...handleOperationError(this, error as Error, itemIndex));
		}
	}
	return [output];
}
