import { SimAuditLog } from '../../nodes/Sim/SimAuditLog.node';
import { SimAuditLogTrigger } from '../../nodes/Sim/SimAuditLogTrigger.node';
import type { LoggedRequest } from '../sandbox/kit';
import type { Row } from '../shared/badInput';
import {
	bad,
	checkedIdRows,
	commonOptionRows,
	dateRows,
	describeBadInput,
	exactly,
	lazy,
	legal,
	limitRows,
	listRows,
	OBJECT_EXPR,
	operationRows,
	queryOf,
	resourceRows,
	returnAllRows,
	textRows,
	triggerSettingRows,
} from '../shared/badInput';
import { FAST_RETRIES, listRequests, simCredentials, useSim } from './setup';

const sim = useSim();

/** Every query parameter Sim's list route knows; anything else would be a value split apart. */
const KNOWN = new Set(['action', 'actorId', 'resourceType', 'resourceId', 'workspaceId', 'startDate', 'endDate', 'includeDeparted', 'limit', 'cursor']);

/** The values of one query parameter, after checking that no unknown parameter was sent. */
function sent(request: LoggedRequest, name: string): string[] {
	const query = queryOf(request);
	expect(query.map(([key]) => key).filter((key) => !KNOWN.has(key))).toEqual([]);
	return query.filter(([key]) => key === name).map(([, value]) => value);
}

const inQuery = (name: string) => (request: LoggedRequest, value: string) => expect(sent(request, name)).toEqual([value]);

/** The filters the list and the trigger share (the trigger decides the time range itself). */
const eventFilterRows = (): Record<string, Row[]> => ({
	'filters.action': textRows('Action', inQuery('action')),
	'filters.actorId': textRows('Actor ID', inQuery('actorId')),
	'filters.resourceId': textRows('Resource ID', inQuery('resourceId')),
	'filters.workspaceId': textRows('Workspace ID', inQuery('workspaceId')),
	// Sent as one comma-separated, sorted value.
	'filters.resourceType': listRows('Resource Types', (request, values) =>
		expect(sent(request, 'resourceType')).toEqual([[...values].sort().join(',')]),
	),
	'filters.includeDeparted': [
		...bad(exactly('Parameter "Include Departed Members" must be true or false'), 'true', 1, OBJECT_EXPR, '={{ [true] }}'),
		legal(true, (request) => expect(sent(request, 'includeDeparted')).toEqual(['true'])),
	],
});

const range = { start: 'filters.startDate', startLabel: 'Start Date', end: 'filters.endDate', endLabel: 'End Date' };

describeBadInput('Sim Audit Log: bad input', {
	nodeType: new SimAuditLog(),
	credentials: () => simCredentials(sim),
	requests: () => sim.requests(),
	apiRequests: () => sim.requests(),
	base: {
		'auditLog/get': () => ({ resource: 'auditLog', operation: 'get', auditLogId: sim.visibleEvents()[0].id, options: FAST_RETRIES }),
		'auditLog/getMany': () => ({ resource: 'auditLog', operation: 'getMany', returnAll: false, limit: 5, filters: {}, options: FAST_RETRIES }),
	},
	table: {
		'auditLog/get': {
			resource: resourceRows('auditLog'),
			operation: operationRows('auditLog', 'get'),
			auditLogId: [
				...checkedIdRows('Audit Log ID', 'Parameter "Audit Log ID" must be a Sim audit-log ID', ['a'.repeat(65), 'a b']),
				legal('AAAAAAAAAAAAAAAAAAAAA', (request) => expect(request.path).toBe('/api/v1/audit-logs/AAAAAAAAAAAAAAAAAAAAA')),
				legal(lazy('an ID of the log', () => sim.visibleEvents()[0].id), (request) =>
					expect(request.path).toBe(`/api/v1/audit-logs/${sim.visibleEvents()[0].id}`),
				),
			],
			...commonOptionRows(),
		},
		'auditLog/getMany': {
			resource: resourceRows('auditLog'),
			operation: operationRows('auditLog', 'getMany'),
			returnAll: returnAllRows(),
			limit: limitRows(100, (request) => sent(request, 'limit')[0]),
			...eventFilterRows(),
			'filters.startDate': dateRows('Start Date', range, false, (request) => expect(sent(request, 'startDate')).toHaveLength(1)),
			'filters.endDate': dateRows('End Date', range, true, (request) => expect(sent(request, 'endDate')).toHaveLength(1)),
			...commonOptionRows(),
		},
	},
});

describeBadInput('Sim Audit Log Trigger: bad input', {
	nodeType: new SimAuditLogTrigger(),
	credentials: () => simCredentials(sim),
	requests: () => sim.requests(),
	apiRequests: () => listRequests(sim),
	base: { trigger: () => ({ startFrom: 'now', maxEventsPerPoll: 10, filters: {}, options: FAST_RETRIES }) },
	table: {
		trigger: {
			...triggerSettingRows(),
			...eventFilterRows(),
			...commonOptionRows(),
		},
	},
});
