import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { GateTicket } from './gate';
import { parseResetHeader, RequestGate } from './gate';

export type ApiContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** What the shared transport needs to know about one provider's API. */
export interface ProviderApi {
	/** Display name used in messages, e.g. "Sim". */
	name: string;
	credentialType: string;
	baseUrlOf(credentials: ICredentialDataDecryptedObject): string;
	/** The provider's own message plus a hint that tells the user what to do. */
	describeError(status: number, body: unknown): { message: string; hint?: string };
	/** How arrays in `qs` are encoded, for PHP-style APIs. */
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
	/**
	 * The credential extends n8n's oAuth2Api. n8n fetches the token on first use; since this
	 * client reads error statuses itself, it asks n8n for a new token after a 401, once.
	 */
	oauth2?: boolean;
	headers?: Record<string, string>;
	/** Headers that depend on the credential, e.g. an API version the user picked. */
	headersOf?(credentials: ICredentialDataDecryptedObject): Record<string, string>;
	/**
	 * Requests one client may have in flight at once (default 1). Only walks that fetch pages
	 * ahead (a regular node's Return All) use more than one; see RequestGate.
	 */
	maxConcurrency?: number;
}

export interface RetryOptions {
	maxRetries: number;
	/** First backoff step; doubles each attempt. */
	initialDelayMs: number;
	/** A single wait (Retry-After, rate-limit reset or backoff) longer than this fails instead. */
	maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, initialDelayMs: 1000, maxWaitMs: 60_000 };

export interface ApiRequest {
	method?: IHttpRequestMethods;
	/** A path under the credential's base URL, or an absolute URL on the same origin. */
	url: string;
	qs?: IDataObject;
}

export interface ApiResponse<T = unknown> {
	body: T;
	headers: Record<string, string>;
	statusCode: number;
}

export interface ApiClientOptions {
	retry?: Partial<RetryOptions>;
	/** Epoch ms after which no new wait is started (the trigger's poll budget). */
	deadline?: number;
	itemIndex?: number;
	timeoutMs?: number;
	/**
	 * Whether list walks may fetch pages ahead, several at once (a regular node's Return All).
	 * Triggers and dropdowns walk one page at a time.
	 */
	pagesAhead?: boolean;
}

const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504]);

/** Redirects the client follows itself, on the credential's origin only. */
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
export const MAX_REDIRECTS = 5;

const GENERIC_HINTS: Record<number, string> = {
	400: 'Check the filter values: the API rejected the request.',
	401: 'Check the API key or token in the credential: the API did not accept it.',
	403: 'The credential is valid but lacks the role, scope or plan this endpoint needs.',
	404: 'Check the ID: the API found no such record, or the credential cannot see it.',
	429: 'The API rate limit was reached and retries were used up. Poll less often or raise Max Retries / Max Wait.',
};

const REDIRECT_HINT = 'The API answered with a redirect the node cannot follow. Check the Base URL in the credential.';

/**
 * One client per node execution or poll: it holds the credential's base URL, the
 * retry settings, rate-limit state learned from response headers, and a request count.
 */
export class ApiClient {
	requestCount = 0;

	private readonly retry: RetryOptions;
	private baseUrl?: URL;
	private credentialHeaders: Record<string, string> = {};
	/** The credential's secret values, kept only to take them out of error messages. */
	private secrets: string[] = [];
	/** Concurrency and rate limits, shared by every request of this client. */
	private readonly gate: RequestGate;
	/** How many times n8n fetched a new OAuth2 token for this client, and the renewal under way. */
	private tokenGeneration = 0;
	private renewal?: Promise<boolean>;

	constructor(
		private readonly ctx: ApiContext,
		readonly api: ProviderApi,
		private readonly options: ApiClientOptions = {},
	) {
		this.retry = { ...DEFAULT_RETRY, ...options.retry };
		this.gate = new RequestGate(api.maxConcurrency ?? 1);
	}

