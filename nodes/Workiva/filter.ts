/**
 * Builds Workiva's `$filter` expressions (docs/api/workiva.md#filter). Strings are single-quoted
 * with `'` doubled, several values become an `in (…)` list, date-times are unquoted ISO UTC,
 * and clauses are joined with `and`. A user's raw expression is put in parentheses, so it cannot
 * change what the built clauses mean.
 */
export interface ActivityFilter {
	actionAliases?: string[];
	actionIds?: string[];
	performerIds?: string[];
	targetIds?: string[];
	/** Epoch ms; `activityDateTime ge`. */
	from?: number;
	/** Epoch ms; `activityDateTime le`. */
	to?: number;
	/** Epoch ms; `activityDateTime lt`: the end of one time window of a Return All. */
	before?: number;
	/** An expression of the user's own, and-ed with the rest. */
	raw?: string;
}

/** A string literal: quoted, a `'` inside doubled. */
export function quote(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

/** ISO-8601 UTC without milliseconds when there are none, as Workiva's examples write it. */
function dateTime(ms: number): string {
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function oneOf(field: string, values: string[] | undefined): string | undefined {
	if (!values?.length) return undefined;
	return values.length === 1 ? `${field} eq ${quote(values[0])}` : `${field} in (${values.map(quote).join(', ')})`;
}

export function buildFilter(filter: ActivityFilter): string | undefined {
	const clauses = [
		oneOf('action.alias', filter.actionAliases),
		oneOf('action.id', filter.actionIds),
		oneOf('performer.id', filter.performerIds),
		oneOf('target.id', filter.targetIds),
		filter.from === undefined ? undefined : `activityDateTime ge ${dateTime(filter.from)}`,
		filter.to === undefined ? undefined : `activityDateTime le ${dateTime(filter.to)}`,
		filter.before === undefined ? undefined : `activityDateTime lt ${dateTime(filter.before)}`,
		filter.raw?.trim() ? `(${filter.raw.trim()})` : undefined,
	].filter((clause): clause is string => clause !== undefined);
	return clauses.length ? clauses.join(' and ') : undefined;
}
