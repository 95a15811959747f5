/**
 * The jest environment of the latest leg: jest's Node environment, plus n8n-workflow's expression
 * runtime loaded here, by Node itself, in the realm isolated-vm hands its results to.
 * n8n-workflow 2.41 evaluates expressions in isolated-vm; the runtime rebuilds luxon DateTimes from
 * what comes back only if it sees plain objects of its own realm. Loaded inside jest's sandbox
 * (another realm) it would not, and `{{ $now.minus({ days: 3 }) }}` would reach a node as a marker
 * object instead of a date, which never happens in n8n, where there is one realm.
 * expressionRuntime.js hands this copy to the tests.
 */
'use strict';

const path = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

const RUNTIME_KEY = '__auditLogsExpressionRuntime';

class LatestEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		const modules = process.env.AUDIT_LOGS_LATEST_MODULES;
		const runtimePath = require.resolve('@n8n/expression-runtime', { paths: [path.join(modules, 'n8n-workflow')] });
		this.global[RUNTIME_KEY] = require(runtimePath);
	}
}

module.exports = LatestEnvironment;
module.exports.RUNTIME_KEY = RUNTIME_KEY;
