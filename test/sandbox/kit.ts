/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * Provider-agnostic loopback emulator framework for the sandbox.
 *
 * Each emulator is its own `node:http` server with a route table for the provider's API, a
 * request log, a fault injector that only touches API routes, and unauthenticated control
 * endpoints under `controlPrefix`:
 *
 *   GET    <prefix>/info       what the emulator is (plus provider info)
 *   POST   <prefix>/reset      JSON options; rebuilds the provider's data, clears faults and log
 *   POST   <prefix>/events     insert events → `{ data: [...] }` as the API would return them
 *   GET    <prefix>/faults     current fault config
 *   POST   <prefix>/faults     replace the fault config (`{}` clears it)
 *   GET    <prefix>/requests   request log → `{ requests: [...] }`
 *   DELETE <prefix>/requests   clear the request log
 *
 * A provider's emulator is defined once with `defineEmulator` (bottom of this file): its data,
 * routes, HTTP manners and switches. Everything else (server, log, faults, control endpoints,
 * reset, the common direct-call API) is the kit's.
 */
import { randomBytes, randomInt } from 'node:crypto';
import {
	createServer,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface Random {
	/** Float in [0, 1). */
	next(): number;
	/** Integer in [min, max], both inclusive. */
	int(min: number, max: number): number;
	/** `true` with probability `p`. */
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** Picks by weight: `[[value, weight], ...]`. */
	weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
	/** A string of `length` characters drawn from `alphabet`. */
	string(length: number, alphabet: string): string;
}

export function createRandom(seed: number): Random {
	const next = mulberry32(seed);
	const random: Random = {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		chance: (p) => next() < p,
		pick: (items) => items[Math.floor(next() * items.length)],
		weighted: (entries) => {
			const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
			let roll = next() * total;
			for (const [value, weight] of entries) {
				roll -= weight;
				if (roll < 0) return value;
			}
			return entries[entries.length - 1][0];
		},
		string: (length, alphabet) => {
			let out = '';
			for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
			return out;
		},
	};
	return random;
}

/** nanoid's URL-safe alphabet. */
export const URL_ALPHABET = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict';
export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';

/** A nanoid-style short id (21 URL-safe characters by default). */
export function shortId(random: Random, length = 21): string {
	return random.string(length, URL_ALPHABET);
}

/** A UUID v4 drawn from the seeded PRNG. */
export function seededUuid(random: Random): string {
	const hex = random.string(32, HEX).split('');
	hex[12] = '4';
	hex[16] = HEX[(parseInt(hex[16], 16) & 0x3) | 0x8];
	const s = hex.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Non-deterministic hex id, e.g. for per-response request ids. */
export function randomHex(length: number): string {
	return randomBytes(Math.ceil(length / 2))
		.toString('hex')
		.slice(0, length);
}

/** Epoch ms rounded down to the whole minute (default seed anchors: stable within a minute). */
export function floorToMinute(ms: number): number {
	return Math.floor(ms / 60_000) * 60_000;
}

/** Whether JS `Date.parse` understands `value`. */
export function isParsableDate(value: string): boolean {
	return !Number.isNaN(Date.parse(value));
}

// ---------------------------------------------------------------------------------------------
// Rate limiting: a fixed window per key (e.g. per token), for providers with a per-minute budget
// ---------------------------------------------------------------------------------------------

export interface FixedWindowDecision {
	allowed: boolean;
	/** The budget per window. */
	limit: number;
	/** Requests left in the current window after this one (0 when refused). */
	remaining: number;
	/** Epoch ms at which the current window ends. */
	resetAt: number;
	/** Whole seconds until `resetAt`, rounded up, at least 1 (for `Retry-After`). */
	retryAfterSeconds: number;
}

/**
 * `perWindow` requests per key per `windowMs`. A key's window opens with its first request and
 * lasts `windowMs`; the next request after that opens a new one. Refused requests do not count.
 */
export class FixedWindowLimiter {
	private readonly windows = new Map<string, { start: number; used: number }>();

	consume(key: string, perWindow: number, windowMs: number, now = Date.now()): FixedWindowDecision {
		let window = this.windows.get(key);
		if (!window || now >= window.start + windowMs) {
			window = { start: now, used: 0 };
			this.windows.set(key, window);
		}
		const allowed = window.used < perWindow;
		if (allowed) window.used += 1;
		const resetAt = window.start + windowMs;
		return {
			allowed,
			limit: perWindow,
			remaining: Math.max(0, perWindow - window.used),
			resetAt,
			retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
		};
	}

	/** Forget every window (e.g. on emulator reset). */
	clear(): void {
		this.windows.clear();
	}
}

// ---------------------------------------------------------------------------------------------
// Requests, responses, routes
// ---------------------------------------------------------------------------------------------

export type QueryValue = string | string[];

export interface EmulatorRequest {
	/** Upper-case method as received. */
	method: string;
	/** Path without the query string, as received (not decoded). */
	path: string;
	/** `:param` values of the matched route, URI-decoded. */
	params: Record<string, string>;
	/** Query with repeated keys kept as arrays (`a=1&a=2` → `{ a: ['1', '2'] }`). */
	query: Record<string, QueryValue>;
	/** The raw parsed query, e.g. for PHP-style `a[]=` / `a[0]=` keys. */
	searchParams: URLSearchParams;
	/** Query string without the leading `?`. */
	rawQuery: string;
	headers: IncomingHttpHeaders;
	/** Case-insensitive header lookup; first value if repeated. */
	header(name: string): string | undefined;
	/** Parsed JSON body, or `undefined` when empty or not JSON. */
	body: unknown;
	rawBody: string;
	/** Epoch ms when the request arrived. */
	receivedAt: number;
	/**
	 * The emulator's own base URL (`Emulator.url`), for absolute links in responses. Never taken
	 * from `Host` or `X-Forwarded-*`, so a client cannot steer it.
	 */
	origin: string;
}

export interface EmulatorResponse {
	status: number;
	headers?: Record<string, string | number | string[]>;
	/** Sent as JSON. */
	body?: unknown;
	/** Sent verbatim; wins over `body`. */
	rawBody?: string;
}

export type RouteHandler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export interface Route {
	method: string | readonly string[];
	/** e.g. `/api/v1/audit-logs/:id`; a `:param` matches one non-empty path segment. */
	path: string;
	handler: RouteHandler;
}

/**
 * Turns a throw inside a handler into the provider's own 500 body. The `x-sandbox-error`
 * header is the emulator's, so its own bugs show up in a test.
 */
export function guarded(
	handle: (req: EmulatorRequest) => EmulatorResponse,
	serverError: (headers: Record<string, string>) => EmulatorResponse,
): (req: EmulatorRequest) => EmulatorResponse {
	return (req) => {
		try {
			return handle(req);
		} catch (error) {
			return serverError({ 'x-sandbox-error': String(error).replace(/[^\x20-\x7e]/g, ' ') });
		}
	};
}

export function json(
	status: number,
	body: unknown,
	headers: Record<string, string | number | string[]> = {},
): EmulatorResponse {
	return { status, body, headers };
}

interface CompiledRoute extends Route {
	methods: string[];
	pattern: RegExp;
	paramNames: string[];
}

function compileRoute(route: Route): CompiledRoute {
	const paramNames: string[] = [];
	const source = route.path
		.split('/')
		.map((segment) => {
			if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			paramNames.push(segment.slice(1));
			return '([^/]+)';
		})
		.join('/');
	const methods = (typeof route.method === 'string' ? [route.method] : [...route.method]).map((m) =>
		m.toUpperCase(),
	);
	return { ...route, methods, pattern: new RegExp(`^${source}$`), paramNames };
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

export function queryToObject(searchParams: URLSearchParams): Record<string, QueryValue> {
	const query: Record<string, QueryValue> = {};
	searchParams.forEach((value, key) => {
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else if (Array.isArray(existing)) existing.push(value);
		else query[key] = [existing, value];
	});
	return query;
}

// ---------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------

/**
 * `times`: at most this many injections, counted down as they fire (absent = unlimited).
 * `rate`: probability per API request from the seeded PRNG (absent = 1, i.e. every request).
 * `{ times: 2 }` → the next two API requests; `{ rate: 0.1 }` → about 10 % of them, forever.
 */
export interface FaultRule {
	times?: number;
	rate?: number;
}

export interface FaultConfig {
	/** Provider-shaped 429 with `Retry-After`. */
	status429?: FaultRule & { retryAfterSeconds?: number };
	/** Provider-shaped server error, 500 unless `status` is given. */
	status5xx?: FaultRule & { status?: number };
	/** Delay before every API response (including faulted ones). */
	latencyMs?: number;
	/** Delay these responses by `ms` more, e.g. past the client's timeout. */
	slow?: FaultRule & { ms: number };
	/** Destroy the socket without a response. */
	drop?: FaultRule;
	/** Answer 200 with the real body cut in half (invalid JSON). */
	malformed?: FaultRule;
	/** On a continuation-page request (provider decides), insert `count` events "now" first. */
	insertDuringPaging?: FaultRule & { count: number };
	/** Seed for `rate` decisions; defaults to the emulator's seed. */
	seed?: number;
	/** Provider switches named in `hooks.switchNames`, e.g. Sim's `precisionQuirk`. */
	[providerSwitch: string]: unknown;
}

export type FaultKind = 'status429' | 'status5xx' | 'slow' | 'drop' | 'malformed' | 'insertDuringPaging' | 'rewrite';

/**
 * In-process tests only: rewrites the response an API route produced (e.g. a wrong-shape body,
 * a next link to another origin, a shrinking total). Return `undefined` to keep it unchanged.
 */
export type ResponseRewriter = (response: EmulatorResponse, request: EmulatorRequest) => EmulatorResponse | undefined;

const FAULT_KEYS = new Set([
	'status429',
	'status5xx',
	'latencyMs',
	'slow',
	'drop',
	'malformed',
	'insertDuringPaging',
	'seed',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readRule(value: unknown, name: string): FaultRule | undefined {
	if (value === undefined) return undefined;
	if (!isRecord(value)) throw new Error(`${name} must be an object`);
	const rule: FaultRule = {};
	if (value.times !== undefined) {
		if (typeof value.times !== 'number' || value.times < 0)
			throw new Error(`${name}.times must be >= 0`);
		rule.times = value.times;
	}
	if (value.rate !== undefined) {
		if (typeof value.rate !== 'number' || value.rate < 0 || value.rate > 1) {
			throw new Error(`${name}.rate must be within [0, 1]`);
		}
		rule.rate = value.rate;
	}
	return rule;
}

function optionalNumber(value: unknown, name: string): number | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value))
		throw new Error(`${name} must be a number`);
	return value;
}

/** Validates a fault config from JSON; throws with a readable message. */
export function parseFaultConfig(input: unknown, switchNames: readonly string[] = []): FaultConfig {
	if (input === undefined || input === null) return {};
	if (!isRecord(input)) throw new Error('fault config must be a JSON object');
	const config: FaultConfig = {};
	for (const [key, value] of Object.entries(input)) {
		if (FAULT_KEYS.has(key)) continue;
		if (!switchNames.includes(key)) throw new Error(`unknown fault "${key}"`);
		config[key] = value;
	}
	const status429 = readRule(input.status429, 'status429');
	if (status429) {
		const retryAfterSeconds = optionalNumber(
			isRecord(input.status429) ? input.status429.retryAfterSeconds : undefined,
			'status429.retryAfterSeconds',
		);
		config.status429 = {
			...status429,
			...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
		};
	}
	const status5xx = readRule(input.status5xx, 'status5xx');
	if (status5xx) {
		const status = optionalNumber(
			isRecord(input.status5xx) ? input.status5xx.status : undefined,
			'status5xx.status',
		);
		if (status !== undefined && (status < 500 || status > 599))
			throw new Error('status5xx.status must be 5xx');
		config.status5xx = { ...status5xx, ...(status !== undefined && { status }) };
	}
	const latencyMs = optionalNumber(input.latencyMs, 'latencyMs');
	if (latencyMs !== undefined) config.latencyMs = latencyMs;
	const slow = readRule(input.slow, 'slow');
	if (slow) {
		const ms = optionalNumber(isRecord(input.slow) ? input.slow.ms : undefined, 'slow.ms');
		if (ms === undefined || ms < 0) throw new Error('slow.ms must be >= 0');
		config.slow = { ...slow, ms };
	}
	const drop = readRule(input.drop, 'drop');
	if (drop) config.drop = drop;
	const malformed = readRule(input.malformed, 'malformed');
	if (malformed) config.malformed = malformed;
	const insert = readRule(input.insertDuringPaging, 'insertDuringPaging');
	if (insert) {
		const count = optionalNumber(
			isRecord(input.insertDuringPaging) ? input.insertDuringPaging.count : undefined,
			'insertDuringPaging.count',
		);
		if (count === undefined || count < 1) throw new Error('insertDuringPaging.count must be >= 1');
		config.insertDuringPaging = { ...insert, count };
	}
	const seed = optionalNumber(input.seed, 'seed');
	if (seed !== undefined) config.seed = seed;
	return config;
}

// ---------------------------------------------------------------------------------------------
// Request log
// ---------------------------------------------------------------------------------------------

export interface LoggedRequest {
	seq: number;
	/** ISO time of arrival. */
	at: string;
	method: string;
	path: string;
	query: Record<string, QueryValue>;
	rawQuery: string;
	/** All headers, secrets included: tests check auth headers. */
	headers: IncomingHttpHeaders;
	/** Status sent, or `null` if the socket was dropped. */
	status: number | null;
	/** The fault injected into this request, if any. */
	fault?: FaultKind;
}

// ---------------------------------------------------------------------------------------------
// Provider hooks
// ---------------------------------------------------------------------------------------------

export interface InsertEventsInput {
	count?: number;
	/** ISO time of the newest inserted event; default now. */
	at?: string;
	/** Gap between consecutive inserted events. */
	spacingMs?: number;
	/** Field overrides, one per event (and `count` defaults to their number). */
	events?: unknown[];
}

/** How a provider's API behaves over HTTP around its routes: error shapes, headers, paging. */
export interface HttpHooks {
	/** Runs before routing for every non-control request; return a response to short-circuit. */
	before?(req: EmulatorRequest): EmulatorResponse | undefined;
	/** Last touch on every non-control response, e.g. to add request-id or CORS headers. */
	finalize?(req: EmulatorRequest, res: EmulatorResponse): EmulatorResponse;
	/** No route has this path. Default: 404 `{ error: 'Not found' }`. */
	notFound?(req: EmulatorRequest): EmulatorResponse;
	/** A route has this path but not this method (HEAD falls back to GET first). Default: 405. */
	methodNotAllowed?(req: EmulatorRequest, allowed: string[]): EmulatorResponse;
	/** Body of an injected 429. */
	rateLimited?(req: EmulatorRequest, retryAfterSeconds: number): EmulatorResponse;
	/** Body of an injected 5xx. */
	serverError?(req: EmulatorRequest, status: number): EmulatorResponse;
	/** Whether the request asks for a continuation page (for `insertDuringPaging`). */
	isContinuation?(req: EmulatorRequest): boolean;
}

/** `startEmulator`'s hooks: the HTTP manners plus data and switches (`defineEmulator` fills these). */
export interface ProviderHooks extends HttpHooks {
	/**
	 * `POST <prefix>/events` and `insertDuringPaging`; returns the API view of what was inserted.
	 * `req` is the continuation request that triggered `insertDuringPaging` (absent otherwise),
	 * so a provider with several event stores can insert into the one being paged.
	 */
	insertEvents?(input: InsertEventsInput, req?: EmulatorRequest): unknown[];
	/** `POST <prefix>/reset`; throw to answer 400. */
	reset?(options: unknown): void;
	/** Extra fields for `GET <prefix>/info`. */
	info?(): Record<string, unknown>;
	/** Names of provider switches allowed in the fault config (anything else unknown is a 400). */
	switchNames?: readonly string[];
	/** Receives the whole fault config on every change (`{}` on reset); may throw to reject it. */
	applySwitches?(config: FaultConfig): void;
}

export interface EmulatorOptions {
	/** 0 = a free port. */
	port?: number;
	host?: string;
	name?: string;
	routes: Route[];
	hooks?: ProviderHooks;
	controlPrefix?: string;
	/** Seed for fault decisions. */
	seed?: number;
	faults?: FaultConfig;
}

export interface Emulator<Options = unknown> {
	name: string;
	/** Base URL, e.g. `http://127.0.0.1:4010`. */
	url: string;
	host: string;
	port: number;
	controlUrl: string;
	requests(): LoggedRequest[];
	clearRequests(): void;
	faults(): FaultConfig;
	/** Replace the fault config; `{}` clears it. Reseeds the fault PRNG. */
	setFaults(config: FaultConfig): void;
	/** In-process: rewrite API responses until cleared with `null` (also cleared by `reset`). */
	setResponseRewriter(rewriter: ResponseRewriter | null): void;
	/** `hooks.reset(options)`, then clears faults and the request log. */
	reset(options?: Options): void;
	close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

function serialize(res: EmulatorResponse): string {
	if (res.rawBody !== undefined) return res.rawBody;
	if (res.body === undefined) return '';
	return JSON.stringify(res.body);
}

function send(out: ServerResponse, res: EmulatorResponse): void {
	const body = serialize(res);
	const headers: Record<string, string | number | string[]> = { ...(res.headers ?? {}) };
	const hasContentType = Object.keys(headers).some((key) => key.toLowerCase() === 'content-type');
	if (body !== '' && !hasContentType) {
		headers['content-type'] =
			res.rawBody !== undefined ? 'text/plain; charset=utf-8' : 'application/json';
	}
	headers['content-length'] = Buffer.byteLength(body);
	out.writeHead(res.status, headers);
	out.end(body);
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
	const {
		port = 0,
		host = '127.0.0.1',
		name = 'emulator',
		hooks = {},
		controlPrefix = '/_sandbox',
		seed = 1,
	} = options;
	const routes = options.routes.map(compileRoute);

	let log: LoggedRequest[] = [];
	let seq = 0;
	let faults: FaultConfig = {};
	let faultRandom = createRandom(seed);

	const setFaults = (config: FaultConfig): void => {
		const parsed = parseFaultConfig(config, hooks.switchNames);
		hooks.applySwitches?.(parsed);
		faults = parsed;
		faultRandom = createRandom(faults.seed ?? seed);
	};
	setFaults(options.faults ?? {});
	let rewriter: ResponseRewriter | null = null;

	/** Decides whether a rule fires now and counts it down. */
	const fires = (rule: FaultRule | undefined): boolean => {
		if (!rule) return false;
		if (rule.times !== undefined && rule.times <= 0) return false;
		if (rule.rate !== undefined && faultRandom.next() >= rule.rate) return false;
		if (rule.times !== undefined) rule.times -= 1;
		return true;
	};

	const info = (): Record<string, unknown> => ({
		name,
		url: emulator.url,
		controlUrl: emulator.controlUrl,
		faults,
		requestCount: log.length,
		...(hooks.info?.() ?? {}),
	});

	const control = (req: EmulatorRequest, action: string): EmulatorResponse => {
		const route = `${req.method} ${action}`;
		try {
			switch (route) {
				case 'GET /info':
					return json(200, info());
				case 'POST /reset':
					emulator.reset(req.body ?? {});
					return json(200, info());
				case 'POST /events': {
					if (!hooks.insertEvents)
						return json(501, { error: 'this emulator cannot insert events' });
					const input = req.body ?? {};
					if (!isRecord(input)) return json(400, { error: 'body must be a JSON object' });
					return json(201, { data: hooks.insertEvents(input) });
				}
				case 'GET /faults':
					return json(200, { faults });
				case 'POST /faults':
					setFaults(parseFaultConfig(req.body ?? {}, hooks.switchNames));
					return json(200, { faults });
				case 'GET /requests':
					return json(200, { requests: log });
				case 'DELETE /requests':
					log = [];
					return { status: 204 };
				default:
					return json(404, { error: `unknown control endpoint ${route}` });
			}
		} catch (error) {
			return json(400, { error: error instanceof Error ? error.message : String(error) });
		}
	};

	const match = (req: EmulatorRequest): { route?: CompiledRoute; allowed: string[] } => {
		const allowed: string[] = [];
		let fallback: CompiledRoute | undefined;
		for (const route of routes) {
			const found = route.pattern.exec(req.path);
			if (!found) continue;
			allowed.push(...route.methods);
			const params: Record<string, string> = {};
			route.paramNames.forEach((param, i) => (params[param] = safeDecode(found[i + 1])));
			if (route.methods.includes(req.method)) {
				req.params = params;
				return { route, allowed };
			}
			if (req.method === 'HEAD' && route.methods.includes('GET') && !fallback) {
				req.params = params;
				fallback = route;
			}
		}
		return { route: fallback, allowed };
	};

	const handleApi = async (
		req: EmulatorRequest,
		out: ServerResponse,
		entry: LoggedRequest,
	): Promise<void> => {
		const finish = (res: EmulatorResponse): void => {
			const final = hooks.finalize ? hooks.finalize(req, res) : res;
			entry.status = final.status;
			send(out, final);
		};

		const early = hooks.before?.(req);
		if (early) return finish(early);

		const { route, allowed } = match(req);
		if (!route) {
			if (allowed.length === 0) {
				return finish(hooks.notFound ? hooks.notFound(req) : json(404, { error: 'Not found' }));
			}
			return finish(
				hooks.methodNotAllowed
					? hooks.methodNotAllowed(req, allowed)
					: { status: 405, headers: { allow: allowed.join(', ') } },
			);
		}

		// Faults: API routes only, in this order.
		if (faults.latencyMs) await sleep(faults.latencyMs);
		if (fires(faults.slow)) {
			entry.fault = 'slow';
			await sleep(faults.slow?.ms ?? 0);
		}
		if (fires(faults.drop)) {
			entry.fault = 'drop';
			entry.status = null;
			out.socket?.destroy();
			return;
		}
		if (fires(faults.status429)) {
			entry.fault = 'status429';
			const retryAfterSeconds = faults.status429?.retryAfterSeconds ?? 1;
			return finish(
				hooks.rateLimited
					? hooks.rateLimited(req, retryAfterSeconds)
					: json(429, { error: 'Too many requests' }, { 'retry-after': retryAfterSeconds }),
			);
		}
		if (fires(faults.status5xx)) {
			entry.fault = 'status5xx';
			const status = faults.status5xx?.status ?? 500;
			return finish(
				hooks.serverError
					? hooks.serverError(req, status)
					: json(status, { error: 'Internal server error' }),
			);
		}
		if (
			faults.insertDuringPaging &&
			hooks.insertEvents &&
			hooks.isContinuation?.(req) &&
			fires(faults.insertDuringPaging)
		) {
			entry.fault = 'insertDuringPaging';
			hooks.insertEvents({ count: faults.insertDuringPaging.count }, req);
		}

		let res: EmulatorResponse;
		try {
			res = await route.handler(req);
		} catch (error) {
			res = json(500, { error: 'emulator handler crashed', message: String(error) });
		}

		const rewritten = rewriter?.(res, req);
		if (rewritten) {
			entry.fault = 'rewrite';
			res = rewritten;
		}

		if (fires(faults.malformed)) {
			entry.fault = 'malformed';
			const text = serialize(res) || '{"data":[';
			return finish({
				status: 200,
				headers: { ...(res.headers ?? {}), 'content-type': 'application/json' },
				rawBody: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
			});
		}
		return finish(res);
	};

	const server: Server = createServer((incoming, out) => {
		void (async () => {
			const rawBody = await readBody(incoming);
			const url = new URL(incoming.url ?? '/', 'http://emulator.local');
			const rawUrl = incoming.url ?? '/';
			const queryIndex = rawUrl.indexOf('?');
			const path = queryIndex === -1 ? rawUrl : rawUrl.slice(0, queryIndex);
			const rawQuery = queryIndex === -1 ? '' : rawUrl.slice(queryIndex + 1);
			const req: EmulatorRequest = {
				method: (incoming.method ?? 'GET').toUpperCase(),
				path,
				params: {},
				query: queryToObject(url.searchParams),
				searchParams: url.searchParams,
				rawQuery,
				headers: incoming.headers,
				header: (headerName) => {
					const value = incoming.headers[headerName.toLowerCase()];
					return Array.isArray(value) ? value[0] : value;
				},
				body: parseJson(rawBody),
				rawBody,
				receivedAt: Date.now(),
				origin: emulator.url,
			};

			if (path === controlPrefix || path.startsWith(`${controlPrefix}/`)) {
				send(out, control(req, path.slice(controlPrefix.length) || '/'));
				return;
			}

			const entry: LoggedRequest = {
				seq: ++seq,
				at: new Date(req.receivedAt).toISOString(),
				method: req.method,
				path,
				query: req.query,
				rawQuery,
				headers: req.headers,
				status: null,
			};
			log.push(entry);
			await handleApi(req, out, entry);
		})().catch((error: unknown) => {
			if (!out.headersSent)
				send(out, json(500, { error: 'emulator crashed', message: String(error) }));
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const urlHost = host.includes(':') ? `[${host}]` : host;
	const baseUrl = `http://${urlHost}:${address.port}`;

	const emulator: Emulator = {
		name,
		url: baseUrl,
		host,
		port: address.port,
		controlUrl: `${baseUrl}${controlPrefix}`,
		requests: () => log.slice(),
		clearRequests: () => {
			log = [];
		},
		faults: () => faults,
		setFaults,
		setResponseRewriter: (next) => {
			rewriter = next;
		},
		reset: (resetOptions?: unknown) => {
			hooks.reset?.(resetOptions ?? {});
			log = [];
			setFaults({});
			rewriter = null;
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
	return emulator;
}

// ---------------------------------------------------------------------------------------------
// Defining a provider's emulator: the one way to do it
// ---------------------------------------------------------------------------------------------

/** Data options every provider has; a provider's options interface extends this one. */
export interface DataOptions {
	/** Seed of the generated history; `seed + 1` seeds the content of inserts. */
	seed?: number;
	/** ISO time; every seeded event is older. Default: now, rounded down to the minute. */
	anchor?: string;
	/** Events to seed. */
	eventCount?: number;
}

/** Where and how the server runs; the rest of a start options object is data options. */
export interface ServerOptions {
	/** 0 (default) = a free port. */
	port?: number;
	host?: string;
	/** Default `/_sandbox`. */
	controlPrefix?: string;
	/** Fault config to start with. */
	faults?: FaultConfig;
}

/** An ISO date string as JS `Date.parse` reads it; `name` goes into the message. */
export const isoDate = (name: string) =>
	z.string().refine(isParsableDate, `${name} must be an ISO date`);

/** zod shape of `DataOptions`; `EmulatorDefinition.options` adds the provider's. */
const DATA_OPTIONS_SHAPE = {
	seed: z.number().int().optional(),
	anchor: isoDate('anchor').optional(),
	eventCount: z.number().int().min(0).max(100_000).optional(),
};

/** When inserted records happen: what every provider's insert input has. */
export interface InsertTiming {
	count?: number;
	/** ISO time of the newest inserted record (default now). */
	at?: string;
	/** Gap between consecutive inserted records, the newest at `at` (default 1). */
	spacingMs?: number;
}

/** zod shape of `InsertTiming`; a provider adds its `events` overrides (and e.g. a target). */
export const INSERT_TIMING_SHAPE = {
	count: z.number().int().min(0).max(10_000).optional(),
	at: isoDate('at').optional(),
	spacingMs: z.number().min(0).optional(),
};

/**
 * Epoch ms of each record to insert, oldest first, the newest at `at`. `count` defaults to the
 * number of overrides, at least one.
 */
export function insertTimes(timing: InsertTiming, overrides = 0): number[] {
	const count = timing.count ?? Math.max(overrides, 1);
	const newestMs = timing.at ? Date.parse(timing.at) : Date.now();
	const spacingMs = timing.spacingMs ?? 1;
	return Array.from({ length: count }, (_, i) => newestMs - Math.round((count - 1 - i) * spacingMs));
}

/**
 * `build` cached by its JSON-encoded arguments (at most `max` entries, then it starts over).
 * Seeded worlds and histories are frozen, so every emulator and every `reset` can share them.
 */
export function memoize<A extends unknown[], R>(build: (...args: A) => R, max = 20): (...args: A) => R {
	const cache = new Map<string, R>();
	return (...args) => {
		const key = JSON.stringify(args);
		if (!cache.has(key)) {
			if (cache.size >= max) cache.clear();
			cache.set(key, build(...args));
		}
		return cache.get(key) as R;
	};
}

/**
 * Rows derived from a store array (filtered, sorted), cached per array and `key`, so paging
 * through a large store does not filter and sort it again for every page. Stores are replaced,
 * never changed in place, on insert and reset, so a new array starts a new cache. Callers must
 * not mutate what this returns. At most `max` keys per array (a trigger's moving watermark makes
 * a new key every poll).
 */
export function cachedRows<S extends object, R>(
	cache: WeakMap<S, Map<string, R>>,
	store: S,
	key: string,
	build: () => R,
	max = 8,
): R {
	let byKey = cache.get(store);
	if (!byKey) {
		byKey = new Map();
		cache.set(store, byKey);
	}
	if (!byKey.has(key)) {
		if (byKey.size >= max) byKey.delete(byKey.keys().next().value as string);
		byKey.set(key, build());
	}
	return byKey.get(key) as R;
}

/** `{ a: x, b: y }` → `{ a: f(x), b: f(y) }`, e.g. credentials by name → the secret alone. */
export function mapValues<K extends string, V, R>(record: Record<K, V>, f: (value: V) => R): Record<K, R> {
	return Object.fromEntries(
		Object.entries<V>(record).map(([key, value]) => [key, f(value)]),
	) as Record<K, R>;
}

/**
 * A provider switch that rides on the fault config (e.g. Sim's `precisionQuirk`): set with
 * `setFaults({ name: value })` or `POST <prefix>/faults`; left out, it has its `initial` value.
 */
export interface SwitchDefinition<State, Options, T = unknown> {
	/** The value when the fault config leaves the switch out (on start, reset, `setFaults({})`). */
	initial(options: Options): T;
	/** Validates a value from the fault config; throw to refuse it (400 on the control API). */
	parse(value: unknown, name: string): T;
	/** Puts the value where the routes read it. */
	apply(state: State, value: T): void;
}

/** The state's boolean fields. */
type FlagOf<State> = { [K in keyof State]-?: State[K] extends boolean ? K : never }[keyof State];

/**
 * On/off switches that are boolean fields of the state, by field name, each with its initial
 * value: `flagSwitches<State, Options>({ precisionQuirk: (options) => options.precisionQuirk })`.
 */
export function flagSwitches<State, Options>(
	initial: { [K in FlagOf<State>]?: (options: Options) => boolean },
): Record<string, SwitchDefinition<State, Options, boolean>> {
	const entries = Object.entries(initial) as Array<[FlagOf<State>, (options: Options) => boolean]>;
	return Object.fromEntries(
		entries.map(([flag, initialValue]): [string, SwitchDefinition<State, Options, boolean>] => [
			String(flag),
			{
				initial: initialValue,
				parse: (value, name) => {
					if (typeof value !== 'boolean') throw new Error(`${name} must be a boolean`);
					return value;
				},
				apply: (state, on) => {
					(state as Record<FlagOf<State>, boolean>)[flag] = on;
				},
			},
		]),
	);
}

/** What a provider's views, methods and hooks can read; always the current values. */
export interface EmulatorContext<State, Options extends DataOptions> {
	/** The provider's state; `reset` replaces it as a whole. */
	readonly state: State;
	/** The current data options, every default filled in. */
	readonly options: Required<Options>;
	/** PRNG for the content of inserts, reseeded from `options.seed + 1` on every reset. */
	readonly random: Random;
	/**
	 * PRNG for the ids of inserts, seeded anew at every start: inserted ids are ones no earlier
	 * start of the sandbox handed out, so a trigger state kept in a persistent n8n folder never
	 * mistakes a new event for an old one. Seeded data and inserted content stay deterministic.
	 */
	readonly idRandom: Random;
}

/**
 * Everything provider-specific about an emulator. `State` is what the routes read, `Options`
 * the data options, `Views` read-only properties computed from the state, `Methods` the rest of
 * the provider's direct-call API.
 */
export interface EmulatorDefinition<
	State,
	Options extends DataOptions,
	Views extends object,
	Methods extends object,
> {
	/** `sim`, `webflow`, …; also `provider` in `GET <prefix>/info`. */
	name: string;
	/** Every data option's default except `anchor` (now, rounded down to the minute). */
	defaults: Required<Omit<Options, 'anchor'>>;
	/** zod shape of the data options beyond `DataOptions`; anything else is refused. */
	options?: z.ZodRawShape;
	/** Fresh state for these options; `random` is the insert PRNG, just seeded (see context). */
	buildState(options: Required<Options>, random: Random): State;
	/** The API's route table; handlers read `state()` on every request. */
	routes(state: () => State): Route[];
	/** The API's HTTP manners (error bodies, headers, what a continuation page is). */
	hooks?(state: () => State): HttpHooks;
	/** Provider switches on the fault config, by name. */
	switches?: Record<string, SwitchDefinition<State, Required<Options>>>;
	/** Read-only properties of the emulator, recomputed from the current state on every read. */
	views: { [K in keyof Views]: (state: State) => Views[K] };
	/**
	 * The rest of the direct-call API. An `insert(input)` method also serves `POST
	 * <prefix>/events` (the body is its input, so it must validate it) and `insertDuringPaging`.
	 */
	methods(context: EmulatorContext<State, Options>): Methods;
	/**
	 * The insert input for `insertDuringPaging` on this continuation request, or `undefined` to
	 * insert nothing. Default `{ count }`.
	 */
	pagingInsert?(req: EmulatorRequest, count: number, context: EmulatorContext<State, Options>): unknown;
	/** Extra fields for `GET <prefix>/info`. */
	info?(state: State): Record<string, unknown>;
}

/** What every defined emulator offers, whatever the provider. */
export interface ProviderEmulator<Options extends DataOptions> extends Emulator<Options> {
	/** Rebuild data (options merged over the current ones), clear faults, log and rate limits. */
	reset(options?: Options): void;
	/** The current data options, every default filled in. */
	options(): Required<Options>;
}

export type StartEmulator<Options extends DataOptions, Api> = (
	options?: Options & ServerOptions,
) => Promise<ProviderEmulator<Options> & Api>;

/**
 * Defines a provider's emulator; returns the function that starts one. The kit owns the HTTP
 * server, the request log, the fault injector with the provider's switches, the control
 * endpoints and `reset`/`setFaults`/`faults`/`requests`/`clearRequests`/`close`/`url`/
 * `controlUrl`/`options`; the definition brings the data, the routes and the switches.
 */
export function defineEmulator<
	State,
	Options extends DataOptions,
	Views extends object,
	Methods extends object,
>(
	definition: EmulatorDefinition<State, Options, Views, Methods>,
): StartEmulator<Options, Views & Methods> {
	const optionsSchema = z.object({ ...DATA_OPTIONS_SHAPE, ...definition.options }).strict();
	const readOptions = (input: unknown) => optionsSchema.parse(input ?? {}) as Partial<Options>;
	const switches = Object.entries(definition.switches ?? {});

	return async (startOptions = {} as Options & ServerOptions) => {
		const { port, host, controlPrefix, faults, ...data } = startOptions;
		let options = {
			...definition.defaults,
			anchor: new Date(floorToMinute(Date.now())).toISOString(),
			...readOptions(data),
		} as Required<Options>;
		let random = createRandom(0);
		let state = undefined as State;
		const build = (): void => {
			random = createRandom((options as Required<DataOptions>).seed + 1);
			state = definition.buildState(options, random);
		};
		build();

		const context: EmulatorContext<State, Options> = {
			get state() {
				return state;
			},
			get options() {
				return options;
			},
			get random() {
				return random;
			},
			idRandom: createRandom(randomInt(2 ** 31)),
		};
		const methods = definition.methods(context);
		const insert = (methods as { insert?: (input: unknown) => unknown[] }).insert;
		let switchValues: Record<string, unknown> = {};

		const emulator = await startEmulator({
			name: definition.name,
			port,
			host,
			controlPrefix,
			routes: definition.routes(() => state),
			seed: (options as Required<DataOptions>).seed,
			faults,
			hooks: {
				...definition.hooks?.(() => state),
				...(insert && {
					insertEvents: (input: InsertEventsInput, req?: EmulatorRequest) => {
						if (!req) return insert(input);
						const count = input.count ?? 1;
						const paging = definition.pagingInsert
							? definition.pagingInsert(req, count, context)
							: { count };
						return paging === undefined ? [] : insert(paging);
					},
				}),
				reset: (input) => {
					options = { ...options, ...readOptions(input) };
					build();
				},
				info: () => ({
					provider: definition.name,
					options,
					switches: switchValues,
					...definition.info?.(state),
				}),
				switchNames: switches.map(([name]) => name),
				// All switches are read before any is applied, so a refused config changes nothing.
				applySwitches: (config) => {
					const values = switches.map(([name, switchDef]) =>
						config[name] === undefined ? switchDef.initial(options) : switchDef.parse(config[name], name),
					);
					switches.forEach(([, switchDef], i) => switchDef.apply(state, values[i]));
					switchValues = Object.fromEntries(switches.map(([name], i) => [name, values[i]]));
				},
			},
		});

		const common: ProviderEmulator<Options> = {
			...emulator,
			reset: (resetOptions?: Options) => emulator.reset(resetOptions ?? {}),
			options: () => options,
		};
		const viewProperties = Object.fromEntries(
			Object.entries<(state: State) => unknown>(definition.views).map(([name, view]) => [
				name,
				{ get: () => view(state), enumerable: true },
			]),
		);
		Object.defineProperties(common, {
			...viewProperties,
			...Object.getOwnPropertyDescriptors(methods),
		});
		return common as ProviderEmulator<Options> & Views & Methods;
	};
}

// ---------------------------------------------------------------------------------------------
// Several emulators at once
// ---------------------------------------------------------------------------------------------

export interface Closable {
	close(): Promise<void>;
}

/**
 * Starts several emulators, each its own server on its own port. If one fails to start, the
 * ones already running are closed and the error is rethrown.
 */
export async function startEmulators<T extends Closable>(
	starters: Record<string, () => Promise<T>>,
): Promise<{ emulators: Record<string, T>; close(): Promise<void> }> {
	const emulators: Record<string, T> = {};
	const close = async (): Promise<void> => {
		await Promise.all(Object.values(emulators).map((emulator) => emulator.close()));
	};
	for (const [name, start] of Object.entries(starters)) {
		const started = await start().then(
			(emulator) => ({ emulator }),
			(error: unknown) => ({ error }),
		);
		if ('error' in started) {
			await close();
			return Promise.reject(started.error);
		}
		emulators[name] = started.emulator;
	}
	return { emulators, close };
}

// ---------------------------------------------------------------------------------------------
// Compile-time checks (wire specs against the nodes' plain types)
// ---------------------------------------------------------------------------------------------

/** Compiles only for `true`: `export type Check = Expect<Assignable<A, B>>`. */
export type Expect<T extends true> = T;
/** `true` if every `A` is a `B`. */
export type Assignable<A, B> = [A] extends [B] ? true : false;
/** `true` if `A` and `B` have the same property names. */
export type SameKeys<A, B> = [keyof A] extends [keyof B]
	? [keyof B] extends [keyof A]
		? true
		: false
	: false;