	/** How many pages a walk may fetch ahead at once: 0 when it must walk one page at a time. */
	get pagesAhead(): number {
		if (!this.options.pagesAhead || this.options.deadline !== undefined) return 0;
		const concurrency = this.api.maxConcurrency ?? 1;
		return concurrency > 1 ? concurrency : 0;
	}

	get deadline(): number | undefined {
		return this.options.deadline;
	}

	get node(): INode {
		return this.ctx.getNode();
	}

	async request<T = unknown>(request: ApiRequest): Promise<ApiResponse<T>> {
		// After a redirect, the Location (query included) replaces the URL and the query.
		let target: OutgoingRequest = { method: request.method ?? 'GET', url: await this.resolveUrl(request.url), qs: request.qs };
		let redirects = 0;
		let tokenRenewed = false;
		for (let attempt = 0; ; attempt++) {
			let response: ApiResponse<unknown>;
			const token = this.tokenGeneration;
			try {
				response = await this.sendThroughGate(target);
			} catch (error) {
				if (isOAuthFailure(error)) throw await this.oauthError(error as Error);
				if (attempt < this.retry.maxRetries) {
					await this.pause(this.backoff(attempt), 'network');
					continue;
				}
				throw await this.networkError(error as Error);
			}
			const { statusCode } = response;

			if (REDIRECT_STATUS.has(statusCode) && response.headers.location) {
				target = await this.redirectTarget(target, statusCode, response.headers.location);
				if (redirects >= MAX_REDIRECTS) throw this.tooManyRedirectsError(statusCode);
				redirects++;
				attempt--;
				continue;
			}

			if (statusCode >= 200 && statusCode < 300) {
				const body = parseJsonBody(response.body);
				if (body !== MALFORMED) return { ...response, body: body as T };
				if (attempt < this.retry.maxRetries) {
					await this.pause(this.backoff(attempt), 'malformed');
					continue;
				}
				throw new NodeApiError(
					this.node,
					{ status: statusCode },
					{
						message: `${this.api.name} returned a response that is not valid JSON`,
						description: 'The response was cut off or garbled. Try again; if it persists, the service may be degraded.',
						httpCode: String(statusCode),
						itemIndex: this.options.itemIndex,
					},
				);
			}

			if (statusCode === 401 && this.api.oauth2 && !tokenRenewed && (await this.renewOAuthToken(token))) {
				tokenRenewed = true;
				attempt--;
				continue;
			}

			const retryable = statusCode === 429 || RETRYABLE_STATUS.has(statusCode);
			if (retryable && attempt < this.retry.maxRetries) {
				const wait =
					statusCode === 429
						? (retryAfterMs(response.headers) ?? this.backoff(attempt))
						: this.backoff(attempt);
				if (wait <= this.retry.maxWaitMs && this.fitsDeadline(wait)) {
					await this.pause(wait, String(statusCode));
					continue;
				}
			}
			throw await this.apiError(statusCode, parseJsonBody(response.body), response.headers);
		}
	}

	/**
	 * Where a 3xx points. Followed only on the credential's origin: n8n's own redirect handling
	 * would send the credential along to any host (it re-adds `Authorization`, and custom
	 * headers such as `X-API-Key` are never stripped), so it is switched off in `send`.
	 */
	private async redirectTarget(from: OutgoingRequest, status: number, location: string): Promise<OutgoingRequest> {
		const base = await this.getBaseUrl();
		let next: URL;
		try {
			next = new URL(location, from.url);
		} catch {
			throw this.redirectError(status, 'an invalid Location', base);
		}
		if (next.origin !== base.origin || !['http:', 'https:'].includes(next.protocol)) {
			throw this.redirectError(status, `another origin (${displayOrigin(next)})`, base, displayOrigin(next));
		}
		// 303, and 301/302 after a POST, become a GET, as browsers and HTTP clients do (RFC 9110 §15.4).
		const method = status === 303 || ((status === 301 || status === 302) && from.method === 'POST') ? 'GET' : from.method;
		return { method, url: next.toString(), qs: undefined };
	}

