import { WorkivaActivity } from '../../nodes/Workiva/WorkivaActivity.node';
import { WorkivaActivityTrigger } from '../../nodes/Workiva/WorkivaActivityTrigger.node';
import type { LoggedRequest } from '../sandbox/kit';
import type { Row } from '../shared/badInput';
import {
	ARRAY_EXPR,
	bad,
	commonOptionRows,
	dateRows,
	describeBadInput,
	EMPTY_EXPR,
	ENCODED_SLASH,
	exactly,
	lazy,
	legal,
	limitRows,
	listRows,
	LONG,
	OBJECT_EXPR,
	opaqueIdRows,
	operationRows,
	optionRows,
	PATH_TRAVERSAL,
	QUESTION_MARK,
	QUOTE_INJECTION,
	queryOf,
	resourceRows,
	returnAllRows,
	triggerSettingRows,
	UNICODE,
	withParams,
} from '../shared/badInput';
import { apiRequests, FAST_RETRIES, useWorkiva, workivaCredentials } from './setup';

const workiva = useWorkiva();

const KNOWN = new Set(['$filter', '$orderBy', '$maxpagesize', '$next']);

/** The values of one query parameter, after checking that no unknown parameter was sent. */
function sent(request: LoggedRequest, name: string): string[] {
	const query = queryOf(request);
	expect(query.map(([key]) => key).filter((key) => !KNOWN.has(key))).toEqual([]);
	return query.filter(([key]) => key === name).map(([, value]) => value);
}

const filterOf = (request: LoggedRequest) => sent(request, '$filter');

/** Workiva's string literals: single-quoted, a quote doubled, several values as `in (…)`. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const clause = (field: string, values: string[]) =>
	values.length === 1 ? `${field} eq ${literal(values[0])}` : `${field} in (${values.map(literal).join(', ')})`;

/** A filter list: a quote in a value stays inside its literal, whatever follows it. */
const filterListRows = (label: string, field: string): Row[] =>
	listRows(label, (request, values) => expect(filterOf(request)).toEqual([clause(field, values)]), [QUOTE_INJECTION, UNICODE, "a') or (1 eq 1"]);

const org = () => workiva.organization.id;
const activitiesPath = (workspace?: string) =>
	`/organizations/${org()}${workspace === undefined ? '' : `/workspaces/${workspace}`}/activities`;

const organizationIdRows = (pathOf: (id: string) => string): Row[] => [
	...bad(
		exactly('Parameter "Organization ID" must be a UUID'),
		EMPTY_EXPR,
		'acme',
		PATH_TRAVERSAL,
		'..',
		ENCODED_SLASH,
		QUESTION_MARK,
		UNICODE,
		LONG,
		OBJECT_EXPR,
		ARRAY_EXPR,
		'0d8bf0f4-5a0c-4a0e-9b7a-3f1c2b6e9d10/..',
		'../0d8bf0f4-5a0c-4a0e-9b7a-3f1c2b6e9d10',
	),
	legal(lazy('the organization ID', org), (request) => expect(request.path).toBe(pathOf(org()))),
];

const workspaceIdRows = (): Row[] =>
	withParams({ scope: 'workspace' }, opaqueIdRows('Workspace ID', (encoded) => activitiesPath(encoded), () => workiva.workspaces[0].id));

/**
 * Scope. With a Workspace ID set: n8n cannot tell from an expression whether the required
 * Workspace ID shows, and would report it missing before the run.
 */
const scopeRows = (scope: string) =>
	withParams({ workspaceId: 'ws-1' }, optionRows('Parameter "Scope" must be "organization" or "workspace"', ['sideways', '', 'Workspace'], scope));

const RAW_FILTER = 'Parameter "Raw Filter Expression" must be a complete expression with balanced parentheses and quotes';
const rawFilterRows = (): Row[] => [
	...bad(exactly(RAW_FILTER), "x eq 'a') or (1 eq 1", "x eq 'a", "(x eq 'a'", ')', "x eq 'it''s"),
	...bad(exactly('Parameter "Raw Filter Expression" must be text'), OBJECT_EXPR, ARRAY_EXPR),
	...bad(exactly('Parameter "Raw Filter Expression" must be at most 4,000 characters long'), LONG),
	...bad(exactly('Parameter "Raw Filter Expression" contains control characters'), "x eq 'a'\u0000"),
	legal("action.alias eq 'user_login' or action.alias eq 'user_logout'", (request) =>
		expect(filterOf(request)).toEqual(["(action.alias eq 'user_login' or action.alias eq 'user_logout')"]),
	),
	// Parentheses and quotes inside a string literal do not count.
	legal("target.displayName eq 'O''Brien (HQ'", (request) => expect(filterOf(request)).toEqual(["(target.displayName eq 'O''Brien (HQ')"])),
	legal(EMPTY_EXPR, (request) => expect(filterOf(request)).toEqual([])),
];

const pathStyleRows = (pathOf: () => string) =>
	optionRows('Parameter "Path Style" must be "documented" or "adminV1"', ['legacy', '', 'AdminV1'], 'adminV1', (request) =>
		expect(request.path).toBe(`/admin/v1${pathOf()}`),
	);

/** Workiva's catalogue has no output format: only the retry options. */
const retryOptionRows = () => {
	const rows = commonOptionRows();
	return Object.fromEntries(Object.entries(rows).filter(([key]) => key !== 'options.includeRaw' && key !== 'options.outputFormat'));
};

const filterRows = (): Record<string, Row[]> => ({
	'filters.actionAliases': filterListRows('Action Alias Names or IDs', 'action.alias'),
	'filters.actionIds': filterListRows('Action IDs', 'action.id'),
	'filters.performerIds': filterListRows('Performer IDs', 'performer.id'),
	'filters.targetIds': filterListRows('Target IDs', 'target.id'),
});

