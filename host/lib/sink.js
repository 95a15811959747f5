// A stand-in SIEM: a loopback HTTP server that records every request it receives, so the
// "forward audit events" examples have somewhere to send to and tests can see what arrived.
//   <any method> <any path>   → 200 { ok: true }, recorded
//   GET  /_sink/received      → { received: [{ at, method, path, headers, body, problems? }] }
//   DELETE /_sink/received    → clears the record
// `check(entry)`, if given, looks at each request as it arrives and returns what is wrong with it
// (an array of strings, empty when nothing is); the entry keeps them as `problems`. The sink still
// answers 200, so a bad delivery shows up in the record instead of failing the sender.
// `hold()` keeps later deliveries waiting for their answer (they are recorded on arrival) until
// `release()`, so a test can catch a sender in the middle of its work.
'use strict';

const http = require('node:http');

function startSink({ port = 0, onReceive, check } = {}) {
	const received = [];
	let held; // answers withheld while holding
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
			if (check) entry.problems = problemsOf(check, entry);
			received.push(entry);
			onReceive?.(entry);
			if (held) held.push(() => reply(200, { ok: true }));
			else reply(200, { ok: true });
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
				hold: () => (held ??= []),
				release: () => {
					const waiting = held ?? [];
					held = undefined;
					for (const answer of waiting) answer();
				},
				stop: () =>
					new Promise((done) => {
						server.close(() => done());
						server.closeAllConnections(); // n8n keeps connections alive
					}),
			});
		});
	});
}

/** What `check` finds wrong with an entry, as strings; a check that throws or answers oddly is a problem too. */
function problemsOf(check, entry) {
	try {
		const problems = check(entry);
		// Strict on purpose: a check that forgets to return must not pass everything.
		if (!Array.isArray(problems)) return [`check returned ${problems === null ? 'null' : typeof problems}, not an array of strings`];
		return problems.map(String);
	} catch (error) {
		return [`check threw: ${error instanceof Error ? error.message : String(error)}`];
	}
}

module.exports = { startSink };
