/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a foreign listener */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { sleep } from 'n8n-workflow';

import { WorkivaActivity as WorkivaActivityNode } from '../../nodes/Workiva/WorkivaActivity.node';
import type { WorkivaActivity } from '../../nodes/Workiva/types';
import { runLoadOptions, runNode } from '../harness/n8n';
import { apiRequests, FAST_RETRIES, tokenRequests, useWorkiva, workivaCredentials } from './setup';

const node = new WorkivaActivityNode();
const workiva = useWorkiva();

const activities = (extra: Record<string, unknown> = {}, credentials = workivaCredentials(workiva)) =>
	runNode({
		nodeType: node,
		parameters: {
			resource: 'activity',
			operation: 'getMany',
			scope: 'organization',
			organizationId: workiva.organization.id,
			options: FAST_RETRIES,
			...extra,
		},
		credentials,
	});

const ids = (items: Array<{ json: unknown }>) => items.map((item) => (item.json as WorkivaActivity).id);
const sentFilter = () => apiRequests(workiva).map((request) => request.query.$filter)[0];

describe('Workiva Activity: Get Many', () => {
	it('fetches one token, then reads every activity newest first by following @nextLink (in windows of time after the first page), with X-Version', async () => {
		const { items, error } = await activities({ returnAll: true, options: { ...FAST_RETRIES, pageSize: 250 } });
		expect(error).toBeUndefined();
		const expected = workiva.visibleActivities({ orderBy: 'activityDateTime desc' });
		expect(expected.length).toBeGreaterThan(900);
		expect(ids(items)).toEqual(expected.map((activity) => activity.id));

		expect(tokenRequests(workiva)).toHaveLength(1);
		const requests = apiRequests(workiva);
		expect(requests[0].query).toMatchObject({ $orderBy: 'activityDateTime desc', $maxpagesize: '250' });
		// Then the far end (one activity in the other order), and the rest in windows of time walked at once.
		expect(requests[1].query).toMatchObject({ $orderBy: 'activityDateTime asc', $maxpagesize: '1' });
		const windowed = requests.slice(2);
		expect(windowed.every((request) => typeof request.query.$next === 'string' || /activityDateTime (ge|lt) /.test(String(request.query.$filter)))).toBe(true);
		// Each window's last page is partly filled: a few more requests than pages, no more.
		expect(windowed.length).toBeGreaterThanOrEqual(Math.ceil(expected.length / 250) - 1);
		expect(windowed.length).toBeLessThanOrEqual(Math.ceil(expected.length / 250) + 4);
		for (const request of requests) {
			expect(request.headers['x-version']).toBe('2026-01-01');
			expect(request.headers.authorization).toMatch(/^Bearer /);
		}
	});

	it('builds one $filter from every filter, and the emulator returns exactly the matching activities', async () => {
		const [first, second] = workiva.actions.filter((action) => action.alias);
		const performer = workiva.performers[0];
		const from = '2026-10-05T00:00:00Z';
		const to = '2026-10-25T12:30:00Z';
		const { items, error } = await activities({
			returnAll: true,
			order: 'asc',
			filters: {
				actionAliases: [first.alias, second.alias],
				performerIds: performer.id,
				dateFrom: from,
				dateTo: to,
			},
		});
		expect(error).toBeUndefined();
		const filter = `action.alias in ('${first.alias}', '${second.alias}') and performer.id eq '${performer.id}' and activityDateTime ge 2026-10-05T00:00:00Z and activityDateTime le 2026-10-25T12:30:00Z`;
		expect(sentFilter()).toBe(filter);
		const expected = workiva.visibleActivities({ filter, orderBy: 'activityDateTime asc' });
		expect(expected.length).toBeGreaterThan(0);
		expect(ids(items)).toEqual(expected.map((activity) => activity.id));
	});

	it('quotes hostile values: the API sees one clause with the literal value', async () => {
		const hostile = "o'brien') or (x eq 'y";
		const { items, error } = await activities({ returnAll: true, filters: { performerIds: hostile, targetIds: 'a,b' } });
		expect(error).toBeUndefined();
		expect(sentFilter()).toBe("performer.id eq 'o''brien'') or (x eq ''y' and target.id in ('a', 'b')");
		expect(items).toEqual([]);
	});

	it('adds a raw $filter in parentheses, so it cannot change what the built filters mean', async () => {
		const performer = workiva.performers[0];
		const { items } = await activities({
			returnAll: true,
			filters: { performerIds: performer.id },
			options: { ...FAST_RETRIES, rawFilter: "action.alias eq 'user_login' or action.alias eq 'user_logout'" },
		});
		const filter = `performer.id eq '${performer.id}' and (action.alias eq 'user_login' or action.alias eq 'user_logout')`;
		expect(sentFilter()).toBe(filter);
		expect(ids(items)).toEqual(workiva.visibleActivities({ filter }).map((activity) => activity.id));
		expect(items.every((item) => (item.json as unknown as WorkivaActivity).performer.id === performer.id)).toBe(true);
	});

	it('reads a workspace\'s activities, on the legacy /admin/v1 path when asked', async () => {
		const [workspace] = workiva.workspaces;
		const { items, error } = await activities({
			scope: 'workspace',
			workspaceId: workspace.id,
			returnAll: false,
			limit: 20,
			options: { ...FAST_RETRIES, pathStyle: 'adminV1' },
		});
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(workiva.visibleActivities({ workspaceId: workspace.id }).slice(0, 20).map((activity) => activity.id));
		expect(apiRequests(workiva)[0].path).toBe(
			`/admin/v1/organizations/${workiva.organization.id}/workspaces/${encodeURIComponent(workspace.id)}/activities`,
		);
	});

	it('refuses a malformed organization ID and a bad date before any request', async () => {
		expect((await activities({ organizationId: 'acme' })).error?.message).toBe('Parameter "Organization ID" must be a UUID');
		expect((await activities({ filters: { dateFrom: 'soon' } })).error?.message).toBe('Parameter "Date From" must be an ISO 8601 date-time');
		expect(workiva.requests()).toHaveLength(0);
	});

	it('never follows an @nextLink to another origin: the foreign listener receives nothing', async () => {
		const hits: string[] = [];
		const foreign = createServer((req, res) => {
			hits.push(String(req.url));
			res.end('{}');
		});
		await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
		const origin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
		try {
			workiva.setFaults({ foreignNextLink: origin });
			const { error } = await activities({ returnAll: true, options: { ...FAST_RETRIES, pageSize: 100 } });
			expect(error?.message).toBe(`Refusing to send Workiva credentials to ${origin}`);
			expect(hits).toEqual([]);
		} finally {
			foreign.close();
		}
	});
});

