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
}

const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504]);

const GENERIC_HINTS: Record<number, string> = {
	400: 'Check the filter values: the API rejected the request.',
	401: 'Check the API key or token in the credential: the API did not accept it.',
	403: 'The credential is valid but lacks the role, scope or plan this endpoint needs.',
	404: 'Check the ID: the API found no such record, or the credential cannot see it.',
	429: 'The API rate limit was reached and retries were used up. Poll less often or raise Max Retries / Max Wait.',
};

/**
 * One client per node execution or poll: it holds the credential's base URL, the
 * retry settings, rate-limit state learned from response headers, and a request count.
 */
export class ApiClient {
	requestCount = 0;

	private readonly retry: RetryOptions;
	private baseUrl?: URL;
	private credentialHeaders: Record<string, string> = {};
	/** Set when the API said no requests remain; the next call waits until then. */
	private rateLimitResetAt?: number;

	constructor(
		private readonly ctx: ApiContext,
		readonly api: ProviderApi,
		private readonly options: ApiClientOptions = {},
	) {
		this.retry = { ...DEFAULT_RETRY, ...options.retry };
	}

	get deadline(): number | undefined {
		return this.options.deadline;
	}

	get node(): INode {
		return this.ctx.getNode();
	}

	async request<T = unknown>(request: ApiRequest): Promise<ApiResponse<T>> {
		const url = await this.resolveUrl(request.url);
		let tokenRenewed = false;
		for (let attempt = 0; ; attempt++) {
			await this.waitForRateLimitReset();
			let response: ApiResponse<unknown>;
			try {
				response = await this.send(url, request);
			} catch (error) {
				if (isOAuthFailure(error)) throw this.oauthError(error as Error);
				if (attempt < this.retry.maxRetries) {
					await this.pause(this.backoff(attempt), 'network');
					continue;
				}
				throw this.networkError(error as Error);
			}
			this.rememberRateLimit(response.headers);
			const { statusCode } = response;

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

			if (statusCode === 401 && this.api.oauth2 && !tokenRenewed && (await this.renewOAuthToken())) {
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
			throw this.apiError(statusCode, parseJsonBody(response.body));
		}
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
		const raw = this.api.baseUrlOf(credentials).trim();
		let parsed: URL | undefined;
		try {
			parsed = new URL(raw);
		} catch {
			parsed = undefined;
		}
		if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
			throw new NodeOperationError(
				this.node,
				`The ${this.api.name} credential's Base URL "${raw}" is not a valid http(s) URL`,
				{ description: 'Use a form like https://api.example.com', itemIndex: this.options.itemIndex },
			);
		}
		this.baseUrl = parsed;
		this.credentialHeaders = this.api.headersOf?.(credentials) ?? {};
		return parsed;
	}

	private async send(url: string, request: ApiRequest): Promise<ApiResponse<unknown>> {
		this.requestCount++;
		const options: IHttpRequestOptions = {
			method: request.method ?? 'GET',
			url,
			qs: request.qs,
			headers: { Accept: 'application/json', ...this.api.headers, ...this.credentialHeaders },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.options.timeoutMs ?? 30_000,
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
	 * stores it in the credential. False when this n8n has no way to do so.
	 */
	private async renewOAuthToken(): Promise<boolean> {
		const helpers = this.ctx.helpers as { refreshOAuth2Token?: (type: string) => Promise<unknown> };
		if (typeof helpers.refreshOAuth2Token !== 'function') return false;
		try {
			await helpers.refreshOAuth2Token.call(this.ctx, this.api.credentialType);
		} catch (error) {
			throw isOAuthFailure(error) ? this.oauthError(error as Error) : this.networkError(error as Error);
		}
		return true;
	}

	private oauthError(error: Error): NodeApiError {
		// Built from n8n's message only: the raw error carries the token request.
		return new NodeApiError(
			this.node,
			{ code: 'EAUTH' },
			{
				message: `${this.api.name} refused the OAuth2 client credentials: ${error.message}`,
				description:
					'Check the client ID, the client secret and the region (token URL) in the credential, and that the client may use the scope.',
				httpCode: '401',
				itemIndex: this.options.itemIndex,
			},
		);
	}

	private rememberRateLimit(headers: Record<string, string>) {
		const remaining = Number(headers['x-ratelimit-remaining']);
		if (headers['x-ratelimit-remaining'] === undefined || Number.isNaN(remaining) || remaining > 0) {
			this.rateLimitResetAt = undefined;
			return;
		}
		const reset = parseResetHeader(headers['x-ratelimit-reset']);
		// Without a reset time (Webflow sends none) the next call will meet a 429 whose
		// Retry-After we honour, so there is nothing better to wait for here.
		this.rateLimitResetAt = reset;
	}

	private async waitForRateLimitReset() {
		if (this.rateLimitResetAt === undefined) return;
		const wait = this.rateLimitResetAt - Date.now();
		this.rateLimitResetAt = undefined;
		if (wait <= 0) return;
		if (wait > this.retry.maxWaitMs || !this.fitsDeadline(wait)) return; // let the API answer 429 and fail clearly
		await this.pause(wait, 'rate-limit-reset');
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

	private apiError(status: number, body: unknown): NodeApiError {
		const described = this.api.describeError(status, body === MALFORMED ? undefined : body);
		const hint =
			described.hint ??
			GENERIC_HINTS[status] ??
			(status >= 500 ? `${this.api.name} had an internal error and retries were used up. Try again later.` : undefined);
		return new NodeApiError(
			this.node,
			{ status, body: (isObject(body) ? body : {}) as JsonObject },
			{
				message: `${this.api.name} API error ${status}: ${described.message}`,
				description: hint,
				httpCode: String(status),
				itemIndex: this.options.itemIndex,
			},
		);
	}

	private networkError(error: Error): NodeApiError {
		// Built from the code and message only: the raw error carries the request
		// configuration, including the authentication header.
		const code = (error as { code?: string }).code;
		const reason = code ?? error.message ?? 'unknown error';
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
}

const MALFORMED = Symbol('malformed');

/** n8n's OAuth2 client reports a refused token request as httpCode EAUTH. */
function isOAuthFailure(error: unknown): boolean {
	const { httpCode, code } = (error ?? {}) as { httpCode?: unknown; code?: unknown };
	return httpCode === 'EAUTH' || code === 'EAUTH';
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

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
	const value = headers['retry-after'];
	if (value !== undefined && value.trim() !== '') {
		if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value) * 1000);
		const date = Date.parse(value);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	const reset = parseResetHeader(headers['x-ratelimit-reset'], now);
	return reset === undefined ? undefined : Math.max(0, reset - now);
}

/** X-RateLimit-Reset comes as an ISO date (Sim), epoch seconds (Webflow SDK) or epoch ms. */
export function parseResetHeader(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) {
		const n = Number(trimmed);
		if (n > 1e12) return n;
		if (n > 1e9) return n * 1000;
		return now + n * 1000;
	}
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : date;
}
