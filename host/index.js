// Everything the e2e tests need from the host, in one require.
'use strict';

module.exports = {
	...require('./ensure'),
	...require('./lib/api'),
	...require('./lib/n8n'),
	...require('./lib/package'),
	...require('./lib/proc'),
	...require('./lib/services'),
	...require('./lib/sink'),
	...require('./lib/workflows'),
};