	/** Refuses any URL outside the credential's origin, so credentials never leave it. */
	async resolveUrl(pathOrUrl: string): Promise<string> {
		const base = await this.getBaseUrl();
		const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl);
		if (!isAbsolute) {
			const basePath = base.pathname.replace(/\/+$/, '');
			const path = pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`;
			return `${base.origin}${basePath}${path}`;
		}
		let target: URL;
		try {
			target = new URL(pathOrUrl);
		} catch {
			throw this.foreignUrlError(pathOrUrl);
		}
		if (target.origin !== base.origin) throw this.foreignUrlError(target.origin);
		return target.toString();
	}

	/** The credential's base URL, read once per client. */
	async getBaseUrl(): Promise<URL> {
		if (this.baseUrl) return this.baseUrl;
		const credentials = await this.ctx.getCredentials(this.api.credentialType);
		this.secrets = secretsOf(credentials);
		const raw = String(this.api.baseUrlOf(credentials) ?? '').trim();
		let parsed: URL | undefined;
		try {
			parsed = new URL(raw);
		} catch {
			parsed = undefined;
		}
		if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname) {
			throw new NodeOperationError(
				this.node,
				raw === ''
					? `The ${this.api.name} credential has no Base URL`
					: `The ${this.api.name} credential's Base URL ${JSON.stringify(shownBaseUrl(raw))} is not an http:// or https:// URL`,
				{
					description:
						"Set the Base URL field of the credential to an absolute URL that starts with https:// (or http://), such as https://api.example.com. Other schemes (ftp:, file:, javascript:, …) and relative or malformed URLs are refused, and nothing is sent.",
					itemIndex: this.options.itemIndex,
				},
			);
		}
		if (parsed.username || parsed.password) {
			throw new NodeOperationError(
				this.node,
				`The ${this.api.name} credential's Base URL ${JSON.stringify(shownBaseUrl(raw))} must not contain a user name or password`,
				{
					description:
						'Remove the "user:password@" part of the Base URL. The credential\'s own fields carry the key or token; a password in a URL would be sent along as Basic authentication and can end up in logs. Nothing was sent.',
					itemIndex: this.options.itemIndex,
				},
			);
		}
		this.baseUrl = parsed;
		this.credentialHeaders = this.api.headersOf?.(credentials) ?? {};
		return parsed;
	}

	/** One attempt, once the gate lets it through; the gate learns from its response. */
	private async sendThroughGate(target: OutgoingRequest): Promise<ApiResponse<unknown>> {
		const mayWait = (ms: number) => ms <= this.retry.maxWaitMs && this.fitsDeadline(ms);
		const ticket: GateTicket = await this.gate.acquire(mayWait);
		let response: ApiResponse<unknown> | undefined;
		try {
			response = await this.send(target);
			return response;
		} finally {
			this.gate.release(
				ticket,
				response && {
					statusCode: response.statusCode,
					headers: response.headers,
					retryAfterMs: response.statusCode === 429 ? retryAfterMs(response.headers) : undefined,
				},
			);
		}
	}

	private async send(target: OutgoingRequest): Promise<ApiResponse<unknown>> {
		this.requestCount++;
		const options: IHttpRequestOptions = {
			method: target.method,
			url: target.url,
			qs: target.qs,
			headers: { Accept: 'application/json', ...this.api.headers, ...this.credentialHeaders },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// 3xx come back as responses: see redirectTarget.
			disableFollowRedirect: true,
			timeout: Math.max(1, this.options.timeoutMs ?? 30_000),
			arrayFormat: this.api.arrayFormat,
		};
		const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
			this.ctx,
			this.api.credentialType,
			options,
		)) as { body: unknown; headers: Record<string, string>; statusCode: number };
		return { body: response.body, headers: lowerCaseKeys(response.headers), statusCode: response.statusCode };
	}

	/**
	 * An expired or revoked access token: n8n fetches a new one (client credentials) and
	 * stores it in the credential. False when this n8n has no way to do so. Requests run at
	 * once share one renewal: a request sent with an older token (`sentWith`) than the
	 * current one just goes again, and one that arrives during a renewal waits for it.
	 */
	private async renewOAuthToken(sentWith: number): Promise<boolean> {
		if (sentWith !== this.tokenGeneration) return true;
		this.renewal ??= this.fetchNewToken().finally(() => {
			this.renewal = undefined;
		});
		return await this.renewal;
	}

	private async fetchNewToken(): Promise<boolean> {
		const helpers = this.ctx.helpers as { refreshOAuth2Token?: (type: string) => Promise<unknown> };
		if (typeof helpers.refreshOAuth2Token !== 'function') return false;
		try {
			await helpers.refreshOAuth2Token.call(this.ctx, this.api.credentialType);
		} catch (error) {
			throw isOAuthFailure(error) ? await this.oauthError(error as Error) : await this.networkError(error as Error);
		}
		this.tokenGeneration++;
		return true;
	}

	/**
	 * Re-reads the credential's secrets before an error is built: an OAuth2 access token is
	 * fetched or renewed by n8n after this client first read the credential.
	 */
	private async refreshSecrets() {
		try {
			this.secrets = secretsOf(await this.ctx.getCredentials(this.api.credentialType));
		} catch {
			// Keep what was read with the Base URL.
		}
	}

	/** Text from outside (a response body, n8n's OAuth2 client) with the credential's secrets taken out. */
	private redact<V>(value: V): V {
		return redactSecrets(value, this.secrets);
	}

	private async oauthError(error: Error): Promise<NodeApiError> {
		await this.refreshSecrets();
		// Built from n8n's message only: the raw error carries the token request. n8n-core ≥ 2.41
		// wraps the OAuth2 client's error ("Failed to acquire OAuth2 access token: …"): its own
		// message is the one that says why.
		const refused = causeChain(error).find(isRefusedCredential) ?? error;
		return new NodeApiError(
			this.node,
			{ code: 'EAUTH' },
			withFailure({ cause: 'credential-invalid' }, {
				message: `${this.api.name} refused the OAuth2 client credentials: ${this.redact(String(refused.message ?? ''))}`,
				description:
					'Check the client ID, the client secret and the region (token URL) in the credential, and that the client may use the scope.',
				httpCode: '401',
				itemIndex: this.options.itemIndex,
			}),
		);
	}

	private fitsDeadline(waitMs: number) {
		return this.options.deadline === undefined || Date.now() + waitMs < this.options.deadline;
	}

	private backoff(attempt: number) {
		const base = Math.min(this.retry.initialDelayMs * 2 ** attempt, this.retry.maxWaitMs);
		// ±10 % jitter, like the providers' own SDKs, so parallel workflows spread out.
		return Math.round(base * (0.9 + Math.random() * 0.2));
	}

	private async pause(ms: number, reason: string) {
		this.ctx.logger?.debug(`${this.api.name}: waiting ${ms} ms before retrying (${reason})`);
		await sleep(ms);
	}

	private async apiError(status: number, rawBody: unknown, headers: Record<string, string> = {}): Promise<NodeApiError> {
		await this.refreshSecrets();
		// An API that echoes the key it refused ("Invalid API key sk-…") must not put it in the error.
		const body = rawBody === MALFORMED ? undefined : this.redact(rawBody);
		const described = this.api.describeError(status, body);
		const hint =
			described.hint ??
			GENERIC_HINTS[status] ??
			(status >= 300 && status < 400 ? REDIRECT_HINT : undefined) ??
			(status >= 500 ? `${this.api.name} had an internal error and retries were used up. Try again later.` : undefined);
		return new NodeApiError(
			this.node,
			{ status, body: (isObject(body) ? body : {}) as JsonObject },
			withFailure(failureOf(status, headers), {
				message: this.redact(`${this.api.name} API error ${status}: ${described.message}`),
				description: hint === undefined ? undefined : this.redact(hint),
				httpCode: String(status),
				itemIndex: this.options.itemIndex,
			}),
		);
	}

	private async networkError(error: Error): Promise<NodeApiError> {
		await this.refreshSecrets();
		// Built from the code and message only: the raw error carries the request
		// configuration, including the authentication header.
		const rawCode = (error as { code?: unknown }).code;
		const code = typeof rawCode === 'string' ? rawCode : undefined;
		// n8n replaces axios' "timeout of 1000ms exceeded" by a generic text and keeps it in `messages`.
		const texts = [error.message, ...((error as { messages?: unknown }).messages as unknown[] ?? [])].filter((text) => typeof text === 'string');
		if (code === 'ETIMEDOUT' || texts.some((text) => /^timeout of \d+ms exceeded/.test(text as string))) {
			const seconds = Math.round((this.options.timeoutMs ?? 30_000) / 100) / 10;
			return new NodeApiError(
				this.node,
				// No `code` here: n8n would swap the message for its generic one about Retry on Fail.
				{ timeoutMs: this.options.timeoutMs ?? 30_000 },
				{
					message: `Could not reach ${this.api.name}: no response within ${seconds} s`,
					description: 'The API did not answer within the Request Timeout, and retries were used up. Raise Request Timeout (Seconds) in the options, or check the Base URL and your network.',
					itemIndex: this.options.itemIndex,
				},
			);
		}
		const tokenFailure = this.api.oauth2 ? tokenEndpointFailure(error) : undefined;
		if (tokenFailure) {
			return new NodeApiError(
				this.node,
				{ tokenEndpoint: tokenFailure },
				{
					message: `Could not get an access token from ${this.api.name}: the token endpoint ${tokenFailure}`,
					description:
						"n8n asks the credential's token URL for an access token before the request; that failed, and retries were used up. Check the region (token URL) in the credential, or try again later.",
					itemIndex: this.options.itemIndex,
				},
			);
		}
		const reason = this.redact(code ?? (typeof error.message === 'string' && error.message ? error.message : 'unknown error'));
		return new NodeApiError(
			this.node,
			{ code: code ?? null },
			{
				message: `Could not reach ${this.api.name}: ${reason}`,
				description: 'The connection failed or was dropped and retries were used up. Check the Base URL and your network.',
				itemIndex: this.options.itemIndex,
			},
		);
	}

	private foreignUrlError(origin: string) {
		return new NodeApiError(
			this.node,
			{ origin },
			{
				message: `Refusing to send ${this.api.name} credentials to ${origin}`,
				description: 'The API returned a link to a different origin than the credential\'s Base URL. Nothing was sent there.',
				itemIndex: this.options.itemIndex,
			},
		);
	}

	private redirectError(status: number, where: string, base: URL, origin?: string) {
		return new NodeApiError(
			this.node,
			{ status },
			{
				message: `${this.api.name} redirected the request to ${where}`,
				description: `Credentials are only sent to the origin of the credential's Base URL (${base.origin}). Nothing was sent to ${origin ?? 'it'}. Check the Base URL: it may need https:// or the API's canonical host.`,
				httpCode: String(status),
				itemIndex: this.options.itemIndex,
			},
		);
	}

	private tooManyRedirectsError(status: number) {
		return new NodeApiError(
			this.node,
			{ status },
			{
				message: `${this.api.name} redirected the request more than ${MAX_REDIRECTS} times`,
				description: 'The redirects go round in a loop or lead nowhere. Check the Base URL in the credential.',
				httpCode: String(status),
				itemIndex: this.options.itemIndex,
			},
		);
	}
}

