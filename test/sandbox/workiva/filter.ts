/**
 * Workiva's `$filter` and `$orderBy` for activities (docs/api/workiva.md#filter, #order-and-paging):
 * a tokenizer, a recursive-descent parser and an evaluator. Only the documented fields and
 * operators are accepted; anything else throws a `QueryOptionError` that the routes turn into 400.
 *
 *   filter     := or
 *   or         := and ( "or" and )*
 *   and        := primary ( "and" primary )*
 *   primary    := "(" or ")" | comparison
 *   comparison := field op literal | field "in" "(" literal ( "," literal )* ")"
 *   field      := action.alias | action.id | activityDateTime | performer.id | target.id
 *                 ("/" in place of "." is accepted too: OData's path syntax, INFERRED)
 *   op         := eq | lt | gt | le | ge          (per field, see FILTER_FIELDS)
 *   literal    := 'single-quoted string, '' for a quote' | 2026-01-01T00:00:00Z (unquoted)
 *
 * Keywords are lower-case and field names case-sensitive, as documented (INFERRED: other
 * spellings are refused rather than guessed at).
 */
import type { WorkivaActivity } from '../../../nodes/Workiva/types';
import { WORKIVA_DETAIL_CODES, WORKIVA_QUERY } from './schemas';

export type FilterField = 'action.alias' | 'action.id' | 'activityDateTime' | 'performer.id' | 'target.id';
export type FilterOperator = 'eq' | 'lt' | 'gt' | 'le' | 'ge' | 'in';

/** Each field's documented operators. */
export const FILTER_FIELDS: Record<FilterField, readonly FilterOperator[]> = {
	'action.alias': ['eq', 'in'],
	'action.id': ['eq', 'in'],
	activityDateTime: ['eq', 'lt', 'gt', 'le', 'ge'],
	'performer.id': ['eq', 'in'],
	'target.id': ['eq', 'in'],
};

export const FILTER_LOGICAL_OPERATORS = ['and', 'or'] as const;

/** Operators of Workiva's general filtering guide that activities do not advertise. */
const KNOWN_UNSUPPORTED = new Set(['ne', 'not', 'contains', 'startswith', 'endswith', 'has']);
const COMPARISONS = new Set<string>(['eq', 'lt', 'gt', 'le', 'ge', 'in']);
const MAX_DEPTH = 32;

/** ISO-8601 UTC with `Z`, optional fraction (INFERRED: offsets are refused). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export type Comparison =
	| { field: 'activityDateTime'; op: Exclude<FilterOperator, 'in'>; ms: number }
	| { field: Exclude<FilterField, 'activityDateTime'>; op: 'eq'; value: string }
	| { field: Exclude<FilterField, 'activityDateTime'>; op: 'in'; values: string[] };

export type FilterNode =
	| { kind: 'comparison'; comparison: Comparison }
	| { kind: 'and' | 'or'; left: FilterNode; right: FilterNode };

/** A refused query option; the routes answer 400 with it (docs/api/workiva.md#errors). */
export class QueryOptionError extends Error {
	constructor(
		/** The query option, e.g. `$filter`. */
		readonly option: string,
		/** A `WORKIVA_DETAIL_CODES` value. */
		readonly detailCode: string,
		/** What in the option is wrong, e.g. a field name. */
		readonly detailTarget: string,
		message: string,
	) {
		super(message);
	}
}

const filterError = (code: string, target: string, message: string) =>
	new QueryOptionError(WORKIVA_QUERY.filter, code, target, message);

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

type Token =
	| { kind: 'word'; text: string; at: number }
	| { kind: 'string'; text: string; at: number }
	| { kind: '(' | ')' | ','; text: string; at: number };

function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < source.length) {
		const char = source[i];
		if (char === ' ' || char === '\t') {
			i++;
		} else if (char === '(' || char === ')' || char === ',') {
			tokens.push({ kind: char, text: char, at: i });
			i++;
		} else if (char === "'") {
			// A quote ends the string unless another follows it: `''` is one literal quote.
			const at = i;
			let text = '';
			i++;
			for (;;) {
				if (i >= source.length)
					throw filterError(WORKIVA_DETAIL_CODES.invalidFilter, source.slice(at), `Unterminated string at position ${at}`);
				if (source[i] === "'") {
					if (source[i + 1] === "'") {
						text += "'";
						i += 2;
						continue;
					}
					i++;
					break;
				}
				text += source[i];
				i++;
			}
			tokens.push({ kind: 'string', text, at });
		} else {
			const at = i;
			while (i < source.length && !" \t(),'".includes(source[i])) i++;
			tokens.push({ kind: 'word', text: source.slice(at, i), at });
		}
	}
	return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

