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
		const description = descriptionOf(error);
		return [
			{
				json: { error: messageOf(error), ...(description ? { description } : {}) },
				pairedItem: { item: itemIndex },
			},
		];
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		throw error;
	}
	// Anything else goes on as its message, description and stack only: the object itself may be
	// a raw HTTP error that carries the request, headers and credentials included.
	const plain = new Error(messageOf(error));
	if (error instanceof Error && typeof error.stack === 'string') plain.stack = error.stack;
	throw new NodeOperationError(ctx.getNode(), plain, { itemIndex, description: descriptionOf(error) });
}

function messageOf(error: unknown): string {
	if (error instanceof Error) return error.message;
	const message = (error as { message?: unknown } | null | undefined)?.message;
	return typeof message === 'string' ? message : String(error);
}

function descriptionOf(error: unknown): string | undefined {
	const description = (error as { description?: unknown } | null | undefined)?.description;
	return typeof description === 'string' && description ? description : undefined;
}
