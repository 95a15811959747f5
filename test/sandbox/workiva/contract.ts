/**
 * A small validator for the OpenAPI 3.0 constructs that Workiva's activities subset
 * (`openapi.json`, see SOURCE.md) uses: `$ref`, `allOf`, `type`, `properties`, `required`,
 * `nullable`, `enum`, `items`, `minimum`/`maximum`, `maxItems` and the `date-time` and `uuid`
 * formats. The contract test checks every emulator response against the operation's documented
 * response schema with it. Anything else in a schema is refused, so a newer subset that needs more
 * fails loudly instead of passing unchecked.
 */
import spec from './openapi.json';

export interface SchemaObject {
	$ref?: string;
	allOf?: SchemaObject[];
	type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
	properties?: Record<string, SchemaObject>;
	required?: string[];
	nullable?: boolean;
	enum?: unknown[];
	items?: SchemaObject;
	minimum?: number;
	maximum?: number;
	maxItems?: number;
	format?: string;
	[annotation: string]: unknown;
}

interface MediaType {
	schema?: SchemaObject;
}

interface ResponseObject {
	$ref?: string;
	content?: Record<string, MediaType>;
}

interface Operation {
	operationId: string;
	responses: Record<string, ResponseObject>;
}

interface OpenApiDocument {
	paths: Record<string, Record<string, Operation>>;
	components: {
		schemas: Record<string, SchemaObject>;
		responses: Record<string, ResponseObject>;
		parameters: Record<string, { name: string; schema: SchemaObject }>;
	};
}

export const WORKIVA_OPENAPI = spec as unknown as OpenApiDocument;

/** Keywords that only describe (they never make a value invalid). */
const ANNOTATIONS = new Set(['description', 'example', 'examples', 'readOnly', 'default', 'title']);
const CHECKED = new Set([
	'$ref',
	'allOf',
	'type',
	'properties',
	'required',
	'nullable',
	'enum',
	'items',
	'minimum',
	'maximum',
	'maxItems',
	'format',
]);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ValidateOptions {
	/** Also refuse properties a schema with `properties` does not declare (the emulator's own output). */
	noExtraProperties?: boolean;
}

function resolve<T>(ref: string): T {
	const path = ref.replace(/^#\//, '').split('/');
	let node: unknown = WORKIVA_OPENAPI;
	for (const key of path) {
		node = (node as Record<string, unknown> | undefined)?.[key];
		if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
	}
	return node as T;
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

/** Every violation of `schema` by `value`, as `path: message`; empty when valid. */
export function validateSchema(
	schema: SchemaObject,
	value: unknown,
	options: ValidateOptions = {},
	path = '$',
): string[] {
	for (const key of Object.keys(schema)) {
		if (!CHECKED.has(key) && !ANNOTATIONS.has(key))
			throw new Error(`${path}: the validator does not know the keyword "${key}"`);
	}
	if (schema.$ref) {
		return validateSchema(resolve<SchemaObject>(schema.$ref), value, options, path);
	}
	if (value === null) {
		// `nullable` on a wrapper with `allOf` makes the whole thing nullable.
		return schema.nullable ? [] : [`${path}: null is not allowed`];
	}
	const errors: string[] = [];
	for (const part of schema.allOf ?? []) errors.push(...validateSchema(part, value, options, path));

	const actual = typeOf(value);
	if (schema.type) {
		const fits = schema.type === actual || (schema.type === 'number' && actual === 'integer');
		if (!fits) return [...errors, `${path}: expected ${schema.type}, got ${actual}`];
	}
	if (schema.enum && !schema.enum.includes(value))
		errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
	if (typeof value === 'string' && schema.format === 'date-time' && !DATE_TIME.test(value))
		errors.push(`${path}: "${value}" is not a date-time`);
	if (typeof value === 'string' && schema.format === 'uuid' && !UUID.test(value))
		errors.push(`${path}: "${value}" is not a uuid`);
	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum)
			errors.push(`${path}: ${value} < minimum ${schema.minimum}`);
		if (schema.maximum !== undefined && value > schema.maximum)
			errors.push(`${path}: ${value} > maximum ${schema.maximum}`);
	}
	if (Array.isArray(value)) {
		if (schema.maxItems !== undefined && value.length > schema.maxItems)
			errors.push(`${path}: more than ${schema.maxItems} items`);
		if (schema.items) {
			const items = schema.items;
			value.forEach((item, i) => errors.push(...validateSchema(items, item, options, `${path}[${i}]`)));
		}
	}
	if (actual === 'object') {
		const record = value as Record<string, unknown>;
		for (const key of schema.required ?? []) {
			if (record[key] === undefined) errors.push(`${path}: missing required "${key}"`);
		}
		for (const [key, propertySchema] of Object.entries(schema.properties ?? {})) {
			if (record[key] !== undefined)
				errors.push(...validateSchema(propertySchema, record[key], options, `${path}.${key}`));
		}
		if (options.noExtraProperties && schema.properties && !schema.allOf) {
			for (const key of Object.keys(record)) {
				if (!(key in schema.properties)) errors.push(`${path}: undeclared property "${key}"`);
			}
		}
	}
	return errors;
}

/** A component schema by name, e.g. `Activity`. */
export function componentSchema(name: string): SchemaObject {
	const schema = WORKIVA_OPENAPI.components.schemas[name];
	if (!schema) throw new Error(`no component schema ${name}`);
	return schema;
}

/** The JSON schema of an operation's response for `status` (following `$ref`s). */
export function responseSchema(operationId: string, status: number): SchemaObject {
	for (const methods of Object.values(WORKIVA_OPENAPI.paths)) {
		for (const operation of Object.values(methods)) {
			if (operation.operationId !== operationId) continue;
			let response = operation.responses[String(status)];
			if (!response) throw new Error(`${operationId} documents no ${status} response`);
			if (response.$ref) response = resolve<ResponseObject>(response.$ref);
			const schema = response.content?.['application/json']?.schema;
			if (!schema) throw new Error(`${operationId} ${status} has no JSON schema`);
			return schema;
		}
	}
	throw new Error(`no operation ${operationId}`);
}

/** Violations of an operation's documented response for `status` by `body`. */
export function validateResponse(
	operationId: string,
	status: number,
	body: unknown,
	options: ValidateOptions = {},
): string[] {
	return validateSchema(responseSchema(operationId, status), body, options);
}
