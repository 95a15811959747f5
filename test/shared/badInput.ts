/**
 * Table-driven bad-input tests (issue "Reliability", section 3). Every parameter of a node or
 * trigger, enumerated from its description (collection options, fixedCollection values and
 * resource-locator modes included), gets rows of values: each either fails with a
 * NodeOperationError that names the parameter before any request, or is legal and sent safely
 * encoded. A parameter without rows fails "every parameter has cases".
 */
import type {
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

import type { CredentialStore } from '../harness/n8n';
import { runNode, TriggerRig } from '../harness/n8n';
import type { LoggedRequest } from '../sandbox/kit';

/* ----- Values to try ----- */

/** Expressions that resolve to an object or a list where a string, number or boolean is expected. */
export const OBJECT_EXPR = '={{ {"a":1} }}';
export const ARRAY_EXPR = '={{ [1,2] }}';
export const LONG = 'a'.repeat(10_000);
export const UNICODE = 'Zürich 東京 🚀';
/** Characters that would split or end a query string if sent unencoded. */
export const QUERY_HOSTILE = 'R&D [EU] #1 = a&b=c?d';
/** Values that would change a URL path if sent unencoded (or as "."/".." segments). */
export const PATH_TRAVERSAL = '../../x';
export const ENCODED_SLASH = 'a%2Fb';
export const QUESTION_MARK = 'a?b=c';
/**
 * Empty, as an expression gives it: n8n itself refuses a literally empty required parameter
 * before the run ("The workflow has issues"), so only an expression reaches the node.
 */
export const EMPTY_EXPR = '={{ "" }}';

/* ----- Rows ----- */

interface RowBase {
	value: unknown;
	/** Other parameters the case needs, e.g. Return All off for Limit, or a start date for an end date. */
	with?: INodeParameters;
}

/** A bad value: a NodeOperationError whose message matches, and no request at all. */
export interface BadRow extends RowBase {
	error: RegExp;
}

/**
 * A legal (if tricky) value: no NodeOperationError, at least one API request, and `request`
 * sees the first one (and all). An API error (a 404 for an unknown ID) is fine.
 */
export interface LegalRow extends RowBase {
	ok: true;
	request?: (first: LoggedRequest, all: LoggedRequest[]) => void;
}

export type Row = BadRow | LegalRow;

/** context → parameter path → rows */
export type Table = Record<string, Record<string, Row[]>>;

export const bad = (error: RegExp, ...values: unknown[]): BadRow[] => values.map((value) => ({ value, error }));
export const legal = (value: unknown, request?: LegalRow['request'], extra: INodeParameters = {}): LegalRow => ({
	value,
	ok: true,
	request,
	...(Object.keys(extra).length ? { with: extra } : {}),
});
/** The same rows with extra parameters each. */
export const withParams = (extra: INodeParameters, rows: Row[]): Row[] =>
	rows.map((row) => ({ ...row, with: { ...extra, ...row.with } }));

/**
 * The same rows with each plain value given by an expression. A resource locator's By ID mode
 * has a regex that n8n checks before a manual run ("The workflow has issues"), for literal
 * values only; an expression (or a production run) reaches the node, whose check must hold.
 */
export const viaExpression = (rows: Row[]): Row[] =>
	rows.map((row) =>
		(typeof row.value === 'string' && !row.value.startsWith('=')) || typeof row.value === 'number'
			? { ...row, value: `={{ ${JSON.stringify(row.value)} }}` }
			: row,
	);

/** A message matched literally, whole. */
export const exactly = (message: string) => new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The query as the server parsed it, every value of every key, in order. */
export function queryOf(request: LoggedRequest): Array<[string, string]> {
	return [...new URLSearchParams(request.rawQuery)];
}

/* ----- Rows most nodes share ----- */

export function returnAllRows(): Row[] {
	return [
		...bad(exactly('Parameter "Return All" must be true or false'), 'false', 'true', 1, OBJECT_EXPR, ARRAY_EXPR),
		legal(true),
	];
}

/**
 * Limit: no maximum (pages are fetched until it is reached), but a whole number ≥ 1. A limit
 * above the page size is legal; `pageSizeOf` reads the page size the request asked for.
 */
export function limitRows(maxPageSize: number, pageSizeOf: (request: LoggedRequest) => string | undefined): Row[] {
	const message = exactly('Parameter "Limit" must be a whole number of 1 or more');
	return withParams({ returnAll: false }, [
		...bad(message, 0, -1, 1.5, '5', '', OBJECT_EXPR, ARRAY_EXPR, '={{ Infinity }}'),
		legal(3, (request) => expect(pageSizeOf(request)).toBe('3')),
		legal(maxPageSize * 3 + 1, (request) => expect(pageSizeOf(request)).toBe(String(maxPageSize))),
	]);
}

/** The Options every node and trigger shares: Include Raw, Output Format and the retry settings. */
export function commonOptionRows(): Record<string, Row[]> {
	return {
		'options.includeRaw': [
			...bad(exactly('Parameter "Include Raw" must be true or false'), 'false', 0, OBJECT_EXPR, ARRAY_EXPR),
			legal(false),
		],
		'options.outputFormat': [
			...bad(exactly('Parameter "Output Format" must be one of "raw", "normalized" or "ocsf"'), 'xml', '', 'OCSF', OBJECT_EXPR, ARRAY_EXPR),
			legal('ocsf'),
		],
		'options.maxRetries': [
			...bad(exactly('Parameter "Max Retries" must be a whole number from 0 to 10'), -1, 11, 1.5, '3', OBJECT_EXPR),
			legal(0),
		],
		'options.initialRetryDelayMs': [
			...bad(exactly('Parameter "Initial Retry Delay (Milliseconds)" must be a number of 0 or more'), -1, 'abc', ARRAY_EXPR, '={{ Infinity }}'),
			legal(0),
		],
		'options.timeoutSeconds': [
			...bad(exactly('Parameter "Request Timeout (Seconds)" must be a number from 1 to 86,400'), 0, -5, 86_401, '30', OBJECT_EXPR),
			legal(1.5),
		],
		'options.maxWaitSeconds': [
			...bad(exactly('Parameter "Max Wait (Seconds)" must be a number from 1 to 86,400'), 0, -1, 1e9, 'abc', ARRAY_EXPR),
			legal(2),
		],
	};
}

/** The trigger settings every trigger shares. Hours and Start Date are read only for their Start From. */
export function triggerSettingRows(): Record<string, Row[]> {
	return {
		startFrom: [
			...bad(exactly('Parameter "Start From" must be one of "now", "hoursAgo" or "date"'), 'yesterday', '', OBJECT_EXPR, 1),
			legal('now'),
		],
		startHours: withParams({ startFrom: 'hoursAgo' }, [
			...bad(exactly('Parameter "Hours" must be a number from 1 to 87,600'), 0, -1, 0.5, 87_601, '24', OBJECT_EXPR, ARRAY_EXPR),
			legal(1.5),
		]),
		startDate: withParams({ startFrom: 'date' }, [
			...bad(exactly('Parameter "Start Date" must be an ISO 8601 date-time'), 'yesterday', '', LONG, UNICODE, OBJECT_EXPR, ARRAY_EXPR),
			...bad(/^Parameter "Start Date" is not a real date: /, '2026-13-01', '2026-02-30T00:00:00Z'),
			legal('2026-10-31T00:00:00Z'),
		]),
		maxEventsPerPoll: [
			...bad(exactly('Parameter "Max Events per Poll" must be a whole number of 1 or more'), 0, -1, 1.5, '100', OBJECT_EXPR, ARRAY_EXPR),
			legal(1),
		],
	};
}

/**
 * A date-time filter: the forms that are not ISO 8601, dates that do not exist, and (for the
 * range's end) an end before its start. `earlier` is the other end's parameter path and label.
 */
export function dateRows(
	label: string,
	range: { start: string; startLabel: string; end: string; endLabel: string },
	isEnd: boolean,
	request?: LegalRow['request'],
): Row[] {
	const collection = range.start.split('.')[0];
	const otherName = (isEnd ? range.start : range.end).split('.')[1];
	return [
		...bad(exactly(`Parameter "${label}" must be an ISO 8601 date-time`), 'yesterday', LONG, UNICODE, 1767225600000, OBJECT_EXPR, ARRAY_EXPR),
		...bad(new RegExp(`^Parameter "${label}" is not a real date: `), '2026-13-01', '2026-02-30', '2026-04-31T10:00:00Z'),
		{
			value: isEnd ? '2026-10-01T00:00:00Z' : '2026-10-02T00:00:00Z',
			with: { [collection]: { [otherName]: isEnd ? '2026-10-02T00:00:00Z' : '2026-10-01T00:00:00Z' } },
			error: exactly(`Parameter "${range.endLabel}" is earlier than "${range.startLabel}"`),
		},
		legal('={{ $now.minus({ days: 3 }) }}', request),
	];
}

/**
 * A free-text filter: unicode, query-hostile characters and a quote arrive as exactly that
 * value (`sent` asserts where: one query parameter, a quoted literal); wrong types, control
 * characters and 10,000 characters are refused.
 */
export function textRows(label: string, sent: (request: LoggedRequest, value: string) => void): Row[] {
	return [
		...bad(exactly(`Parameter "${label}" must be text`), OBJECT_EXPR, ARRAY_EXPR, true),
		...bad(exactly(`Parameter "${label}" must be at most 1,000 characters long`), LONG),
		...bad(exactly(`Parameter "${label}" contains control characters`), 'a\nb'),
		...[UNICODE, QUERY_HOSTILE, QUOTE_INJECTION].map((value) => legal(value, (request) => sent(request, value))),
	];
}

/** A quote that would end a quoted literal if it were not escaped. */
export const QUOTE_INJECTION = "x' or 'a' eq 'a";

/**
 * A multi-value filter: a list, or comma-separated text. Objects and lists of objects are
 * refused, as are entries that are too long or hold control characters; tricky entries arrive
 * as they are (`sent` asserts how).
 */
export function listRows(label: string, sent: (request: LoggedRequest, values: string[]) => void, tricky: string[] = [QUERY_HOSTILE, UNICODE]): Row[] {
	const message = exactly(`Parameter "${label}" must be a list or comma-separated text`);
	return [
		...bad(message, OBJECT_EXPR, '={{ [{"a":1}] }}', true),
		...bad(exactly(`Parameter "${label}" must be at most 1,000 characters long`), [LONG]),
		...bad(exactly(`Parameter "${label}" contains control characters`), ['a\u0000b']),
		legal(tricky, (request) => sent(request, tricky)),
		legal(ARRAY_EXPR, (request) => sent(request, ['1', '2'])),
		legal('b, a ,b', (request) => sent(request, ['b', 'a'])),
	];
}

/** An options parameter: values it does not offer, and the wrong types. */
export function optionRows(message: string, badValues: unknown[], legalValue: unknown, request?: LegalRow['request']): Row[] {
	return [...bad(exactly(message), ...badValues, OBJECT_EXPR, ARRAY_EXPR), legal(legalValue, request)];
}

/**
 * Resource and Operation cannot be expressions, but a saved workflow can hold any value. An
 * unknown resource hides every operation, and n8n itself fails reading the operation (n8n-core
 * 2.41 names it in the message, 2.8 does not).
 */
export function resourceRows(resource: string): Row[] {
	return [...bad(/^Could not get parameter( "operation")?$/, 'nope'), legal(resource)];
}

export function operationRows(resource: string, operation: string): Row[] {
	return [...bad(exactly(`The operation "delete" is not supported for "${resource}"`), 'delete'), legal(operation)];
}

/**
 * An ID sent as one URL path segment whose form is not checked: "." and ".." are refused;
 * `/`, `%2F` and `?` are percent-encoded, so `pathOf(encoded)` is exactly the path requested.
 */
export function opaqueIdRows(label: string, pathOf: (encoded: string) => string, validId: () => string): Row[] {
	return [
		...bad(exactly(`Parameter "${label}" is empty`), EMPTY_EXPR, '   '),
		...bad(exactly(`Parameter "${label}" must be text`), OBJECT_EXPR, ARRAY_EXPR),
		...bad(exactly(`Parameter "${label}" cannot be "." or ".."`), '..', '.', ' .. '),
		...bad(exactly(`Parameter "${label}" contains control characters`), 'a\nb'),
		...bad(exactly(`Parameter "${label}" must be at most 1,000 characters long`), LONG),
		...[PATH_TRAVERSAL, ENCODED_SLASH, QUESTION_MARK, 'a#b', UNICODE, '..%2F..'].map((value) =>
			legal(value, (request) => expect(request.path).toBe(pathOf(encodeURIComponent(value)))),
		),
		legal(lazy('a valid ID', validId), (request) => expect(request.path).toBe(pathOf(encodeURIComponent(validId())))),
	];
}

/** A value known only once the emulator runs (an ID of its data). */
export class Lazy {
	constructor(
		readonly name: string,
		readonly get: () => unknown,
	) {}
}

export const lazy = (name: string, get: () => unknown) => new Lazy(name, get);

/**
 * An ID whose form is known and checked: everything that is not of that form is refused with
 * `message`, the path tricks included.
 */
export function checkedIdRows(label: string, message: string, others: unknown[] = []): Row[] {
	return [
		...bad(exactly(`Parameter "${label}" is empty`), EMPTY_EXPR, '   '),
		...bad(exactly(`Parameter "${label}" must be text`), OBJECT_EXPR, ARRAY_EXPR),
		...bad(exactly(`Parameter "${label}" contains control characters`), 'a\nb'),
		...bad(exactly(message), PATH_TRAVERSAL, '..', '.', ENCODED_SLASH, QUESTION_MARK, 'a#b', UNICODE, LONG, ...others),
	];
}

/* ----- Enumeration ----- */

/** The discriminating parameters of a node: resource and operation, or a trigger's scope. */
export function contextsOf(node: INodeType): Array<Record<string, string>> {
	const { properties } = node.description;
	const optionsOf = (property?: INodeProperties) => ((property?.options ?? []) as INodePropertyOptions[]).map((option) => String(option.value));
	const resource = properties.find((property) => property.name === 'resource');
	if (resource) {
		return optionsOf(resource).flatMap((value) =>
			properties
				.filter((property) => property.name === 'operation' && visible(property, { resource: value }))
				.flatMap((operation) => optionsOf(operation).map((op) => ({ resource: value, operation: op }))),
		);
	}
	const scope = properties.find((property) => property.name === 'scope' && !property.displayOptions);
	return scope ? optionsOf(scope).map((value) => ({ scope: value })) : [{}];
}

export const contextName = (context: Record<string, string>) =>
	'resource' in context ? `${context.resource}/${context.operation}` : 'scope' in context ? `scope=${context.scope}` : 'trigger';

/**
 * Whether a property can show in a context. Only the context's own parameters decide; a
 * condition on another one (Return All, Start From) leaves the property in, and its rows set it.
 * The plain node runs here, so properties of the tool variant only (`'@tool': [true]`) are
 * left out; test/shared/asTool.test.ts covers those.
 */
function visible(property: INodeProperties, context: Record<string, string>): boolean {
	const { show, hide } = property.displayOptions ?? {};
	const values: Record<string, unknown> = { ...context, '@tool': false };
	const shown = Object.entries(show ?? {}).every(
		([key, allowed]) => !(key in values) || (allowed as unknown[]).includes(values[key]),
	);
	const hidden = Object.entries(hide ?? {}).some(([key, disallowed]) => key in values && (disallowed as unknown[]).includes(values[key]));
	return shown && !hidden;
}

/**
 * Every parameter path of a context: `name`, `collection.option`,
 * `fixedCollection.group.value`, and `locator[mode]` for each resource-locator mode.
 */
export function parameterPaths(node: INodeType, context: Record<string, string>): string[] {
	const paths = new Set<string>();
	for (const property of node.description.properties) {
		if (!visible(property, context) || property.type === 'notice') continue;
		if (property.type === 'collection') {
			for (const option of property.options as INodeProperties[]) paths.add(`${property.name}.${option.name}`);
		} else if (property.type === 'fixedCollection') {
			for (const group of property.options as INodePropertyCollection[]) {
				for (const value of group.values) paths.add(`${property.name}.${group.name}.${value.name}`);
			}
		} else if (property.type === 'resourceLocator') {
			for (const mode of property.modes ?? []) paths.add(`${property.name}[${mode.name}]`);
		} else {
			paths.add(property.name);
		}
	}
	return [...paths].sort();
}

/** The display name of the parameter at `path` (an option's own, inside a collection). */
export function displayNameOf(node: INodeType, context: Record<string, string>, path: string): string {
	const [top, ...rest] = path.replace(/\[\w+\]$/, '').split('.');
	const property = node.description.properties.find((candidate) => candidate.name === top && visible(candidate, context));
	if (!property) throw new Error(`no parameter ${path}`);
	if (rest.length === 0) return property.displayName;
	if (property.type === 'collection') return (property.options as INodeProperties[]).find((option) => option.name === rest[0])!.displayName;
	const group = (property.options as INodePropertyCollection[]).find((candidate) => candidate.name === rest[0])!;
	return group.values.find((value) => value.name === rest[1])!.displayName;
}

/** Every parameter of every context, as the table keys them. */
export function enumerate(node: INodeType): Record<string, string[]> {
	return Object.fromEntries(contextsOf(node).map((context) => [contextName(context), parameterPaths(node, context)]));
}

/* ----- Running ----- */

type Parameters = Record<string, unknown>;

function isPlainObject(value: unknown): value is Parameters {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !('__rl' in value);
}

/** `base` with `extra` over it, collections merged one level deep. */
function merge(base: Parameters, extra: Parameters = {}): Parameters {
	const merged: Parameters = { ...base };
	for (const [key, value] of Object.entries(extra)) {
		merged[key] = isPlainObject(value) && isPlainObject(base[key]) ? { ...base[key], ...value } : value;
	}
	return merged;
}

/** The parameters with `value` at `path`. */
export function setPath(parameters: Parameters, path: string, value: unknown): Parameters {
	const locator = /^(\w+)\[(\w+)\]$/.exec(path);
	if (locator) return { ...parameters, [locator[1]]: { __rl: true, mode: locator[2], value } };
	const [top, ...rest] = path.split('.');
	if (rest.length === 0) return { ...parameters, [top]: value };
	const inner = (isPlainObject(parameters[top]) ? parameters[top] : {}) as Parameters;
	const nested = rest.length === 1 ? value : [{ ...((inner[rest[0]] as Parameters[] | undefined)?.[0] ?? {}), [rest[1]]: value }];
	return { ...parameters, [top]: { ...inner, [rest[0]]: nested } };
}

export interface BadInputSpec {
	nodeType: INodeType;
	/** Valid parameters of each context (`resource/operation`, `scope=…` or `trigger`). */
	base: Record<string, () => Parameters>;
	table: Table;
	/** The credential each context runs with. */
	credentials: (context: string) => CredentialStore;
	/** Every request the emulator saw (the token endpoint's included). */
	requests: () => LoggedRequest[];
	/** The API requests, for the rows' assertions. */
	apiRequests: () => LoggedRequest[];
}

const label = (value: unknown) => {
	if (value instanceof Lazy) return `(${value.name})`;
	const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
	return text.length > 40 ? `${text.slice(0, 37)}…(${text.length})` : text;
};

async function run(spec: BadInputSpec, context: string, parameters: Parameters): Promise<Error | undefined> {
	const isTrigger = typeof spec.nodeType.poll === 'function';
	if (isTrigger) {
		const rig = new TriggerRig(spec.nodeType, parameters as INodeParameters, spec.credentials(context));
		return await rig.poll().then(
			() => undefined,
			(error: Error) => error,
		);
	}
	const { error } = await runNode({ nodeType: spec.nodeType, parameters: parameters as INodeParameters, credentials: spec.credentials(context) });
	return error;
}

/** Registers the coverage test and one test per row. */
export function describeBadInput(title: string, spec: BadInputSpec) {
	describe(title, () => {
		it('every parameter has cases', () => {
			const enumerated = enumerate(spec.nodeType);
			const tabled = Object.fromEntries(Object.entries(spec.table).map(([context, rows]) => [context, Object.keys(rows).sort()]));
			expect(tabled).toEqual(enumerated);
			expect(Object.keys(spec.base).sort()).toEqual(Object.keys(enumerated).sort());
			for (const [context, paths] of Object.entries(spec.table)) {
				for (const [path, rows] of Object.entries(paths)) {
					expect([context, path, rows.length > 0]).toEqual([context, path, true]);
				}
			}
		});

		const contexts = Object.fromEntries(contextsOf(spec.nodeType).map((context) => [contextName(context), context]));
		const cases = Object.entries(spec.table).flatMap(([context, paths]) =>
			Object.entries(paths).flatMap(([path, rows]) => rows.map((row) => ({ context, path, row }))),
		);
		it.each(cases.map((entry) => [`${entry.context} › ${entry.path} = ${label(entry.row.value)}${'error' in entry.row ? ' → error' : ' → sent'}`, entry]))(
			'%s',
			async (_name, { context, path, row }) => {
				const value = row.value instanceof Lazy ? row.value.get() : row.value;
				const parameters = setPath(merge(spec.base[context](), row.with), path, value);
				const error = await run(spec, context, parameters);
				if ('error' in row) {
					expect(error?.name).toBe('NodeOperationError');
					expect(error?.message).toMatch(row.error);
					// By its display name; Resource and Operation fail inside n8n itself.
					if (path !== 'resource' && path !== 'operation') {
						expect(error?.message).toContain(`"${displayNameOf(spec.nodeType, contexts[context], path)}"`);
					}
					expect(spec.requests()).toEqual([]);
					return;
				}
				if (error) expect([error.name, error.message]).toEqual(['NodeApiError', expect.anything()]);
				const requests = spec.apiRequests();
				expect(requests.length).toBeGreaterThan(0);
				row.request?.(requests[0], requests);
			},
		);
	});
}

/** How many parameters and rows a table has, for the report. */
export function tableSize(table: Table) {
	const parameters = Object.values(table).reduce((sum, paths) => sum + Object.keys(paths).length, 0);
	const rows = Object.values(table).reduce((sum, paths) => sum + Object.values(paths).reduce((n, list) => n + list.length, 0), 0);
	return { parameters, rows };
}
