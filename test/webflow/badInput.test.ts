import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { WebflowAuditLogTrigger } from '../../nodes/Webflow/WebflowAuditLogTrigger.node';
import type { LoggedRequest } from '../sandbox/kit';
import type { Row } from '../shared/badInput';
import {
	checkedIdRows,
	commonOptionRows,
	dateRows,
	describeBadInput,
	lazy,
	legal,
	limitRows,
	operationRows,
	optionRows,
	queryOf,
	resourceRows,
	returnAllRows,
	triggerSettingRows,
	viaExpression,
	withParams,
} from '../shared/badInput';
import { apiRequests, FAST_RETRIES, useWebflow, webflowCredentials } from './setup';

const webflow = useWebflow();

const KNOWN = new Set(['sortOrder', 'eventType', 'from', 'to', 'offset', 'limit']);

/** The values of one query parameter, after checking that no unknown parameter was sent. */
function sent(request: LoggedRequest, name: string): string[] {
	const query = queryOf(request);
	expect(query.map(([key]) => key).filter((key) => !KNOWN.has(key))).toEqual([]);
	return query.filter(([key]) => key === name).map(([, value]) => value);
}

const site = (id = webflow.sites[0].id) => ({ __rl: true, mode: 'id', value: id });

/** The workspace field: its ID or a slug; anything else (path tricks included) is refused. */
const workspaceRows = (): Row[] => [
	...checkedIdRows('Workspace ID or Slug', "Parameter \"Workspace ID or Slug\" must be a workspace's ID or slug", ['my agency', 'a'.repeat(101)]),
	legal('no-such-workspace', (request) => expect(request.path).toBe('/v2/workspaces/no-such-workspace/audit_logs')),
	legal(lazy('the workspace ID', () => webflow.workspace.id), (request) =>
		expect(request.path).toBe(`/v2/workspaces/${webflow.workspace.id}/audit_logs`),
	),
];

/** The Site locator, in either mode: a 24-hex ID; path tricks are refused. */
const siteRows = (): Row[] => [
	...checkedIdRows('Site', 'Parameter "Site" must be a 24-character hexadecimal site ID', ['zzzzzzzzzzzzzzzzzzzzzzzz', '580e63e98c9a982ac9b8b74', 1234]),
	legal('0123456789abcdef01234567', (request) => expect(request.path).toBe('/v2/sites/0123456789abcdef01234567/activity_logs')),
	legal(lazy('a site of the workspace', () => webflow.sites[0].id), (request) =>
		expect(request.path).toBe(`/v2/sites/${webflow.sites[0].id}/activity_logs`),
	),
];

const EVENT_TYPES =
	'Parameter "Event Type" must be one of "", "custom_role", "site_membership", "user_access", "workspace_invitation", "workspace_membership" or "workspace_setting"';
const eventTypeRows = () =>
	optionRows(EVENT_TYPES, ['login', 'user_access&x=1', 1], 'user_access', (request) => expect(sent(request, 'eventType')).toEqual(['user_access']));

const range = { start: 'filters.from', startLabel: 'From', end: 'filters.to', endLabel: 'To' };

const scopeRows = (scope: string): Row[] =>
	optionRows('Parameter "Scope" must be "workspace" or "site"', ['sideways', '', 'Site'], scope);

describeBadInput('Webflow Audit Log: bad input', {
	nodeType: new WebflowAuditLog(),
	credentials: (context) => webflowCredentials(webflow, context.startsWith('site') ? webflow.tokens.site : webflow.tokens.workspace),
	requests: () => webflow.requests(),
	apiRequests: () => apiRequests(webflow),
	base: {
		'workspaceAuditLog/getMany': () => ({
			resource: 'workspaceAuditLog',
			operation: 'getMany',
			workspace: webflow.workspace.slug,
			returnAll: false,
			limit: 5,
			filters: {},
			sortOrder: 'desc',
			options: FAST_RETRIES,
		}),
		'siteActivityLog/getMany': () => ({
			resource: 'siteActivityLog',
			operation: 'getMany',
			siteId: site(),
			returnAll: false,
			limit: 5,
			options: FAST_RETRIES,
		}),
	},
	table: {
		'workspaceAuditLog/getMany': {
			resource: resourceRows('workspaceAuditLog'),
			operation: operationRows('workspaceAuditLog', 'getMany'),
			workspace: workspaceRows(),
			returnAll: returnAllRows(),
			limit: limitRows(100, (request) => sent(request, 'limit')[0]),
			'filters.eventType': eventTypeRows(),
			'filters.from': dateRows('From', range, false, (request) => expect(sent(request, 'from')).toHaveLength(1)),
			'filters.to': dateRows('To', range, true, (request) => expect(sent(request, 'to')).toHaveLength(1)),
			sortOrder: optionRows('Parameter "Sort Order" must be "desc" or "asc"', ['sideways', '', 'ASC'], 'asc', (request) =>
				expect(sent(request, 'sortOrder')).toEqual(['asc']),
			),
			...commonOptionRows(),
		},
		'siteActivityLog/getMany': {
			resource: resourceRows('siteActivityLog'),
			operation: operationRows('siteActivityLog', 'getMany'),
			'siteId[id]': viaExpression(siteRows()),
			'siteId[list]': siteRows(),
			returnAll: returnAllRows(),
			limit: limitRows(100, (request) => sent(request, 'limit')[0]),
			...commonOptionRows(),
		},
	},
});

describeBadInput('Webflow Audit Log Trigger: bad input', {
	nodeType: new WebflowAuditLogTrigger(),
	credentials: (context) => webflowCredentials(webflow, context === 'scope=site' ? webflow.tokens.site : webflow.tokens.workspace),
	requests: () => webflow.requests(),
	apiRequests: () => apiRequests(webflow),
	base: {
		'scope=workspace': () => ({
			scope: 'workspace',
			workspace: webflow.workspace.slug,
			eventType: '',
			startFrom: 'now',
			maxEventsPerPoll: 10,
			options: FAST_RETRIES,
		}),
		'scope=site': () => ({ scope: 'site', siteId: site(), startFrom: 'now', maxEventsPerPoll: 10, options: FAST_RETRIES }),
	},
	table: {
		'scope=workspace': {
			scope: scopeRows('workspace'),
			workspace: workspaceRows(),
			eventType: eventTypeRows(),
			...triggerSettingRows(),
			...commonOptionRows(),
		},
		'scope=site': {
			// Any scope but "site" reads the workspace log, and must name a valid scope first.
			scope: withParams({ workspace: 'my-agency' }, scopeRows('site')),
			// No editor check runs before a poll: literal values reach the node.
			'siteId[id]': siteRows(),
			'siteId[list]': siteRows(),
			...triggerSettingRows(),
			...commonOptionRows(),
		},
	},
});
