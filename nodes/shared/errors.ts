import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * The one place that decides what a failed item becomes: an error item when the node
 * continues on fail, otherwise an n8n error that names the item.
 */
export function handleOperationError(
	ctx: IExecuteFunctions,
	error: Error,
	itemIndex: number,
): INodeExecutionData[] {
	if (ctx.continueOnFail()) {
		const description = (error as { description?: string }).description;
		return [
			{
				json: { error: error.message, ...(description ? { description } : {}) },
				pairedItem: { item: itemIndex },
			},
		];
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		throw error;
	}
	throw new NodeOperationError(ctx.getNode(), error, { itemIndex });
}