interface OutgoingRequest {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
}

/** `https://host:port`, or the scheme alone for URLs without an origin (`javascript:`, `data:`). */
function displayOrigin(url: URL): string {
	return url.origin !== 'null' ? url.origin : url.protocol;
}

/** A Base URL as an error message may show it: without a user name or password, and not too long. */
function shownBaseUrl(raw: string): string {
	let shown = raw;
	try {
		const parsed = new URL(raw);
		if (parsed.username || parsed.password) {
			parsed.username = '';
			parsed.password = '';
			shown = parsed.toString();
		}
	} catch {
		shown = raw.replace(/\/\/[^/@\s]*@/, '//');
	}
	return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

/** Credential fields that hold secrets, by name: apiKey, apiToken, accessToken, clientSecret, access_token, … */
const SECRET_FIELD = /(api_?key|token|secret|password)$/i;
/** Shorter values are not taken out of messages: they would match ordinary words. */
const MIN_SECRET_LENGTH = 8;

/** The credential's secret values (nested ones too, e.g. `oauthTokenData.access_token`). */
export function secretsOf(credentials: unknown): string[] {
	const found = new Set<string>();
	const walk = (value: unknown, depth: number) => {
		if (!isObject(value) || depth > 3) return;
		for (const [key, field] of Object.entries(value)) {
			if (typeof field === 'string' && SECRET_FIELD.test(key) && field.trim().length >= MIN_SECRET_LENGTH) {
				found.add(field.trim());
				if (field !== field.trim()) found.add(field);
			} else if (isObject(field)) {
				walk(field, depth + 1);
			}
		}
		// The pair an OAuth2 client sends as HTTP Basic.
		if (typeof value.clientId === 'string' && typeof value.clientSecret === 'string' && value.clientSecret.length >= MIN_SECRET_LENGTH) {
			found.add(Buffer.from(`${value.clientId}:${value.clientSecret}`).toString('base64'));
		}
	};
	walk(credentials, 0);
	const forms = new Set<string>();
	for (const secret of found) {
		forms.add(secret);
		forms.add(encodeURIComponent(secret));
		forms.add(Buffer.from(secret).toString('base64'));
	}
	// Longest first, so a secret that contains another is taken out whole.
	return [...forms].sort((a, b) => b.length - a.length);
}

/** `value` with every secret replaced by `[redacted]`, in strings, arrays and plain objects. */
export function redactSecrets<V>(value: V, secrets: readonly string[], depth = 0): V {
	if (secrets.length === 0) return value;
	// Nothing sensible nests this deep; what does is dropped rather than checked.
	if (depth > 20) return '[too deep]' as V;
	if (typeof value === 'string') {
		let text: string = value;
		for (const secret of secrets) if (text.includes(secret)) text = text.split(secret).join('[redacted]');
		return text as V;
	}
	if (Array.isArray(value)) return value.map((entry) => redactSecrets(entry, secrets, depth + 1)) as V;
	if (isObject(value)) {
		const copy: IDataObject = {};
		for (const [key, entry] of Object.entries(value)) copy[redactSecrets(key, secrets, depth + 1)] = redactSecrets(entry, secrets, depth + 1);
		return copy as V;
	}
	return value;
}

const MALFORMED = Symbol('malformed');

/**
 * Why a request failed, as n8n ≥ 2.41 lets a node declare it (`failure` on NodeApiError, see
 * n8n-workflow's errors/failure.ts); n8n's poll scheduler reads it to back off. Only the two
 * causes this package declares.
 */
export type Failure = { cause: 'rate-limited'; retryAfterMs?: number; resetsAtEpochMs?: number } | { cause: 'credential-invalid' };

type NodeApiErrorOptions = NonNullable<ConstructorParameters<typeof NodeApiError>[2]>;

/**
 * NodeApiError's options with `failure` added. n8n-workflow ≥ 2.41 stores it on the error as
 * `error.failure`; older versions (2.8) name every option they read and ignore this one, so the
 * error is the same there, without a `failure`.
 */
function withFailure(failure: Failure | undefined, options: NodeApiErrorOptions): NodeApiErrorOptions {
	return failure === undefined ? options : ({ ...options, failure } as NodeApiErrorOptions);
}

/**
 * The failure of an API error: a 429 once retries are used up is `rate-limited`, with the wait
 * the API asked for (`Retry-After`) and its reset time (`X-RateLimit-Reset`) where it sent them;
 * a 401 is `credential-invalid` (the key or token was refused, and a renewed OAuth2 token too).
 */
export function failureOf(status: number, headers: Record<string, string>, now = Date.now()): Failure | undefined {
	if (status === 401) return { cause: 'credential-invalid' };
	if (status !== 429) return undefined;
	const retryAfter = retryAfterHeaderMs(headers, now);
	const resetsAt = parseResetHeader(headers['x-ratelimit-reset'], now);
	return {
		cause: 'rate-limited',
		...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
		...(resetsAt !== undefined ? { resetsAtEpochMs: resetsAt } : {}),
	};
}

/** The error and those it wraps (`cause`): n8n-core ≥ 2.41 wraps its OAuth2 client's errors in its own. */
function causeChain(error: unknown): Error[] {
	const chain: Error[] = [];
	let current: unknown = error;
	while (current instanceof Error && chain.length < 5 && !chain.includes(current)) {
		chain.push(current);
		current = (current as { cause?: unknown }).cause;
	}
	return chain;
}

/**
 * n8n's OAuth2 client reports a refused token request (invalid_client, invalid_grant, …) as code
 * or httpCode EAUTH; n8n-core ≥ 2.41 also declares a revoked grant `credential-invalid` itself.
 */
function isRefusedCredential(error: Error): boolean {
	const { httpCode, code, failure } = error as { httpCode?: unknown; code?: unknown; failure?: { cause?: unknown } };
	return httpCode === 'EAUTH' || code === 'EAUTH' || failure?.cause === 'credential-invalid';
}

/**
 * What went wrong when n8n fetched an OAuth2 token, in words, or undefined for other errors.
 * The transport's own requests never throw on a status (it takes every status) nor on a body
 * (it parses bodies itself), so an error with an HTTP status or a JSON parse message comes from
 * the token request. n8n-core 2.8 wraps it in a NodeApiError with the status as `httpCode`; its
 * OAuth2 client throws `ESTATUS` (a 4xx), axios `ERR_BAD_RESPONSE` (a 5xx) or a SyntaxError.
 */
function tokenEndpointFailure(error: Error): string | undefined {
	for (const wrapped of causeChain(error)) {
		const failure = tokenRequestFailure(wrapped);
		if (failure !== undefined) return failure;
	}
	return undefined;
}

function tokenRequestFailure(error: Error): string | undefined {
	const { code, status, httpCode, response } = error as { code?: unknown; status?: unknown; httpCode?: unknown; response?: { status?: unknown } };
	const candidates = [status, response?.status, httpCode].map((value) => (typeof value === 'string' ? Number(value) : value));
	const httpStatus = candidates.find((value): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 300 && value <= 599);
	const fromTokenRequest = error.name === 'NodeApiError' || code === 'ESTATUS' || code === 'ERR_BAD_RESPONSE';
	if (fromTokenRequest && httpStatus !== undefined) return `answered HTTP ${httpStatus}`;
	const texts = [error.message, ...(((error as { messages?: unknown }).messages as unknown[]) ?? [])];
	if (error.name === 'SyntaxError' || texts.some((text) => typeof text === 'string' && /\bJSON\b|Unexpected token|Unexpected end of/.test(text))) {
		return 'answered with a body that is not valid JSON';
	}
	return undefined;
}

function isOAuthFailure(error: unknown): boolean {
	return causeChain(error).some(isRefusedCredential);
}

function parseJsonBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	if (body.trim() === '') return undefined;
	try {
		return JSON.parse(body);
	} catch {
		return MALFORMED;
	}
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerCaseKeys(headers: Record<string, unknown> = {}): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers)) result[key.toLowerCase()] = String(value);
	return result;
}

/** How long to wait after a 429: `Retry-After`, else until `X-RateLimit-Reset`. */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
	const retryAfter = retryAfterHeaderMs(headers, now);
	if (retryAfter !== undefined) return retryAfter;
	const reset = parseResetHeader(headers['x-ratelimit-reset'], now);
	return reset === undefined ? undefined : Math.max(0, reset - now);
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterHeaderMs(headers: Record<string, string>, now: number): number | undefined {
	const value = headers['retry-after'];
	if (value === undefined || value.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