const range = { start: 'filters.dateFrom', startLabel: 'Date From', end: 'filters.dateTo', endLabel: 'Date To' };

describeBadInput('Workiva Activity: bad input', {
	nodeType: new WorkivaActivity(),
	credentials: () => workivaCredentials(workiva),
	requests: () => workiva.requests(),
	apiRequests: () => apiRequests(workiva),
	base: {
		'activity/get': () => ({ resource: 'activity', operation: 'get', activityId: workiva.visibleActivities()[0].id, options: FAST_RETRIES }),
		'activity/getMany': () => ({
			resource: 'activity',
			operation: 'getMany',
			scope: 'organization',
			organizationId: org(),
			returnAll: false,
			limit: 5,
			filters: {},
			order: 'desc',
			options: FAST_RETRIES,
		}),
		'activityAction/get': () => ({
			resource: 'activityAction',
			operation: 'get',
			activityActionId: workiva.actions[0].id,
			options: FAST_RETRIES,
		}),
		'activityAction/getMany': () => ({ resource: 'activityAction', operation: 'getMany', returnAll: false, limit: 5, options: FAST_RETRIES }),
	},
	table: {
		'activity/get': {
			resource: resourceRows('activity'),
			operation: operationRows('activity', 'get'),
			activityId: opaqueIdRows('Activity ID', (encoded) => `/activities/${encoded}`, () => workiva.visibleActivities()[0].id),
			...commonOptionRows(),
			'options.pathStyle': pathStyleRows(() => `/activities/${encodeURIComponent(workiva.visibleActivities()[0].id)}`),
		},
		'activity/getMany': {
			resource: resourceRows('activity'),
			operation: operationRows('activity', 'getMany'),
			scope: scopeRows('workspace'),
			organizationId: organizationIdRows(() => activitiesPath()),
			workspaceId: workspaceIdRows(),
			returnAll: returnAllRows(),
			limit: limitRows(1000, (request) => sent(request, '$maxpagesize')[0]),
			...filterRows(),
			'filters.dateFrom': dateRows('Date From', range, false, (request) => expect(filterOf(request)[0]).toMatch(/^activityDateTime ge \S+Z$/)),
			'filters.dateTo': dateRows('Date To', range, true, (request) => expect(filterOf(request)[0]).toMatch(/^activityDateTime le \S+Z$/)),
			order: optionRows('Parameter "Order" must be "desc" or "asc"', ['sideways', '', 'ASC'], 'asc', (request) =>
				expect(sent(request, '$orderBy')).toEqual(['activityDateTime asc']),
			),
			...commonOptionRows(),
			'options.pageSize': [
				...bad(exactly('Parameter "Page Size" must be a whole number from 1 to 1,000'), 0, -1, 1.5, 1001, '100', OBJECT_EXPR),
				legal(7, (request) => expect(sent(request, '$maxpagesize')).toEqual(['7']), { limit: 20 }),
			],
			'options.pathStyle': pathStyleRows(() => activitiesPath()),
			'options.rawFilter': rawFilterRows(),
		},
		'activityAction/get': {
			resource: resourceRows('activityAction'),
			operation: operationRows('activityAction', 'get'),
			activityActionId: opaqueIdRows('Activity Action ID', (encoded) => `/activityActions/${encoded}`, () => workiva.actions[0].id),
			...retryOptionRows(),
			'options.pathStyle': pathStyleRows(() => `/activityActions/${encodeURIComponent(workiva.actions[0].id)}`),
		},
		'activityAction/getMany': {
			resource: resourceRows('activityAction'),
			operation: operationRows('activityAction', 'getMany'),
			returnAll: returnAllRows(),
			limit: limitRows(1000, (request) => sent(request, '$maxpagesize')[0]),
			...retryOptionRows(),
			'options.pathStyle': pathStyleRows(() => '/activityActions'),
		},
	},
});

describeBadInput('Workiva Activity Trigger: bad input', {
	nodeType: new WorkivaActivityTrigger(),
	credentials: () => workivaCredentials(workiva),
	requests: () => workiva.requests(),
	apiRequests: () => apiRequests(workiva),
	base: {
		'scope=organization': () => ({
			scope: 'organization',
			organizationId: org(),
			filters: {},
			startFrom: 'now',
			maxEventsPerPoll: 10,
			options: FAST_RETRIES,
		}),
		'scope=workspace': () => ({
			scope: 'workspace',
			organizationId: org(),
			workspaceId: workiva.workspaces[0].id,
			filters: {},
			startFrom: 'now',
			maxEventsPerPoll: 10,
			options: FAST_RETRIES,
		}),
	},
	table: {
		'scope=organization': {
			scope: scopeRows('organization'),
			organizationId: organizationIdRows(() => activitiesPath()),
			...filterRows(),
			...triggerSettingRows(),
			...commonOptionRows(),
			'options.pathStyle': pathStyleRows(() => activitiesPath()),
			'options.rawFilter': rawFilterRows(),
		},
		'scope=workspace': {
			scope: scopeRows('workspace'),
			organizationId: organizationIdRows(() => activitiesPath(encodeURIComponent(workiva.workspaces[0].id))),
			workspaceId: workspaceIdRows(),
			...filterRows(),
			...triggerSettingRows(),
			...commonOptionRows(),
			'options.pathStyle': pathStyleRows(() => activitiesPath(encodeURIComponent(workiva.workspaces[0].id))),
			'options.rawFilter': rawFilterRows(),
		},
	},
});
