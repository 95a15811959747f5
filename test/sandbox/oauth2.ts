/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * A reusable OAuth2 client-credentials authorization server for the sandbox (RFC 6749 §4.4),
 * plus the bearer check (RFC 6750) that an emulator's protected routes call.
 *
 * It depends on nothing else in the sandbox. Requests and responses are plain structural types
 * ({@link OAuth2HttpRequest}, {@link OAuth2HttpResponse}) that match kit.ts's `EmulatorRequest`
 * and `EmulatorResponse`, so an emulator built on the kit mounts it like this:
 *
 *   const oauth = createOAuth2Server({ clients: [{ clientId, clientSecret, scopes: ['activity:read'] }] });
 *   const routes: Route[] = [
 *     { method: 'POST', path: '/iam/v1/oauth2/token', handler: (req) => oauth.handleTokenRequest(req) },
 *     {
 *       method: 'GET',
 *       path: '/platform/v1/activities',
 *       handler: (req) => {
 *         const auth = oauth.authorize(req, 'activity:read');
 *         if (!auth.ok) return auth.response; // 401 unknown/expired/missing, 403 missing scope
 *         return json(200, listFor(auth.token.clientId));
 *       },
 *     },
 *   ];
 *
 * (`authorize(req, scope, { body })` lets the provider shape its own error body.) Mounted in the
 * kit, the token route is an API route like any other, so the kit's request log and injected
 * faults (429, 5xx, drops) reach it too. Without the kit, {@link startOAuth2Server} serves the
 * token endpoint and a few protected routes on its own `node:http` server, with a request log.
 *
 * The server keeps its own clock (`now`), so a test can expire tokens by waiting past a short
 * `lifetimeSeconds` (fractions allowed) or by calling `expireAll()`. What it advertises as
 * `expires_in` is separate from what it enforces, so a test can tell whether a client refreshes
 * on `expires_in` or only when the API answers 401.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** What the server needs from a request; kit.ts's `EmulatorRequest` has all of it. */
export interface OAuth2HttpRequest {
	/** Upper-case method. */
	method: string;
	/** Case-insensitive header lookup; first value if repeated. */
	header(name: string): string | undefined;
	/** The body as received. */
	rawBody: string;
}

/** Same shape as kit.ts's `EmulatorResponse` (the body is sent as JSON). */
export interface OAuth2HttpResponse {
	status: number;
	headers?: Record<string, string | number | string[]>;
	body?: unknown;
}

export interface OAuth2Client {
	clientId: string;
	clientSecret: string;
	/**
	 * Scopes this client may be granted. A request without `scope` gets all of them
	 * (RFC 6749 §3.3 "pre-defined default"). Default: `['activity:read']`.
	 */
	scopes?: string[];
}

export interface OAuth2ServerOptions {
	clients: OAuth2Client[];
	/** Seconds advertised as `expires_in` in token responses. Default 3600. */
	expiresIn?: number;
	/**
	 * Seconds a token is actually accepted for, by the server's own clock; fractions allowed.
	 * Default: `expiresIn`.
	 */
	lifetimeSeconds?: number;
	/**
	 * A request asking for a scope the client may not have: `'reject'` (default) answers
	 * 400 `invalid_scope`; `'narrow'` issues a token with only the allowed part (RFC 6749 §3.3
	 * lets a server ignore part of the request), possibly none.
	 */
	unallowedScope?: 'reject' | 'narrow';
	/** The server's clock, epoch ms. Default `Date.now`. */
	now?: () => number;
	/** `realm` in `WWW-Authenticate` challenges. Default `'sandbox'`. */
	realm?: string;
}

export interface IssuedToken {
	accessToken: string;
	clientId: string;
	scopes: string[];
	/** Epoch ms by the server's clock. */
	issuedAt: number;
	expiresAt: number;
	/** How the client authenticated at the token endpoint. */
	clientAuth: 'basic' | 'body';
	/** The raw `scope` form field, `undefined` if absent. */
	requestedScope?: string;
}

export type BearerRejection = 'missing' | 'unknown' | 'expired' | 'insufficient_scope';

export type BearerCheck =
	| { ok: true; token: IssuedToken }
	| { ok: false; reason: BearerRejection; status: 401 | 403; response: OAuth2HttpResponse };

export interface OAuth2Stats {
	/** Token requests received, good or bad. */
	tokenRequests: number;
	/** Access tokens issued. */
	tokensIssued: number;
	/** Token requests answered with an error, by RFC 6749 error code. */
	tokenErrors: Record<string, number>;
	/** Bearer checks that passed, and those refused by reason. */
	bearerAccepted: number;
	bearerRejected: Record<BearerRejection, number>;
}

