/**
 * Jest resolver of the latest leg: `n8n-core` and `n8n-workflow` (and their subpaths), wherever the
 * test, the harness or a node asks for them, resolve as if asked from the leg's own install, so
 * there is one copy of each and it is the 2.41 pair. n8n-workflow's expression runtime is loaded
 * outside jest's sandbox (expressionRuntime.js). Everything else resolves as usual.
 */
'use strict';

const path = require('node:path');

const PAIR = /^(n8n-core|n8n-workflow)(\/.*)?$/;

module.exports = (request, options) => {
	const modules = process.env.AUDIT_LOGS_LATEST_MODULES;
	if (modules && PAIR.test(request)) return options.defaultResolver(request, { ...options, basedir: path.dirname(modules) });
	// The copy loaded outside jest's sandbox, by environment.js (why: see there).
	if (modules && request === '@n8n/expression-runtime') return path.join(__dirname, 'expressionRuntime.js');
	return options.defaultResolver(request, options);
};
