import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiClient, ApiResponse } from './transport';
import { isObject } from './transport';

/**
 * What a field of a response must be. `date` is a string that `Date.parse` reads; `number`
 * is a finite number. A trailing `?` lets the field be absent or null.
 */
export type FieldKind = 'array' | 'object' | 'number' | 'string' | 'date';

/**
 * The parts of a response body that a node relies on, checked before it uses them: a path
 * for each, in the order they are checked (a container before what is inside it).
 * A path is dotted keys; `key[]` stands for every element of the array at `key`:
 *
 *   { auditLogs: 'array', 'auditLogs[]': 'object', 'auditLogs[].uuid': 'string', 'pg.limit': 'number?' }
 *
 * The body itself must be a JSON object. Fields that are not listed are not looked at.
 */
export type Envelope = Readonly<Record<string, FieldKind | `${FieldKind}?`>>;

const ARTICLE: Record<FieldKind, string> = {
	array: 'an array',
	object: 'an object',
	number: 'a number',
	string: 'a string',
	date: 'a date',
};

function isKind(value: unknown, kind: FieldKind): boolean {
	switch (kind) {
		case 'array':
			return Array.isArray(value);
		case 'object':
			return isObject(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'string':
			return typeof value === 'string';
		case 'date':
			return typeof value === 'string' && Number.isFinite(Date.parse(value));
	}
}

/**
 * The values at `path` in `body`, each with its concrete path (`data[3].id`). Where a
 * container on the way is absent or of another kind, nothing is returned below it: the
 * envelope's entry for that container reports it.
 */
function valuesAt(body: unknown, path: string): Array<{ at: string; value: unknown }> {
	let nodes: Array<{ at: string; value: unknown }> = [{ at: '', value: body }];
	for (const segment of path.split('.')) {
		const each = segment.endsWith('[]');
		const key = each ? segment.slice(0, -2) : segment;
		const next: Array<{ at: string; value: unknown }> = [];
		for (const node of nodes) {
			if (!isObject(node.value)) continue;
			const at = node.at ? `${node.at}.${key}` : key;
			const value = node.value[key];
			if (!each) next.push({ at, value });
			else if (Array.isArray(value)) value.forEach((element, index) => next.push({ at: `${at}[${index}]`, value: element }));
		}
		nodes = next;
	}
	return nodes;
}

/** The value at a dotted path (no `[]`), or undefined. */
export function valueAt(body: unknown, path: string): unknown {
	return valuesAt(body, path)[0]?.value;
}

/**
 * The first way `body` differs from `envelope`, as the end of a sentence ("`auditLogs` is
 * missing", "`data[3].id` is not a string"), or undefined when it matches.
 */
export function envelopeProblem(body: unknown, envelope: Envelope): string | undefined {
	if (body === undefined || body === null || body === '') return 'the body is empty';
	if (!isObject(body)) return Array.isArray(body) ? 'the body is a JSON array, not an object' : 'the body is not a JSON object';
	for (const [path, expected] of Object.entries(envelope)) {
		const optional = expected.endsWith('?');
		const kind = (optional ? expected.slice(0, -1) : expected) as FieldKind;
		for (const { at, value } of valuesAt(body, path)) {
			if (optional && (value === undefined || value === null)) continue;
			if (value === undefined) return `\`${at}\` is missing`;
			if (!isKind(value, kind)) return `\`${at}\` is not ${ARTICLE[kind]}`;
		}
	}
	return undefined;
}

/**
 * A response the node cannot use: what is wrong in it, the HTTP status, and the body's
 * top-level keys (never the body itself, which is the provider's data).
 */
export function unexpectedResponseError(
	client: ApiClient,
	response: Pick<ApiResponse, 'statusCode' | 'body'>,
	problem: string,
): NodeApiError {
	const { name } = client.api;
	const status = response.statusCode;
	const keys = isObject(response.body) ? Object.keys(response.body) : [];
	const shown = keys.slice(0, 12).map((key) => (key.length > 40 ? `${key.slice(0, 40)}…` : key));
	const seen = shown.length ? `top-level keys: ${shown.join(', ')}${keys.length > shown.length ? ', …' : ''}` : 'no top-level keys';
	return new NodeApiError(
		client.node,
		{ status, keys: shown },
		{
			message: `Unexpected response from ${name}: ${problem}`,
			description:
				`${name} answered HTTP ${status}, but not in the shape this node reads (${seen}). ` +
				`The ${name} API may have changed, or a proxy or gateway answered in its place. Nothing was returned.`,
			httpCode: String(status),
		},
	);
}

/**
 * Checks a response against the envelope the caller relies on and returns its body;
 * a mismatch is a NodeApiError ("Unexpected response from Make: `auditLogs` is missing").
 */
export function expectEnvelope<B>(client: ApiClient, response: ApiResponse, envelope: Envelope): B {
	const problem = envelopeProblem(response.body, envelope);
	if (problem !== undefined) throw unexpectedResponseError(client, response, problem);
	return response.body as B;
}

/**
 * Thrown by code that reads a page without the client at hand (a paging strategy): the
 * paginator turns it into the same NodeApiError, with the provider and the HTTP status.
 */
export class UnexpectedResponse extends Error {
	constructor(readonly problem: string) {
		super(problem);
		this.name = 'UnexpectedResponse';
	}
}

/** Runs `read` over a response, reporting an `UnexpectedResponse` it throws as the provider's NodeApiError. */
export function readingResponse<R>(client: ApiClient, response: Pick<ApiResponse, 'statusCode' | 'body'>, read: () => R): R {
	try {
		return read();
	} catch (error) {
		throw asNodeError(client, response, error);
	}
}

/** What `readingResponse` throws: n8n's errors as they are, an `UnexpectedResponse` as the provider's. */
function asNodeError(client: ApiClient, response: Pick<ApiResponse, 'statusCode' | 'body'>, error: unknown) {
	if (error instanceof UnexpectedResponse) return unexpectedResponseError(client, response, error.problem);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(client.node, error as Error);
}
