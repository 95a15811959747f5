import type { IDataObject, IExecuteFunctions, INode, INodeProperties, INodePropertyOptions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { triggerSettings } from './descriptions';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** The longest free-text value (an ID, a name, a filter value) a node sends. */
export const MAX_TEXT_LENGTH = 1000;

/** A value as an error description shows it: JSON, cut short (a value may be 10,000 characters). */
export function shown(value: unknown): string {
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

const count = (n: number) => n.toLocaleString('en-US');

/** What an expression gave instead, for a message: "an object", "a list", … */
function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'boolean') return 'a boolean';
	if (typeof value === 'number') return 'a number';
	return typeof value === 'string' ? 'text' : typeof value;
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an n8n date-time parameter into epoch ms. The n8n date picker emits values
 * without a zone; those are read as UTC, as the providers do.
 */
export function parseDateParam(node: INode, label: string, value: unknown, itemIndex?: number): number {
	const text =
		typeof value === 'string' ? value.trim() : value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : '';
	if (!ISO_DATE_TIME.test(text)) {
		throw new NodeOperationError(node, `Parameter "${label}" must be an ISO 8601 date-time`, {
			description: `Got ${shown(value)}. Use a form like 2026-01-31T09:00:00Z; a value without a time zone is read as UTC.`,
			itemIndex,
		});
	}
	const withZone = HAS_ZONE.test(text) || text.length === 10 ? text : `${text.replace(' ', 'T')}Z`;
	const ms = Date.parse(withZone);
	// Date.parse rolls a day past the month's end over (2026-02-30 → March 2): not a real date either.
	const [year, month, day] = text.slice(0, 10).split('-').map(Number);
	if (Number.isNaN(ms) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
		throw new NodeOperationError(node, `Parameter "${label}" is not a real date: ${shown(text)}`, {
			description: 'Use a form like 2026-01-31T09:00:00Z',
			itemIndex,
		});
	}
	return ms;
}

export function checkDateRange(
	node: INode,
	from: { label: string; ms?: number },
	to: { label: string; ms?: number },
	itemIndex?: number,
) {
	if (from.ms !== undefined && to.ms !== undefined && to.ms < from.ms) {
		throw new NodeOperationError(node, `Parameter "${to.label}" is earlier than "${from.label}"`, {
			description: `"${to.label}" (${new Date(to.ms).toISOString()}) must be at or after "${from.label}" (${new Date(from.ms).toISOString()}).`,
			itemIndex,
		});
	}
}

/**
 * A required free-text value (an ID, a slug, a name): text or a number, trimmed, non-empty,
 * no control characters, at most `maxLength` characters.
 */
export function requireText(
	node: INode,
	label: string,
	value: unknown,
	itemIndex?: number,
	maxLength: number = MAX_TEXT_LENGTH,
): string {
	if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number') {
		throw new NodeOperationError(node, `Parameter "${label}" must be text`, {
			description: `Got ${shown(value)}: an expression here must give a string, not ${kindOf(value)}.`,
			itemIndex,
		});
	}
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (text === '') {
		throw new NodeOperationError(node, `Parameter "${label}" is empty`, {
			description: `Enter the ${label.toLowerCase()}.`,
			itemIndex,
		});
	}
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(text)) {
		throw new NodeOperationError(node, `Parameter "${label}" contains control characters`, {
			description: `Enter the ${label.toLowerCase()} as plain text.`,
			itemIndex,
		});
	}
	if (text.length > maxLength) {
		throw new NodeOperationError(node, `Parameter "${label}" must be at most ${count(maxLength)} characters long`, {
			description: `Got ${count(text.length)} characters: ${shown(text)}`,
			itemIndex,
		});
	}
	return text;
}

/** An optional free-text filter: empty means "not set". */
export function optionalText(node: INode, label: string, value: unknown, itemIndex?: number): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	return requireText(node, label, value, itemIndex);
}

