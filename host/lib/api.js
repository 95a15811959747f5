// The few HTTP calls a headless n8n 2.8.4 needs: owner setup or login (internal REST API,
// cookie auth), an API key, then the public API for executions.
// n8n 2.8.4 has no N8N_INSTANCE_OWNER_* variables (they arrived later), hence /rest/owner/setup.
'use strict';

const { randomUUID } = require('node:crypto');

const DEFAULT_OWNER = {
	email: process.env.AUDIT_LOGS_N8N_EMAIL || 'admin@example.com',
	// n8n requires 8–64 characters with a digit and an upper-case letter.
	password: process.env.AUDIT_LOGS_N8N_PASSWORD || 'Sandbox-Passw0rd',
	firstName: 'Sandbox',
	lastName: 'Owner',
};

async function call(url, { method = 'GET', headers = {}, body } = {}) {
	const response = await fetch(url, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) {
		const error = new Error(`${method} ${url} → ${response.status}: ${text}`);
		error.status = response.status;
		throw error;
	}
	return { json: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/**
 * Logs in as the owner, creating the owner first on a fresh instance.
 * Returns a session `{ cookie, browserId }` for the internal REST API.
 */
async function ownerSession(baseUrl, owner = DEFAULT_OWNER) {
	// The auth cookie is bound to the browser-id header it was issued with.
	const browserId = randomUUID();
	const headers = { 'browser-id': browserId };
	let response;
	try {
		response = await call(`${baseUrl}/rest/owner/setup`, { method: 'POST', headers, body: owner });
	} catch (error) {
		if (error.status !== 400) throw error; // 400: the owner exists already
		response = await call(`${baseUrl}/rest/login`, {
			method: 'POST',
			headers,
			body: { emailOrLdapLoginId: owner.email, password: owner.password },
		});
	}
	const cookie = response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n returned no n8n-auth cookie');
	return { cookie, browserId };
}

/** Creates a public-API key for the session's user and returns the raw key. */
async function createApiKey(baseUrl, session, label = `sandbox-${Date.now()}`) {
	const { json } = await call(`${baseUrl}/rest/api-keys`, {
		method: 'POST',
		headers: { cookie: session.cookie, 'browser-id': session.browserId },
		// Without an API-key-scopes licence n8n grants the role's scopes whatever we ask for.
		body: { label, scopes: ['workflow:read', 'execution:read'], expiresAt: null },
	});
	return json.data.rawApiKey;
}

/** Every execution of a workflow, newest first, with run data. */
async function listExecutions(baseUrl, apiKey, workflowId) {
	const executions = [];
	let cursor;
	do {
		const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '100' });
		if (cursor) query.set('cursor', cursor);
		const { json } = await call(`${baseUrl}/api/v1/executions?${query}`, {
			headers: { 'X-N8N-API-KEY': apiKey },
		});
		executions.push(...json.data);
		cursor = json.nextCursor;
	} while (cursor);
	return executions;
}

/**
 * What the editor asks when a user opens a dropdown: `kind` is `options` (loadOptions) or
 * `resource-locator-results` (a resource locator's list). Returns the response's `data`.
 */
async function dynamicNodeParameters(baseUrl, session, kind, body) {
	const { json } = await call(`${baseUrl}/rest/dynamic-node-parameters/${kind}`, {
		method: 'POST',
		headers: { cookie: session.cookie, 'browser-id': session.browserId },
		body,
	});
	return json.data;
}

module.exports = { DEFAULT_OWNER, ownerSession, createApiKey, listExecutions, dynamicNodeParameters };