describe('Workiva Activity: Get, action catalogue and dropdown', () => {
	it('gets one activity and one action by ID', async () => {
		const [activity] = workiva.visibleActivities();
		const one = await runNode({
			nodeType: node,
			parameters: { resource: 'activity', operation: 'get', activityId: activity.id },
			credentials: workivaCredentials(workiva),
		});
		expect(one.items.map((item) => item.json)).toEqual([activity]);

		const [action] = workiva.actions;
		const catalogueEntry = await runNode({
			nodeType: node,
			parameters: { resource: 'activityAction', operation: 'get', activityActionId: action.id },
			credentials: workivaCredentials(workiva),
		});
		expect(catalogueEntry.items.map((item) => item.json)).toEqual([action]);
	});

	it('lists the action catalogue, and offers its aliases in the Action Aliases dropdown', async () => {
		const all = await runNode({
			nodeType: node,
			parameters: { resource: 'activityAction', operation: 'getMany', returnAll: true },
			credentials: workivaCredentials(workiva),
		});
		expect(all.items.map((item) => item.json.id)).toEqual(workiva.actions.map((action) => action.id));

		const { options } = await runLoadOptions({
			nodeType: node,
			method: { loadOptions: 'getActionAliases' },
			parameters: { resource: 'activity', operation: 'getMany' },
			credentials: workivaCredentials(workiva),
		});
		expect(options?.map((option) => option.value).sort()).toEqual(
			workiva.actions.filter((action) => action.alias).map((action) => action.alias).sort(),
		);
	});
});

describe('Workiva Activity: tokens and errors', () => {
	it('renews an expired token: n8n fetches a new one after the 401 and stores it, across runs', async () => {
		workiva.setTokenLifetime(1);
		const credentials = workivaCredentials(workiva);
		expect((await activities({ limit: 5 }, credentials)).error).toBeUndefined();
		expect((await activities({ limit: 5 }, credentials)).error).toBeUndefined();
		expect(tokenRequests(workiva)).toHaveLength(1);
		await sleep(1200);
		const renewed = await activities({ limit: 5 }, credentials);
		expect(renewed.error).toBeUndefined();
		expect(tokenRequests(workiva)).toHaveLength(2);
		expect(apiRequests(workiva).map((request) => request.status)).toEqual([200, 200, 401, 200]);
		expect(credentials.workivaOAuth2Api.data.oauthTokenData).toMatchObject({ access_token: expect.any(String) });
	});

	it('a client without activity:read: 403 naming the scope and the admin roles', async () => {
		const { error } = await activities({}, workivaCredentials(workiva, 'noActivityScope'));
		expect(error?.message).toMatch(/^Workiva API error 403: /);
		expect(error?.description).toContain('activity:read');
		expect(error?.description).toContain('Workspace Owner');
	});

	it('a wrong client secret: refused client credentials, at once, without the secret', async () => {
		const { error } = await activities({}, workivaCredentials(workiva, 'wrongSecret'));
		expect(error?.message).toMatch(/^Workiva refused the OAuth2 client credentials/);
		expect(tokenRequests(workiva)).toHaveLength(1);
		expect(JSON.stringify(error)).not.toContain(workiva.clients.wrongSecret.clientSecret);
	});

	it.each([
		{ fault: { status5xx: { times: 20 } }, says: 'answered HTTP 500' },
		{ fault: { malformed: { times: 20 } }, says: 'answered with a body that is not valid JSON' },
	])('a failing token endpoint ($says) is named as such, and no API request is sent', async ({ fault, says }) => {
		workiva.setFaults(fault);
		const { error } = await activities({ options: FAST_RETRIES }, workivaCredentials(workiva));
		workiva.setFaults({});
		expect(error?.message).toBe(`Could not get an access token from Workiva: the token endpoint ${says}`);
		expect(error?.description).toContain('token URL');
		expect(tokenRequests(workiva).length).toBeGreaterThan(1);
		expect(apiRequests(workiva)).toEqual([]);
	});

	it('an unsupported raw filter: 400 with Workiva\'s message and the parameter it names', async () => {
		const { error } = await activities({ options: { ...FAST_RETRIES, rawFilter: "outcome eq 'failure'" } });
		expect(error?.message).toMatch(/^Workiva API error 400: /);
		expect(error?.description).toMatch(/\$filter/);
	});

	it('sends the API version the credential picks, 2022-01-01 included', async () => {
		await activities({ limit: 1 }, workivaCredentials(workiva, 'reader', '2022-01-01'));
		expect(apiRequests(workiva)[0].headers['x-version']).toBe('2022-01-01');
	});
});
