import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses an n8n date-time parameter into epoch ms. The n8n date picker emits values
 * without a zone; those are read as UTC, as the providers do.
 */
export function parseDateParam(node: INode, label: string, value: unknown, itemIndex?: number): number {
	const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : '';
	if (!ISO_DATE_TIME.test(text)) {
		throw new NodeOperationError(node, `Parameter "${label}" must be an ISO 8601 date-time`, {
			description: `Got ${JSON.stringify(value)}. Use a form like 2026-01-31T09:00:00Z; a value without a time zone is read as UTC.`,
			itemIndex,
		});
	}
	const withZone = HAS_ZONE.test(text) || text.length === 10 ? text : `${text.replace(' ', 'T')}Z`;
	const ms = Date.parse(withZone);
	if (Number.isNaN(ms)) {
		throw new NodeOperationError(node, `Parameter "${label}" is not a real date: ${text}`, {
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

/** A required free-text value (an ID, a slug): trimmed, non-empty, no control characters. */
export function requireText(node: INode, label: string, value: unknown, itemIndex?: number): string {
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
	return text;
}

/** An optional free-text filter: empty means "not set". */
export function optionalText(node: INode, label: string, value: unknown, itemIndex?: number): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	return requireText(node, label, value, itemIndex);
}
