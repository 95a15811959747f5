import { MakeAuditLog } from '../../nodes/Make/MakeAuditLog.node';
import { MakeAuditLogTrigger } from '../../nodes/Make/MakeAuditLogTrigger.node';
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
	operationRows,
	optionRows,
	PATH_TRAVERSAL,
	QUERY_HOSTILE,
	QUESTION_MARK,
	queryOf,
	resourceRows,
	returnAllRows,
	triggerSettingRows,
	UNICODE,
	viaExpression,
	withParams,
} from '../shared/badInput';
import { apiRequests, FAST_RETRIES, makeCredentials, useMake } from './setup';

const make = useMake();

const KNOWN = new Set(['pg[sortBy]', 'pg[sortDir]', 'pg[offset]', 'pg[limit]', 'event[]', 'author[]', 'team[]', 'dateFrom', 'dateTo']);

/** The values of one query parameter, after checking that no unknown parameter was sent. */
function sent(request: LoggedRequest, name: string): string[] {
	const query = queryOf(request);
	expect(query.map(([key]) => key).filter((key) => !KNOWN.has(key))).toEqual([]);
	return query.filter(([key]) => key === name).map(([, value]) => value);
}

/** Make's PHP-style arrays: each name is one `name[]=` value, `&[]#=` and all. */
const inArray = (name: string) => (request: LoggedRequest, values: string[]) => expect(sent(request, `${name}[]`)).toEqual(values);

const locator = (mode: string, id: number) => ({ __rl: true, mode, value: String(id) });
const API = '/eu1.make.com/api/v2';

/**
 * An organization or team ID: a positive integer. Path tricks, unicode and text are refused
 * (the By ID mode's own regex binds only the editor). `pathOf` is the path the valid ID reaches.
 */
function integerIdRows(label: string, validId: () => number, pathOf: (id: number) => string): Row[] {
	return [
		...bad(
			exactly(`Parameter "${label}" must be a numeric Make ID`),
			EMPTY_EXPR,
			'12a',
			PATH_TRAVERSAL,
			'..',
			ENCODED_SLASH,
			QUESTION_MARK,
			`1${encodeURIComponent('/')}2`,
			UNICODE,
			LONG,
			0,
			-1,
			1.5,
			'1e3',
			OBJECT_EXPR,
			ARRAY_EXPR,
		),
		legal(lazy('the ID', () => String(validId())), (request) => expect(request.path).toBe(pathOf(validId()))),
		legal(lazy('the ID as a number', () => validId()), (request) => expect(request.path).toBe(pathOf(validId()))),
	];
}

const organizationRows = (pathOf: (id: number) => string) => integerIdRows('Organization', () => make.organization.id, pathOf);
const teamRows = (pathOf: (id: number) => string) => integerIdRows('Team', () => make.teamAdminTeam.id, pathOf);
const orgLogPath = (id: number) => `${API}/audit-logs/organization/${id}`;
const teamLogPath = (id: number) => `${API}/audit-logs/team/${id}`;

/** A locator in both modes; By ID through expressions (see viaExpression). */
const bothModes = (name: string, rows: Row[]) => ({ [`${name}[id]`]: viaExpression(rows), [`${name}[list]`]: rows });

/** The Organization a team log shows only to list its teams: not read at run time, whatever it holds. */
const unusedOrganization = (pathOf: () => string): Row[] =>
	[EMPTY_EXPR, 'abc', PATH_TRAVERSAL, UNICODE, OBJECT_EXPR].map((value) => legal(value, (request) => expect(request.path).toBe(pathOf())));

const filterRows = (withTeams: boolean): Record<string, Row[]> => ({
	'filters.authors': listRows('Author Names or IDs', inArray('author')),
	'filters.events': listRows('Event Names or IDs', inArray('event')),
	...(withTeams ? { 'filters.teams': listRows('Team Names or IDs', inArray('team'), [QUERY_HOSTILE, UNICODE, 'a=b&team[]=1']) } : {}),
});

const range = { start: 'filters.dateFrom', startLabel: 'Date From', end: 'filters.dateTo', endLabel: 'Date To' };
const listRowsOf = (withTeams: boolean): Record<string, Row[]> => ({
	returnAll: returnAllRows(),
	limit: limitRows(100, (request) => sent(request, 'pg[limit]')[0]),
	...filterRows(withTeams),
	'filters.dateFrom': dateRows('Date From', range, false, (request) => expect(sent(request, 'dateFrom')).toHaveLength(1)),
	'filters.dateTo': dateRows('Date To', range, true, (request) => expect(sent(request, 'dateTo')).toHaveLength(1)),
	sortBy: optionRows(
		'Parameter "Sort By" must be one of "triggeredAt", "createdAt", "eventName", "actor", "organization", "targetId" or "team"',
		['sideways', '', 'uuid'],
		'eventName',
		(request) => expect(sent(request, 'pg[sortBy]')).toEqual(['eventName']),
	),
	sortDir: optionRows('Parameter "Sort Direction" must be "desc" or "asc"', ['sideways', '', 'ASC'], 'asc', (request) =>
		expect(sent(request, 'pg[sortDir]')).toEqual(['asc']),
	),
	...commonOptionRows(),
});

const UUID = 'c37c7292-35cd-4dc4-9113-21b23beaea7d';

