import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OutputSettings } from './normalize';
import { checkDateRange, optionalText, parseDateParam, readResultLimit, requireNumber } from './validate';

/**
 * n8n offers every regular node as a tool too (`usableAsTool`): it adds a `<name>Tool` type
 * whose description's name ends in "Tool". Properties shown with `'@tool': [true]` exist only
 * in that variant, and `isToolExecution()` says that the node runs for an agent, the Tool
 * Executor or the MCP Server Trigger. The plain node keeps its behaviour.
 */

/** The most events one tool call returns, whatever Return All or Limit say. */
export const TOOL_RESULT_CAP = 50;

/** As a tool, unless the Output Format option says otherwise: normalized, without `raw`. */
export const TOOL_OUTPUT: OutputSettings = { format: 'normalized', includeRaw: false };

export function runsAsTool(ctx: IExecuteFunctions): boolean {
	return typeof ctx.isToolExecution === 'function' && ctx.isToolExecution();
}

/** A `$fromAI()` expression as n8n's editor writes one: key, description for the model, type, default. */
function fromAI(key: string, description: string, type: 'string' | 'number', fallback: string | number): string {
	if (description.includes('`')) throw new Error(`The description of $fromAI('${key}') must not contain a backtick`);
	return `={{ $fromAI('${key}', \`${description}\`, '${type}', ${JSON.stringify(fallback)}) }}`;
}

/** What a list operation offers a model, and what its tool description says. */
export interface ToolSpec {
	/** For the model: what the tool returns and when to call it. */
	description: string;
	/** Whether the log can be read by a time range (since/until). */
	dates: boolean;
	/** For the model: what `action` filters on and which values it takes; none if the log has no such filter. */
	action?: string;
}

const SHOW_AS_TOOL = { show: { '@tool': [true] } };

const CAP_SENTENCE = `At most ${TOOL_RESULT_CAP} events per call; if exactly that many come back, narrow the time range and call again.`;

const SHAPE_SENTENCE =
	'Each event is a JSON object with id, provider, time (ISO 8601 UTC), action, category, outcome, actor, targets, scope, change and a one-sentence summary.';

/**
 * The tool-only properties of a list operation: its description for the model, and the
 * parameters the model fills by default (`$fromAI`): since, until, action and limit.
 */
export function toolProperties(spec: ToolSpec): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			typeOptions: { rows: 4 },
			default: `${spec.description} ${SHAPE_SENTENCE} ${CAP_SENTENCE}`,
			description: 'What the model reads about this tool: what it returns and when to call it',
		},
	];
	if (spec.dates) {
		properties.push(
			{
				displayName: 'Since',
				name: 'toolSince',
				type: 'string',
				default: fromAI(
					'since',
					'Only events at or after this time, ISO 8601 (e.g. 2026-01-31T00:00:00Z; without a zone it is UTC). Empty for no lower bound.',
					'string',
					'',
				),
				description: 'Only events at or after this time. By default the model fills it; an empty value sets no bound.',
			},
			{
				displayName: 'Until',
				name: 'toolUntil',
				type: 'string',
				default: fromAI(
					'until',
					'Only events at or before this time, ISO 8601 (e.g. 2026-01-31T23:59:59Z; without a zone it is UTC). Empty for no upper bound.',
					'string',
					'',
				),
				description: 'Only events at or before this time. By default the model fills it; an empty value sets no bound.',
			},
		);
	}
	if (spec.action) {
		properties.push({
			displayName: 'Action',
			name: 'toolAction',
			type: 'string',
			default: fromAI('action', `${spec.action} Empty for every action.`, 'string', ''),
			description: 'Only events of this action. By default the model fills it; an empty value keeps every action.',
		});
	}
	properties.push({
		displayName: 'Max Results',
		name: 'toolLimit',
		type: 'number',
		default: fromAI('limit', `How many events to return at most, 1 to ${TOOL_RESULT_CAP}.`, 'number', TOOL_RESULT_CAP),
		description: `How many events the model asks for; never more than ${TOOL_RESULT_CAP}, nor more than Limit`,
	});
	return properties.map((property) => ({ ...property, displayOptions: SHOW_AS_TOOL }));
}

/** What a model asked for, checked; `since`/`until` as ISO 8601 UTC. */
export interface ToolQuery {
	since?: string;
	until?: string;
	action?: string;
}

/** The model's since/until/action, or undefined when the node does not run as a tool. */
export function readToolQuery(ctx: IExecuteFunctions, itemIndex: number): ToolQuery | undefined {
	if (!runsAsTool(ctx)) return undefined;
	const node = ctx.getNode();
	const date = (label: string, name: string) => {
		const value = ctx.getNodeParameter(name, itemIndex, '');
		return value === '' || value === null || value === undefined ? undefined : parseDateParam(node, label, value, itemIndex);
	};
	const since = date('since', 'toolSince');
	const until = date('until', 'toolUntil');
	checkDateRange(node, { label: 'since', ms: since }, { label: 'until', ms: until }, itemIndex);
	const iso = (ms?: number) => (ms === undefined ? undefined : new Date(ms).toISOString());
	return {
		since: iso(since),
		until: iso(until),
		action: optionalText(node, 'action', ctx.getNodeParameter('toolAction', itemIndex, ''), itemIndex),
	};
}

/**
 * A Filters collection with the model's values put in: `names` maps since, until and action
 * to the provider's filter names. A value the model gives replaces the one set in Filters.
 */
export function withToolQuery(
	filters: IDataObject,
	query: ToolQuery | undefined,
	names: { since?: string; until?: string; action?: string },
): IDataObject {
	if (!query) return filters;
	const merged = { ...filters };
	for (const key of ['since', 'until', 'action'] as const) {
		const name = names[key];
		if (name && query[key] !== undefined) merged[name] = query[key];
	}
	return merged;
}

/**
 * Return All and Limit (undefined: every record). As a tool, at most TOOL_RESULT_CAP and at
 * most what the model asked for, so that a call never runs away.
 */
export function readListLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const limit = readResultLimit(ctx, itemIndex);
	if (!runsAsTool(ctx)) return limit;
	const asked = requireNumber(
		ctx.getNode(),
		'limit',
		ctx.getNodeParameter('toolLimit', itemIndex, TOOL_RESULT_CAP),
		{ min: 1, max: TOOL_RESULT_CAP, whole: true },
		itemIndex,
	);
	return Math.min(limit ?? TOOL_RESULT_CAP, asked);
}
