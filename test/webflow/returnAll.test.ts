/**
 * Return All never repeats an event, even when new events arrive while a newest-first
 * offset walk is under way: each arrival shifts every later page down by one row.
 */
import { workspaceEventId } from '../../nodes/Webflow/api';
import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { runNode } from '../harness/n8n';
import { apiRequests, FAST_RETRIES, useWebflow, webflowCredentials } from './setup';

const node = new WebflowAuditLog();
const webflow = useWebflow();

type Item = Parameters<typeof workspaceEventId>[0];

describe('Return All while events arrive during the walk (offset paging, newest first)', () => {
	it('workspace audit logs: exactly the entries there were when it started, none twice', async () => {
		const before = webflow.workspaceEvents({ sortOrder: 'desc' });
		webflow.setFaults({ insertDuringPaging: { count: 2, times: 1000 } });
		const { items, error } = await runNode({
			nodeType: node,
			parameters: { resource: 'workspaceAuditLog', operation: 'getMany', workspace: webflow.workspace.id, returnAll: true, options: FAST_RETRIES },
			credentials: webflowCredentials(webflow),
		});
		expect(error).toBeUndefined();
		expect(apiRequests(webflow).filter((request) => request.fault === 'insertDuringPaging').length).toBeGreaterThan(3);
		const keys = items.map((item) => workspaceEventId(item.json as unknown as Item));
		expect(new Set(keys).size).toBe(keys.length);
		// The arrivals landed at the head, which was already read: leaving them out is right.
		expect(keys).toEqual(before.map(workspaceEventId));
	});

	it('site activity logs: exactly the entries there were when it started, none twice', async () => {
		const siteId = webflow.sites[0].id;
		const before = webflow.siteEvents(siteId).map((entry) => entry.id);
		webflow.setFaults({ insertDuringPaging: { count: 2, times: 1000 } });
		const { items, error } = await runNode({
			nodeType: node,
			parameters: { resource: 'siteActivityLog', operation: 'getMany', siteId, returnAll: true, options: FAST_RETRIES },
			credentials: webflowCredentials(webflow, webflow.tokens.site),
		});
		expect(error).toBeUndefined();
		expect(apiRequests(webflow).filter((request) => request.fault === 'insertDuringPaging').length).toBeGreaterThan(0);
		const ids = items.map((item) => String(item.json.id));
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(before);
	});
});