describeBadInput('Make Audit Log: bad input', {
	nodeType: new MakeAuditLog(),
	credentials: (context) => makeCredentials(make, context === 'teamAuditLog/getMany' ? make.tokens.teamAdmin : make.apiKey),
	requests: () => make.requests(),
	apiRequests: () => apiRequests(make),
	base: {
		'auditLog/get': () => ({
			resource: 'auditLog',
			operation: 'get',
			organization: locator('list', make.organization.id),
			uuid: make.visibleEvents()[0].uuid,
			options: FAST_RETRIES,
		}),
		'filterCatalogue/get': () => ({
			resource: 'filterCatalogue',
			operation: 'get',
			catalogueScope: 'organization',
			organization: locator('list', make.organization.id),
			team: locator('list', make.teamAdminTeam.id),
		}),
		'organizationAuditLog/getMany': () => ({
			resource: 'organizationAuditLog',
			operation: 'getMany',
			organization: locator('list', make.organization.id),
			returnAll: false,
			limit: 5,
			filters: {},
			sortBy: 'triggeredAt',
			sortDir: 'desc',
			options: FAST_RETRIES,
		}),
		'teamAuditLog/getMany': () => ({
			resource: 'teamAuditLog',
			operation: 'getMany',
			team: locator('list', make.teamAdminTeam.id),
			returnAll: false,
			limit: 5,
			filters: {},
			options: FAST_RETRIES,
		}),
	},
	table: {
		'auditLog/get': {
			resource: resourceRows('auditLog'),
			operation: operationRows('auditLog', 'get'),
			...bothModes(
				'organization',
				organizationRows((id) => `${API}/audit-logs/${id}/${make.visibleEvents()[0].uuid}`),
			),
			uuid: [
				...bad(
					exactly('Parameter "Audit Log UUID" must be an audit-log UUID'),
					EMPTY_EXPR,
					'   ',
					PATH_TRAVERSAL,
					'..',
					ENCODED_SLASH,
					QUESTION_MARK,
					`${UUID}/..`,
					`${UUID}?x=1`,
					`../${UUID}`,
					UNICODE,
					LONG,
					OBJECT_EXPR,
					ARRAY_EXPR,
				),
				legal(UUID.toUpperCase(), (request) => expect(request.path).toBe(`${API}/audit-logs/${make.organization.id}/${UUID}`)),
			],
			...commonOptionRows(),
		},
		'filterCatalogue/get': {
			resource: resourceRows('filterCatalogue'),
			operation: operationRows('filterCatalogue', 'get'),
			catalogueScope: optionRows('Parameter "Catalogue Of" must be "organization" or "team"', ['sideways', '', 'Team'], 'team', (request) =>
				expect(request.path).toBe(`${teamLogPath(make.teamAdminTeam.id)}/filters`),
			),
			...bothModes(
				'organization',
				organizationRows((id) => `${orgLogPath(id)}/filters`),
			),
			...Object.fromEntries(
				Object.entries(bothModes('team', teamRows((id) => `${teamLogPath(id)}/filters`))).map(([path, rows]) => [
					path,
					withParams({ catalogueScope: 'team' }, rows),
				]),
			),
		},
		'organizationAuditLog/getMany': {
			resource: resourceRows('organizationAuditLog'),
			operation: operationRows('organizationAuditLog', 'getMany'),
			...bothModes('organization', organizationRows(orgLogPath)),
			...listRowsOf(true),
		},
		'teamAuditLog/getMany': {
			resource: resourceRows('teamAuditLog'),
			operation: operationRows('teamAuditLog', 'getMany'),
			'organization[id]': viaExpression(unusedOrganization(() => teamLogPath(make.teamAdminTeam.id))),
			'organization[list]': unusedOrganization(() => teamLogPath(make.teamAdminTeam.id)),
			...bothModes('team', teamRows(teamLogPath)),
			...listRowsOf(false),
		},
	},
});

const scopeRows = (scope: string) => optionRows('Parameter "Scope" must be "organization" or "team"', ['sideways', '', 'Team'], scope);

describeBadInput('Make Audit Log Trigger: bad input', {
	nodeType: new MakeAuditLogTrigger(),
	credentials: (context) => makeCredentials(make, context === 'scope=team' ? make.tokens.teamAdmin : make.apiKey),
	requests: () => make.requests(),
	apiRequests: () => apiRequests(make),
	base: {
		'scope=organization': () => ({
			scope: 'organization',
			organization: locator('list', make.organization.id),
			filters: {},
			startFrom: 'now',
			maxEventsPerPoll: 10,
			options: FAST_RETRIES,
		}),
		'scope=team': () => ({
			scope: 'team',
			team: locator('list', make.teamAdminTeam.id),
			filters: {},
			startFrom: 'now',
			maxEventsPerPoll: 10,
			options: FAST_RETRIES,
		}),
	},
	table: {
		'scope=organization': {
			scope: scopeRows('organization'),
			// No editor check runs before a poll: literal values reach the node in both modes.
			'organization[id]': organizationRows(orgLogPath),
			'organization[list]': organizationRows(orgLogPath),
			...filterRows(true),
			...triggerSettingRows(),
			...commonOptionRows(),
		},
		'scope=team': {
			scope: scopeRows('team'),
			'organization[id]': unusedOrganization(() => teamLogPath(make.teamAdminTeam.id)),
			'organization[list]': unusedOrganization(() => teamLogPath(make.teamAdminTeam.id)),
			'team[id]': teamRows(teamLogPath),
			'team[list]': teamRows(teamLogPath),
			...filterRows(false),
			...triggerSettingRows(),
			...commonOptionRows(),
		},
	},
});