/** The form an ID must have, for IDs whose form is known. */
export interface IdForm {
	pattern: RegExp;
	/** "a Sim audit-log ID": completes `Parameter "…" must be `. */
	what: string;
	/** What to enter instead, with an example. */
	hint: string;
}

/**
 * An ID that goes into a URL path as one segment. It is percent-encoded there, so `/`, `?`
 * and `%` stay inside the segment; "." and ".." would still be read as a path step and are
 * refused, as is anything outside `form` when the ID's form is known.
 */
export function requirePathId(node: INode, label: string, value: unknown, itemIndex?: number, form?: IdForm): string {
	const text = requireText(node, label, value, itemIndex, Infinity);
	if (form && !form.pattern.test(text)) {
		throw new NodeOperationError(node, `Parameter "${label}" must be ${form.what}`, {
			description: `Got ${shown(text)}. ${form.hint}`,
			itemIndex,
		});
	}
	if (text === '.' || text === '..') {
		throw new NodeOperationError(node, `Parameter "${label}" cannot be "." or ".."`, {
			description: 'The ID goes into the URL path, where "." and ".." would point elsewhere. Use the ID as the API returns it.',
			itemIndex,
		});
	}
	return requireText(node, label, text, itemIndex);
}

/**
 * A number parameter. n8n's minValue and maxValue bind only the editor; an expression can
 * give anything, so the node checks. Text such as "5" is refused like any other type.
 */
export function requireNumber(
	node: INode,
	label: string,
	value: unknown,
	range: { min: number; max?: number; whole?: boolean },
	itemIndex?: number,
): number {
	const { min, max, whole } = range;
	const valid =
		typeof value === 'number' &&
		Number.isFinite(value) &&
		(!whole || Number.isSafeInteger(value)) &&
		value >= min &&
		(max === undefined || value <= max);
	if (!valid) {
		const kind = whole ? 'a whole number' : 'a number';
		const bounds = max === undefined ? `of ${count(min)} or more` : `from ${count(min)} to ${count(max)}`;
		throw new NodeOperationError(node, `Parameter "${label}" must be ${kind} ${bounds}`, {
			description: `Got ${shown(value)}${typeof value === 'number' ? '' : `, ${kindOf(value)}`}.`,
			itemIndex,
		});
	}
	return value;
}

/** A boolean parameter: true or false, not text such as "false" (which JavaScript reads as true). */
export function requireBoolean(node: INode, label: string, value: unknown, itemIndex?: number): boolean {
	if (typeof value !== 'boolean') {
		throw new NodeOperationError(node, `Parameter "${label}" must be true or false`, {
			description: `Got ${shown(value)}, ${kindOf(value)}. An expression here must give a boolean, e.g. {{ $json.flag === 'true' }}.`,
			itemIndex,
		});
	}
	return value;
}