function normalizeField(text: string): FilterField | undefined {
	const dotted = text.replace(/\//g, '.');
	return dotted in FILTER_FIELDS ? (dotted as FilterField) : undefined;
}

class Parser {
	private position = 0;

	constructor(
		private readonly source: string,
		private readonly tokens: Token[],
	) {}

	parse(): FilterNode {
		if (this.tokens.length === 0)
			throw filterError(WORKIVA_DETAIL_CODES.invalidFilter, '', 'The $filter option is empty');
		const node = this.or(0);
		const rest = this.peek();
		if (rest) throw this.unexpected(rest);
		return node;
	}

	private peek(): Token | undefined {
		return this.tokens[this.position];
	}

	private take(): Token {
		const token = this.tokens[this.position];
		if (!token)
			throw filterError(WORKIVA_DETAIL_CODES.invalidFilter, this.source, 'The $filter option ends too early');
		this.position++;
		return token;
	}

	private unexpected(token: Token): QueryOptionError {
		return filterError(
			WORKIVA_DETAIL_CODES.invalidFilter,
			token.text,
			`Unexpected '${token.text}' at position ${token.at}`,
		);
	}

	private isWord(token: Token | undefined, word: string): boolean {
		return token?.kind === 'word' && token.text === word;
	}

	private or(depth: number): FilterNode {
		let left = this.and(depth);
		while (this.isWord(this.peek(), 'or')) {
			this.position++;
			left = { kind: 'or', left, right: this.and(depth) };
		}
		return left;
	}

	private and(depth: number): FilterNode {
		let left = this.primary(depth);
		while (this.isWord(this.peek(), 'and')) {
			this.position++;
			left = { kind: 'and', left, right: this.primary(depth) };
		}
		return left;
	}

	private primary(depth: number): FilterNode {
		const token = this.take();
		if (token.kind === '(') {
			if (depth >= MAX_DEPTH)
				throw filterError(WORKIVA_DETAIL_CODES.invalidFilter, '(', `Parentheses nest deeper than ${MAX_DEPTH}`);
			const node = this.or(depth + 1);
			const close = this.take();
			if (close.kind !== ')') throw this.unexpected(close);
			return node;
		}
		if (token.kind !== 'word') throw this.unexpected(token);
		if (KNOWN_UNSUPPORTED.has(token.text)) throw this.unsupportedOperator(token.text);
		return { kind: 'comparison', comparison: this.comparison(token) };
	}

	private unsupportedOperator(op: string, field?: string): QueryOptionError {
		return filterError(
			WORKIVA_DETAIL_CODES.unsupportedOperator,
			field ?? op,
			field ? `The operator '${op}' is not supported for ${field}` : `The operator '${op}' is not supported`,
		);
	}

	private comparison(fieldToken: Token): Comparison {
		const field = normalizeField(fieldToken.text);
		if (!field) {
			throw filterError(
				WORKIVA_DETAIL_CODES.unsupportedField,
				fieldToken.text,
				`Filtering by '${fieldToken.text}' is not supported`,
			);
		}
		const opToken = this.take();
		if (opToken.kind !== 'word') throw this.unexpected(opToken);
		const op = opToken.text;
		if (!COMPARISONS.has(op)) throw this.unsupportedOperator(op, KNOWN_UNSUPPORTED.has(op) ? field : undefined);
		if (!FILTER_FIELDS[field].includes(op as FilterOperator)) throw this.unsupportedOperator(op, field);

		if (field === 'activityDateTime')
			return { field, op: op as Exclude<FilterOperator, 'in'>, ms: this.dateTime(field) };
		if (op === 'eq') return { field, op, value: this.string(field) };
		const open = this.take();
		if (open.kind !== '(') throw this.unexpected(open);
		const values = [this.string(field)];
		for (;;) {
			const next = this.take();
			if (next.kind === ')') break;
			if (next.kind !== ',') throw this.unexpected(next);
			values.push(this.string(field));
		}
		return { field, op: 'in', values };
	}

	private string(field: FilterField): string {
		const token = this.take();
		if (token.kind === 'string') return token.text;
		if (token.kind === 'word')
			throw filterError(WORKIVA_DETAIL_CODES.invalidValue, field, `${field} takes a single-quoted string, not ${token.text}`);
		throw this.unexpected(token);
	}

	private dateTime(field: FilterField): number {
		const token = this.take();
		if (token.kind === 'word' && DATE_TIME.test(token.text) && !Number.isNaN(Date.parse(token.text)))
			return Date.parse(token.text);
		if (token.kind === 'word' || token.kind === 'string')
			throw filterError(
				WORKIVA_DETAIL_CODES.invalidValue,
				field,
				`${field} takes an unquoted ISO-8601 UTC date-time such as 2026-01-01T00:00:00Z, not ${token.kind === 'string' ? `'${token.text}'` : token.text}`,
			);
		throw this.unexpected(token);
	}
}

/** Parses a `$filter` value (already URL-decoded); throws `QueryOptionError`. */
export function parseFilter(source: string): FilterNode {
	return new Parser(source, tokenize(source)).parse();
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

function valuesOf(field: Exclude<FilterField, 'activityDateTime'>, activity: WorkivaActivity): string[] {
	switch (field) {
		case 'action.alias':
			return activity.action.alias === undefined ? [] : [activity.action.alias];
		case 'action.id':
			return [activity.action.id];
		case 'performer.id':
			return [activity.performer.id];
		case 'target.id':
			// `target.id` matches when any of the targets has the id (INFERRED).
			return activity.targets.map((target) => target.id);
	}
}

function compare(comparison: Comparison, activity: WorkivaActivity, ms: number): boolean {
	if (comparison.field === 'activityDateTime') {
		switch (comparison.op) {
			case 'eq':
				return ms === comparison.ms;
			case 'lt':
				return ms < comparison.ms;
			case 'gt':
				return ms > comparison.ms;
			case 'le':
				return ms <= comparison.ms;
			case 'ge':
				return ms >= comparison.ms;
		}
	}
	const actual = valuesOf(comparison.field, activity);
	const wanted = comparison.op === 'eq' ? [comparison.value] : comparison.values;
	return actual.some((value) => wanted.includes(value));
}

/** Whether an activity (at `ms`, its `activityDateTime`) matches a parsed filter. */
export function matchesFilter(node: FilterNode, activity: WorkivaActivity, ms: number): boolean {
	switch (node.kind) {
		case 'comparison':
			return compare(node.comparison, activity, ms);
		case 'and':
			return matchesFilter(node.left, activity, ms) && matchesFilter(node.right, activity, ms);
		case 'or':
			return matchesFilter(node.left, activity, ms) || matchesFilter(node.right, activity, ms);
	}
}

// ---------------------------------------------------------------------------------------------
// $orderBy
// ---------------------------------------------------------------------------------------------

export type SortDirection = 'asc' | 'desc';

/**
 * `$orderBy`: comma-separated `field [asc|desc]`, the direction `asc` when left out; one of
 * `fields` only, each at most once. Returns the field and direction of the first expression
 * (INFERRED: every documented list has a single sortable field, so there is never a second key).
 */
export function parseOrderBy(
	source: string,
	fields: readonly string[],
): { field: string; direction: SortDirection } {
	const expressions = source.split(',').map((part) => part.trim());
	const seen = new Set<string>();
	let first: { field: string; direction: SortDirection } | undefined;
	for (const expression of expressions) {
		const match = /^(\S+)(?:\s+(\S+))?$/.exec(expression);
		const field = match?.[1];
		const direction = match?.[2] ?? 'asc';
		if (!match || !field || !fields.includes(field) || (direction !== 'asc' && direction !== 'desc') || seen.has(field)) {
			throw new QueryOptionError(
				WORKIVA_QUERY.orderBy,
				WORKIVA_DETAIL_CODES.invalidOrder,
				field ?? expression,
				`Ordering by '${expression}' is not supported`,
			);
		}
		seen.add(field);
		first ??= { field, direction };
	}
	if (!first) throw new Error('unreachable: split always yields one expression');
	return first;
}
