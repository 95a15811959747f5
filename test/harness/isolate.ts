import type { Workflow } from 'n8n-workflow';

interface IsolateHolder {
	acquireIsolate?(): Promise<unknown>;
	releaseIsolate?(): Promise<void>;
}

/**
 * Runs `evaluate` holding the workflow's expression isolate. n8n-workflow ≥ 2.41 evaluates
 * expressions in isolated-vm, and a workflow that resolves expressions outside an execution (a
 * credential's defaults, a credential test's base URL, an editor dropdown) must hold one first, as
 * n8n's CLI does; 2.8 has no isolates.
 */
export async function withExpressionIsolate<T>(workflow: Workflow, evaluate: () => T | Promise<T>): Promise<T> {
	const expression = workflow.expression as unknown as IsolateHolder;
	if (typeof expression.acquireIsolate !== 'function' || typeof expression.releaseIsolate !== 'function') return await evaluate();
	await expression.acquireIsolate();
	try {
		return await evaluate();
	} finally {
		await expression.releaseIsolate();
	}
}
