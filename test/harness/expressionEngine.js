/*
 * Runs in each test file after jest is set up. n8n-workflow ≥ 2.41 evaluates expressions in
 * isolated-vm once the host has started its expression engine: n8n's CLI does so at startup, with
 * N8N_EXPRESSION_ENGINE (default `vm`). Start it the same way for each test file and stop it after,
 * so its isolates do not outlive the file. n8n-workflow 2.8 has no such engine: nothing to do.
 */
const { Expression } = require('n8n-workflow');

if (typeof Expression.initExpressionEngine === 'function') {
	beforeAll(async () => {
		// The defaults of n8n 2.41's ExpressionEngineConfig.
		await Expression.initExpressionEngine({
			engine: process.env.N8N_EXPRESSION_ENGINE || 'vm',
			poolSize: 1,
			maxCodeCacheSize: 1024,
			bridgeTimeout: 5000,
			bridgeMemoryLimit: 128,
		});
	});
	afterAll(async () => {
		await Expression.disposeExpressionEngine();
	});
}