export interface OAuth2Server {
	/** `POST` handler for the token endpoint. */
	handleTokenRequest(req: OAuth2HttpRequest): OAuth2HttpResponse;
	/**
	 * The bearer check for a protected route. `requiredScope` (one or several, all needed) →
	 * 403 `insufficient_scope` when the token lacks one. `body` shapes the error body for the
	 * provider; default `{ error, error_description }`.
	 */
	authorize(
		req: OAuth2HttpRequest,
		requiredScope?: string | string[],
		options?: { body?: (reason: BearerRejection, description: string) => unknown },
	): BearerCheck;
	/** Issues a token directly, as if the client had asked (counted in `tokensIssued`). */
	issue(clientId: string, scopes?: string[]): IssuedToken;
	/** Every token issued so far, oldest first. */
	tokens(): IssuedToken[];
	stats(): OAuth2Stats;
	/** Changes the enforced lifetime of tokens issued from now on. */
	setLifetime(seconds: number): void;
	/** Makes every token issued so far expired. */
	expireAll(): void;
	/** Forgets every token (they become unknown) and zeroes the counters. */
	reset(): void;
	readonly clients: readonly OAuth2Client[];
}

// ---------------------------------------------------------------------------------------------
// The authorization server
// ---------------------------------------------------------------------------------------------

const DEFAULT_SCOPES = ['activity:read'];

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): OAuth2HttpResponse {
	// RFC 6749 §5.2: JSON error body, never cached.
	return {
		status,
		headers: { 'cache-control': 'no-store', pragma: 'no-cache', ...headers },
		body: { error, error_description: description },
	};
}

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

function splitScopes(value: string | undefined): string[] {
	return (value ?? '').split(' ').filter((scope) => scope !== '');
}

interface ClientCredentials {
	clientId: string;
	clientSecret: string;
}

/**
 * RFC 6749 §2.3.1 says id and secret are form-urlencoded before Basic encoding; n8n's
 * client-oauth2 sends them as they are. Both readings are returned, the literal one first.
 */
