/**
 * What `@n8n/expression-runtime` resolves to on the latest leg: the copy environment.js loaded
 * outside jest's sandbox (why: see there).
 */
'use strict';

const runtime = globalThis.__auditLogsExpressionRuntime;
if (!runtime) throw new Error('latest/environment.js did not load @n8n/expression-runtime');

// n8n-workflow loads it with `require` and with `await import(…)`; for the import, jest exposes
// only the names it can read here statically, so the three n8n-workflow 2.41 uses are written out.
exports.ExpressionEvaluator = runtime.ExpressionEvaluator;
exports.IsolatedVmBridge = runtime.IsolatedVmBridge;
exports.QuickJsBridge = runtime.QuickJsBridge;
for (const name of Object.keys(runtime)) exports[name] = runtime[name];