/** The values an options parameter offers. */
export function optionValues(property: INodeProperties): Array<string | number | boolean> {
	return ((property.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
}

function oneOf(values: ReadonlyArray<string | number | boolean>): string {
	const quoted = values.map((value) => JSON.stringify(value));
	if (quoted.length <= 2) return quoted.join(' or ');
	return `one of ${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** An options parameter: one of its values. An expression can give any other; it is refused. */
export function requireOption<T extends string | number | boolean>(
	node: INode,
	label: string,
	value: unknown,
	values: readonly T[],
	itemIndex?: number,
): T {
	if (!(values as readonly unknown[]).includes(value)) {
		throw new NodeOperationError(node, `Parameter "${label}" must be ${oneOf(values)}`, {
			description: `Got ${shown(value)}.`,
			itemIndex,
		});
	}
	return value as T;
}

/**
 * A multi-value filter: values picked from a list, or a list or comma-separated text from an
 * expression. Each value is checked as text; duplicates and blanks are dropped. Undefined when
 * nothing is left.
 */
export function readList(node: INode, label: string, value: unknown, itemIndex?: number): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : typeof value === 'number' ? [value] : undefined;
	if (!parts || parts.some((part) => typeof part !== 'string' && typeof part !== 'number')) {
		throw new NodeOperationError(node, `Parameter "${label}" must be a list or comma-separated text`, {
			description: `Got ${shown(value)}. Pick values from the list, or use an expression that gives a list of strings or a text such as a,b.`,
			itemIndex,
		});
	}
	const cleaned = [...new Set(parts.map((part) => String(part).trim()).filter(Boolean))];
	for (const entry of cleaned) requireText(node, label, entry, itemIndex);
	return cleaned.length ? cleaned : undefined;
}

/** Number options: whole numbers, and upper bounds where the editor has none but timers do. */
const NUMBER_RULES: Record<string, { whole?: boolean; max?: number }> = {
	maxRetries: { whole: true },
	initialRetryDelayMs: {},
	// Node's timers cannot wait longer than about 24.8 days; a day is plenty for one request or wait.
	timeoutSeconds: { max: 86_400 },
	maxWaitSeconds: { max: 86_400 },
	pageSize: { whole: true },
	limit: { whole: true },
	maxEventsPerPoll: { whole: true },
	startHours: { max: 87_600 },
};

function checkNumberProperty(node: INode, property: INodeProperties, value: unknown, itemIndex?: number): number {
	const rule = NUMBER_RULES[property.name] ?? {};
	const min = typeof property.typeOptions?.minValue === 'number' ? property.typeOptions.minValue : -Infinity;
	const max = typeof property.typeOptions?.maxValue === 'number' ? property.typeOptions.maxValue : rule.max;
	return requireNumber(node, property.displayName, value, { min, max, whole: rule.whole }, itemIndex);
}

/**
 * Checks an Options collection's booleans, options and numbers against the collection's own
 * description (its text options are checked by whatever reads them).
 */
export function checkOptions(node: INode, collection: INodeProperties, value: unknown, itemIndex?: number): IDataObject {
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(node, `Parameter "${collection.displayName}" must be a collection of options`, {
			description: `Got ${shown(value)}.`,
			itemIndex,
		});
	}
	const values = value as IDataObject;
	for (const option of (collection.options ?? []) as INodeProperties[]) {
		if (!(option.name in values) || values[option.name] === undefined) continue;
		const given = values[option.name];
		if (option.type === 'boolean') requireBoolean(node, option.displayName, given, itemIndex);
		else if (option.type === 'options') requireOption(node, option.displayName, given, optionValues(option), itemIndex);
		else if (option.type === 'number') checkNumberProperty(node, option, given, itemIndex);
	}
	return values;
}

/**
 * Return All and Limit, checked: undefined means every record. A Limit has no maximum (pages
 * are fetched until it is reached) but must be a whole number of at least 1.
 */
export function readResultLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const node = ctx.getNode();
	if (requireBoolean(node, 'Return All', ctx.getNodeParameter('returnAll', itemIndex, false), itemIndex)) return undefined;
	return requireNumber(node, 'Limit', ctx.getNodeParameter('limit', itemIndex), { min: 1, whole: true }, itemIndex);
}

const setting = (name: string) => triggerSettings.find((property) => property.name === name)!;

/**
 * The settings every trigger shares, and its Options collection, checked before the poll
 * sends anything: Start From, Hours or Start Date, Max Events per Poll.
 */
export function checkTriggerSettings(ctx: IPollFunctions, optionsCollection: INodeProperties): void {
	const node = ctx.getNode();
	const startFrom = setting('startFrom');
	const mode = requireOption(node, startFrom.displayName, ctx.getNodeParameter('startFrom', 'now'), optionValues(startFrom));
	if (mode === 'hoursAgo') checkNumberProperty(node, setting('startHours'), ctx.getNodeParameter('startHours', 24));
	if (mode === 'date') parseDateParam(node, setting('startDate').displayName, ctx.getNodeParameter('startDate', ''));
	checkNumberProperty(node, setting('maxEventsPerPoll'), ctx.getNodeParameter('maxEventsPerPoll', 100));
	checkOptions(node, optionsCollection, ctx.getNodeParameter('options', {}));
}