function parseBasic(header: string): ClientCredentials[] | undefined {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	const literal = { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
	const decode = (value: string) => {
		try {
			return decodeURIComponent(value.replace(/\+/g, ' '));
		} catch {
			return value;
		}
	};
	return [literal, { clientId: decode(literal.clientId), clientSecret: decode(literal.clientSecret) }];
}

export function createOAuth2Server(options: OAuth2ServerOptions): OAuth2Server {
	const now = options.now ?? Date.now;
	const expiresIn = options.expiresIn ?? 3600;
	let lifetimeSeconds = options.lifetimeSeconds ?? expiresIn;
	const realm = options.realm ?? 'sandbox';
	const clients = options.clients.map((client) => ({ ...client, scopes: client.scopes ?? DEFAULT_SCOPES }));

	let issued: IssuedToken[] = [];
	let byToken = new Map<string, IssuedToken>();
	let stats: OAuth2Stats = freshStats();

	function freshStats(): OAuth2Stats {
		return {
			tokenRequests: 0,
			tokensIssued: 0,
			tokenErrors: {},
			bearerAccepted: 0,
			bearerRejected: { missing: 0, unknown: 0, expired: 0, insufficient_scope: 0 },
		};
	}

	const fail = (status: number, error: string, description: string, headers?: Record<string, string>) => {
		stats.tokenErrors[error] = (stats.tokenErrors[error] ?? 0) + 1;
		return oauthError(status, error, description, headers);
	};

	const mint = (clientId: string, scopes: string[], clientAuth: IssuedToken['clientAuth'], requestedScope?: string) => {
		const issuedAt = now();
		const token: IssuedToken = {
			accessToken: `at_${randomBytes(18).toString('base64url')}`,
			clientId,
			scopes,
			issuedAt,
			expiresAt: issuedAt + lifetimeSeconds * 1000,
			clientAuth,
			requestedScope,
		};
		issued.push(token);
		byToken.set(token.accessToken, token);
		stats.tokensIssued++;
		return token;
	};

	const handleTokenRequest = (req: OAuth2HttpRequest): OAuth2HttpResponse => {
		stats.tokenRequests++;
		if (req.method !== 'POST') {
			return { status: 405, headers: { allow: 'POST' }, body: { error: 'invalid_request', error_description: 'Use POST' } };
		}
		const contentType = (req.header('content-type') ?? '').toLowerCase();
		if (!contentType.startsWith('application/x-www-form-urlencoded')) {
			return fail(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
		}
		const form = new URLSearchParams(req.rawBody);
		const authorization = req.header('authorization');
		const basic = authorization !== undefined ? parseBasic(authorization) : undefined;
		const bodyId = form.get('client_id') ?? undefined;
		const bodySecret = form.get('client_secret') ?? undefined;

		// RFC 6749 §2.3: a client MUST NOT use more than one authentication method per request.
		if (authorization !== undefined && !basic) {
			return fail(401, 'invalid_client', 'Unsupported client authentication scheme', {
				'www-authenticate': `Basic realm="${realm}"`,
			});
		}
		if (basic && bodySecret !== undefined) {
			return fail(400, 'invalid_request', 'Use either HTTP Basic or client_secret in the body, not both');
		}
		const clientAuth: IssuedToken['clientAuth'] = basic ? 'basic' : 'body';
		const presented: Array<Partial<ClientCredentials>> = basic ?? [{ clientId: bodyId, clientSecret: bodySecret }];
		const clientId = presented[0].clientId;
		const client = clients.find((candidate) =>
			presented.some(
				(given) =>
					given.clientId === candidate.clientId &&
					given.clientSecret !== undefined &&
					sameSecret(given.clientSecret, candidate.clientSecret),
			),
		);
		if (!client) {
			// §5.2: 401 with a challenge when the client tried HTTP auth; 400 otherwise. The
			// description never echoes what the client sent.
			const description =
				clientId === undefined ? 'No client authentication was included' : 'Unknown client or wrong client secret';
			return basic
				? fail(401, 'invalid_client', description, { 'www-authenticate': `Basic realm="${realm}"` })
				: fail(400, 'invalid_client', description);
		}

		const grantType = form.get('grant_type');
		if (!grantType) return fail(400, 'invalid_request', 'grant_type is required');
		if (grantType !== 'client_credentials') {
			return fail(400, 'unsupported_grant_type', `Grant type "${grantType}" is not supported; use client_credentials`);
		}

		const requestedScope = form.get('scope') ?? undefined;
		const requested = splitScopes(requestedScope);
		let scopes = requested.length === 0 ? [...client.scopes] : requested;
		const unallowed = scopes.filter((scope) => !client.scopes.includes(scope));
		if (unallowed.length > 0) {
			if (options.unallowedScope !== 'narrow') {
				return fail(400, 'invalid_scope', `The client may not request: ${unallowed.join(' ')}`);
			}
			scopes = scopes.filter((scope) => client.scopes.includes(scope));
		}

		const token = mint(client.clientId, scopes, clientAuth, requestedScope);
		return {
			status: 200,
			headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
			body: { access_token: token.accessToken, token_type: 'bearer', expires_in: expiresIn, scope: scopes.join(' ') },
		};
	};

	const authorize: OAuth2Server['authorize'] = (req, requiredScope, authorizeOptions = {}) => {
		const required = requiredScope === undefined ? [] : Array.isArray(requiredScope) ? requiredScope : [requiredScope];
		const reject = (reason: BearerRejection, description: string): BearerCheck => {
			stats.bearerRejected[reason]++;
			const status = reason === 'insufficient_scope' ? 403 : 401;
			// RFC 6750 §3: no error code when the request had no credentials at all.
			const params = [`realm="${realm}"`];
			if (reason !== 'missing') {
				params.push(`error="${reason === 'insufficient_scope' ? 'insufficient_scope' : 'invalid_token'}"`);
				params.push(`error_description="${description}"`);
			}
			if (reason === 'insufficient_scope') params.push(`scope="${required.join(' ')}"`);
			const error = reason === 'insufficient_scope' ? 'insufficient_scope' : reason === 'missing' ? 'invalid_request' : 'invalid_token';
			return {
				ok: false,
				reason,
				status,
				response: {
					status,
					headers: { 'www-authenticate': `Bearer ${params.join(', ')}` },
					body: authorizeOptions.body ? authorizeOptions.body(reason, description) : { error, error_description: description },
				},
			};
		};

		const header = req.header('authorization');
		const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
		if (!match) return reject('missing', 'A bearer access token is required');
		const token = byToken.get(match[1]);
		if (!token) return reject('unknown', 'The access token is not valid');
		if (now() >= token.expiresAt) return reject('expired', 'The access token expired');
		const missing = required.filter((scope) => !token.scopes.includes(scope));
		if (missing.length > 0) return reject('insufficient_scope', `The access token lacks scope ${missing.join(' ')}`);
		stats.bearerAccepted++;
		return { ok: true, token };
	};

	return {
		handleTokenRequest,
		authorize,
		issue: (clientId, scopes) => {
			const client = clients.find((candidate) => candidate.clientId === clientId);
			if (!client) throw new Error(`unknown OAuth2 client ${clientId}`);
			return mint(clientId, scopes ?? [...client.scopes], 'body');
		},
		tokens: () => issued.map((token) => ({ ...token, scopes: [...token.scopes] })),
		stats: () => JSON.parse(JSON.stringify(stats)) as OAuth2Stats,
		setLifetime: (seconds) => {
			lifetimeSeconds = seconds;
		},
		expireAll: () => {
			const at = now();
			for (const token of issued) token.expiresAt = Math.min(token.expiresAt, at);
		},
		reset: () => {
			issued = [];
			byToken = new Map();
			stats = freshStats();
		},
		clients,
	};
}

// ---------------------------------------------------------------------------------------------
// Standalone server
// ---------------------------------------------------------------------------------------------

/** A protected JSON route on the standalone server. */
export interface ProtectedRoute {
	method?: string;
	/** Exact path, without query string. */
	path: string;
	/** Scopes the token must carry. */
	scope?: string | string[];
	/** Body of the 200 answer. Default `{ ok: true, clientId }`. */
	respond?(token: IssuedToken, req: StandaloneRequest): unknown;
}

export interface StandaloneRequest extends OAuth2HttpRequest {
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
}

export interface StandaloneLogEntry {
	method: string;
	path: string;
	/** The Authorization header as sent (tests check which token was used). */
	authorization?: string;
	contentType?: string;
	/** Token endpoint only: the form fields, with `client_secret` replaced by `***`. */
	form?: Record<string, string>;
	status: number;
}

export interface StandaloneOAuth2Server {
	/** e.g. `http://127.0.0.1:4321` */
	url: string;
	/** `url` + `tokenPath`. */
	tokenUrl: string;
	oauth: OAuth2Server;
	requests(): StandaloneLogEntry[];
	clearRequests(): void;
	close(): Promise<void>;
}

export interface StandaloneOptions extends OAuth2ServerOptions {
	/** Default `/oauth2/token`. */
	tokenPath?: string;
	routes?: ProtectedRoute[];
	host?: string;
	/** 0 (default) = a free port. */
	port?: number;
}

/** The token endpoint and `routes` on their own loopback `node:http` server. */
export async function startOAuth2Server(options: StandaloneOptions): Promise<StandaloneOAuth2Server> {
	const { tokenPath = '/oauth2/token', routes = [], host = '127.0.0.1', port = 0 } = options;
	const oauth = createOAuth2Server(options);
	let log: StandaloneLogEntry[] = [];

	const server: Server = createServer((incoming, out) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const url = new URL(incoming.url ?? '/', 'http://sandbox.invalid');
			const req: StandaloneRequest = {
				method: (incoming.method ?? 'GET').toUpperCase(),
				path: url.pathname,
				query: url.searchParams,
				headers: incoming.headers,
				header: (name) => {
					const value = incoming.headers[name.toLowerCase()];
					return Array.isArray(value) ? value[0] : value;
				},
				rawBody: Buffer.concat(chunks).toString('utf8'),
			};
			let res: OAuth2HttpResponse;
			let form: Record<string, string> | undefined;
			if (req.path === tokenPath) {
				form = Object.fromEntries(new URLSearchParams(req.rawBody));
				if (form.client_secret !== undefined) form.client_secret = '***';
				res = oauth.handleTokenRequest(req);
			} else {
				const route = routes.find((candidate) => candidate.path === req.path);
				if (!route) res = { status: 404, body: { error: 'not_found' } };
				else if ((route.method ?? 'GET').toUpperCase() !== req.method) res = { status: 405, headers: { allow: route.method ?? 'GET' } };
				else {
					const check = oauth.authorize(req, route.scope);
					res = check.ok
						? { status: 200, body: route.respond ? route.respond(check.token, req) : { ok: true, clientId: check.token.clientId } }
						: check.response;
				}
			}
			log.push({
				method: req.method,
				path: req.path,
				authorization: req.header('authorization'),
				contentType: req.header('content-type'),
				form,
				status: res.status,
			});
			const body = res.body === undefined ? '' : JSON.stringify(res.body);
			out.writeHead(res.status, {
				...(body === '' ? {} : { 'content-type': 'application/json' }),
				...(res.headers ?? {}),
				'content-length': Buffer.byteLength(body),
			});
			out.end(body);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	const address = server.address() as AddressInfo;
	const url = `http://${host}:${address.port}`;
	return {
		url,
		tokenUrl: `${url}${tokenPath}`,
		oauth,
		requests: () => log.map((entry) => ({ ...entry })),
		clearRequests: () => {
			log = [];
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections?.();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
