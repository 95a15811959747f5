// A stand-in SIEM: a loopback HTTP server that records every request it receives, so the
// "forward audit events" examples have somewhere to send to and tests can see what arrived.
//   <any method> <any path>   → 200 { ok: true }, recorded
//   GET  /_sink/received      → { received: [{ at, method, path, headers, body }] }
//   DELETE /_sink/received    → clears the record
'use strict';

const http = require('node:http');

function startSink({ port = 0, onReceive } = {}) {
	const received = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const reply = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (req.url === '/_sink/received') {
				if (req.method === 'DELETE') received.length = 0;
				return reply(200, { received });
			}
			let body = raw;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				// Not JSON: keep the text.
			}
			const entry = { at: new Date().toISOString(), method: req.method, path: req.url, headers: req.headers, body };
			received.push(entry);
			onReceive?.(entry);
			reply(200, { ok: true });
		});
	});
	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const url = `http://127.0.0.1:${server.address().port}`;
			resolve({
				url,
				received: () => [...received],
				clear: () => (received.length = 0),
				stop: () =>
					new Promise((done) => {
						server.close(() => done());
						server.closeAllConnections(); // n8n keeps connections alive
					}),
			});
		});
	});
}

module.exports = { startSink };
