import type { IDisplayOptions, IExecuteFunctions, INodeProperties, IPollFunctions } from 'n8n-workflow';

import type { OutputFormat, OutputSettings } from './normalize';
import type { RetryOptions } from './transport';
import { DEFAULT_RETRY } from './transport';
import type { StartFrom } from './pollEngine';

/** Adds `displayOptions.show` to every property (nodes-base's updateDisplayOptions is not importable here). */
export function withDisplayOptions(show: IDisplayOptions['show'], properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...show },
		},
	}));
}

export function returnAllOrLimit(maxPageSize: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			hint: `Pages of up to ${maxPageSize} are fetched until the limit is reached`,
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

export const outputFormatOption: INodeProperties = {
	displayName: 'Output Format',
	name: 'outputFormat',
	type: 'options',
	default: 'raw',
	options: [
		{ name: 'Raw', value: 'raw', description: 'Each event exactly as the API returns it' },
		{
			name: 'Normalized',
			value: 'normalized',
			description:
				'The same fields for every provider: time, action, category, outcome, actor, targets, scope, change and a one-sentence summary',
		},
		{
			name: 'OCSF',
			value: 'ocsf',
			description: 'An OCSF 1.8.0 event (Authentication, Account Change, Group Management, …), ready for a SIEM or security data lake',
		},
	],
};

export const includeRawOption: INodeProperties = {
	displayName: 'Include Raw',
	name: 'includeRaw',
	type: 'boolean',
	default: true,
	description:
		'Whether Normalized and OCSF output keep the event as the API returned it (in `raw`, or in OCSF `raw_data`)',
};

/** Defaults match DEFAULT_RETRY (the lint rule wants literal defaults). */
export const retryOptions: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description: 'How often to retry after a rate limit (429), a server error (5xx) or a dropped connection',
	},
	{
		displayName: 'Initial Retry Delay (Milliseconds)',
		name: 'initialRetryDelayMs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1000,
		description: 'First wait after a server error or dropped connection; it doubles on each retry. Rate limits use the wait the API asks for.',
	},
	{
		displayName: 'Request Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 86400 },
		default: 30,
		description: 'How long to wait for one response before counting it as failed (and retrying it)',
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 86400 },
		default: 60,
		description: 'Longest single wait before a retry. If the API asks for longer, the node fails instead of waiting.',
	},
];

/** The Options collection every list, get and trigger shares. */
export const commonOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: byDisplayName([includeRawOption, outputFormatOption, ...retryOptions]),
};

type OptionsReader = IExecuteFunctions | IPollFunctions;

/** The Output Format and Include Raw options; `defaults` apply where the options say nothing. */
export function readOutputSettings(
	ctx: OptionsReader,
	collection: string,
	itemIndex?: number,
	defaults: OutputSettings = { format: 'raw', includeRaw: true },
): OutputSettings {
	const options = (
		itemIndex === undefined
			? (ctx as IPollFunctions).getNodeParameter(collection, {})
			: (ctx as IExecuteFunctions).getNodeParameter(collection, itemIndex, {})
	) as { outputFormat?: OutputFormat; includeRaw?: boolean };
	return { format: options.outputFormat ?? defaults.format, includeRaw: options.includeRaw ?? defaults.includeRaw };
}

/** The retry options and the request timeout (one client's settings). */
export function readRetryOptions(ctx: OptionsReader, collection: string, itemIndex?: number): RetryOptions & { timeoutMs: number } {
	const options = (
		itemIndex === undefined
			? (ctx as IPollFunctions).getNodeParameter(collection, {})
			: (ctx as IExecuteFunctions).getNodeParameter(collection, itemIndex, {})
	) as { maxRetries?: number; initialRetryDelayMs?: number; maxWaitSeconds?: number; timeoutSeconds?: number };
	return {
		maxRetries: options.maxRetries ?? DEFAULT_RETRY.maxRetries,
		initialDelayMs: options.initialRetryDelayMs ?? DEFAULT_RETRY.initialDelayMs,
		maxWaitMs: (options.maxWaitSeconds ?? DEFAULT_RETRY.maxWaitMs / 1000) * 1000,
		timeoutMs: (options.timeoutSeconds ?? 30) * 1000,
	};
}

/** A Filters collection; n8n's lint wants its options in alphabetical order. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: byDisplayName(options),
	};
}

/** The Options collection with a node's own options next to the common ones. */
export function optionsWith(extra: INodeProperties[], base: INodeProperties[] = commonOptions.options as INodeProperties[]): INodeProperties {
	return { ...commonOptions, options: byDisplayName([...base, ...extra]) };
}

function byDisplayName(properties: INodeProperties[]): INodeProperties[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** An inclusive time range: a date-time field for each end, read as UTC without a zone. */
export function dateRangeFields(
	what: string,
	from: { name: string; displayName: string },
	to: { name: string; displayName: string },
): INodeProperties[] {
	return [
		{
			...from,
			type: 'dateTime',
			default: '',
			description: `Only ${what} at or after this time. Without a time zone it is read as UTC.`,
		},
		{
			...to,
			type: 'dateTime',
			default: '',
			description: `Only ${what} at or before this time. Without a time zone it is read as UTC.`,
		},
	];
}

/** The trigger settings every provider's trigger shares. */
export const triggerSettings: INodeProperties[] = [
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'options',
		default: 'now',
		options: [
			{ name: 'Now', value: 'now', description: 'Only events that happen after activation' },
			{ name: 'The Last N Hours', value: 'hoursAgo', description: 'Also deliver events from the last few hours, oldest first' },
			{ name: 'A Date', value: 'date', description: 'Also deliver every event since a date, oldest first' },
		],
		description: 'Where the trigger starts on activation. Changing this, the filters or the credential starts again from here.',
	},
	{
		displayName: 'Hours',
		name: 'startHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 87600 },
		default: 24,
		description: 'How many hours back from activation to start; events since then are delivered oldest first',
		displayOptions: { show: { startFrom: ['hoursAgo'] } },
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'A date-time without a time zone is read as UTC',
		displayOptions: { show: { startFrom: ['date'] } },
	},
	{
		displayName: 'Max Events per Poll',
		name: 'maxEventsPerPoll',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 100,
		description: 'The oldest events beyond this number wait for the next poll; none are dropped',
	},
];

export function readStartFrom(ctx: IPollFunctions, parseDate: (name: string, value: unknown) => number): StartFrom {
	const mode = ctx.getNodeParameter('startFrom', 'now') as StartFrom['mode'];
	if (mode === 'hoursAgo') return { mode, hours: ctx.getNodeParameter('startHours', 24) as number };
	if (mode === 'date') return { mode, date: parseDate('Start Date', ctx.getNodeParameter('startDate', '')) };
	return { mode: 'now' };
}
