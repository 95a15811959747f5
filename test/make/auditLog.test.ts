import type { INodeParameters } from 'n8n-workflow';

import type { MakeAuditLogEntry } from '../../nodes/Make/types';
import { MakeAuditLog } from '../../nodes/Make/MakeAuditLog.node';
import { runLoadOptions, runNode } from '../harness/n8n';
import { overlappingOffsets } from '../shared/pagesAhead';
import { apiRequests, FAST_RETRIES, makeCredentials, useMake } from './setup';

const node = new MakeAuditLog();
const make = useMake();

const organization = (id = make.organization.id) => ({ __rl: true, mode: 'list', value: String(id) });
const team = (id = make.teamAdminTeam.id) => ({ __rl: true, mode: 'id', value: String(id) });

const orgLogs = (extra: Record<string, unknown> = {}, token?: string) =>
	runNode({
		nodeType: node,
		parameters: { resource: 'organizationAuditLog', operation: 'getMany', organization: organization(), options: FAST_RETRIES, ...extra },
		credentials: makeCredentials(make, token),
	});

const uuids = (items: Array<{ json: unknown }>) => items.map((item) => (item.json as MakeAuditLogEntry).uuid);
const timeOf = (entry: MakeAuditLogEntry) => entry.triggeredAt * 1000;

describe('Make Audit Log: organization audit log', () => {
	it('Return All: every entry in Make\'s default order, pages of 100 overlapping by one until a short page', async () => {
		const { items, error } = await orgLogs({ returnAll: true });
		expect(error).toBeUndefined();
		const expected = make.visibleEvents({ sortBy: 'triggeredAt', sortDir: 'desc' });
		expect(expected.length).toBeGreaterThan(500);
		expect(items.map((item) => item.json)).toEqual(expected);
		const requests = apiRequests(make);
		expect(requests.every((request) => request.query['pg[limit]'] === '100')).toBe(true);
		// Pages ahead are speculative: at most the gate's concurrency of them land past the end,
		// and the short page that ends the walk is read again, after the page before it.
		const needed = overlappingOffsets(expected.length, { total: false });
		const offsets = requests.map((request) => Number(request.query['pg[offset]']));
		expect(offsets[0]).toBe(0);
		expect(new Set(offsets)).toEqual(new Set([...needed, ...offsets.filter((offset) => offset > needed[needed.length - 1])]));
		expect(offsets.filter((offset) => offset > needed[needed.length - 1]).length).toBeLessThan(8);
		expect(offsets.length).toBeLessThanOrEqual(needed.length + 8);
		expect(apiRequests(make)[0].headers.authorization).toBe(`Token ${make.apiKey}`);
	});

	it('Limit: asks only for what it needs', async () => {
		const { items } = await orgLogs({ returnAll: false, limit: 150 });
		expect(uuids(items)).toEqual(make.visibleEvents().slice(0, 150).map((entry) => entry.uuid));
		expect(apiRequests(make).map((request) => [request.query['pg[offset]'], request.query['pg[limit]']])).toEqual([
			['0', '100'],
			['100', '50'],
		]);
	});

	it('sends every filter in Make\'s bracket notation, with names containing & [ ] # = spaces and unicode intact', async () => {
		const hostileTeams = make.teams.map((t) => t.name).filter((name) => /[&[\]#=\s]/.test(name) || /[^ -~]/.test(name));
		expect(hostileTeams.length).toBeGreaterThanOrEqual(2);
		const people = [make.people.bot, make.people.quinn, make.people.zoe];
		const events = ['key_created', 'connection_created'];
		const from = '2026-10-10T13:30:00Z';
		const to = '2026-10-25T08:15:00Z';
		const { items, error } = await orgLogs({
			returnAll: true,
			filters: {
				events,
				authors: [String(people[0].id), people[1].name, people[2].name],
				teams: [...hostileTeams, String(make.teams[0].id)],
				dateFrom: from,
				dateTo: to,
			},
			sortBy: 'eventName',
			sortDir: 'asc',
		});
		expect(error).toBeUndefined();

		const [first] = apiRequests(make);
		const sent = [...new URLSearchParams(first.rawQuery).entries()];
		expect(sent.filter(([key]) => key === 'event[]').map(([, value]) => value)).toEqual(events);
		expect(sent.filter(([key]) => key === 'author[]').map(([, value]) => value)).toEqual([String(people[0].id), people[1].name, people[2].name]);
		expect(sent.filter(([key]) => key === 'team[]').map(([, value]) => value)).toEqual([...hostileTeams, String(make.teams[0].id)]);
		// Make filters by day; the exact times are applied by the node.
		expect(first.query).toMatchObject({ dateFrom: '2026-10-10', dateTo: '2026-10-25', 'pg[sortBy]': 'eventName', 'pg[sortDir]': 'asc' });
		expect(first.rawQuery).not.toMatch(/[&=]Build & Release|#1|Zoë/);

		const byDay = make.organizationEvents(undefined, {
			event: events,
			author: [String(people[0].id), people[1].name, people[2].name],
			team: [...hostileTeams, String(make.teams[0].id)],
			dateFrom: '2026-10-10',
			dateTo: '2026-10-25',
			sortBy: 'eventName',
			sortDir: 'asc',
		});
		const expected = byDay.filter((entry) => timeOf(entry) >= Date.parse(from) && timeOf(entry) <= Date.parse(to));
		expect(expected.length).toBeGreaterThan(0);
		expect(uuids(items)).toEqual(expected.map((entry) => entry.uuid));
	});

	it('applies Date From and Date To to the second, inside the whole days Make filters by', async () => {
		const from = '2026-10-10T13:30:00Z';
		const to = '2026-10-12T08:15:00Z';
		const { items } = await orgLogs({ returnAll: true, filters: { dateFrom: from, dateTo: to } });
		const byDay = make.visibleEvents({ dateFrom: '2026-10-10', dateTo: '2026-10-12' });
		const expected = byDay.filter((entry) => timeOf(entry) >= Date.parse(from) && timeOf(entry) <= Date.parse(to));
		expect(byDay.length).toBeGreaterThan(expected.length);
		expect(uuids(items)).toEqual(expected.map((entry) => entry.uuid));
	});

	it.each(['actor', 'createdAt', 'eventName', 'organization', 'targetId', 'team', 'triggeredAt'] as const)(
		'sorts by %s in both directions',
		async (sortBy) => {
			for (const sortDir of ['asc', 'desc'] as const) {
				const { items } = await orgLogs({ returnAll: false, limit: 120, sortBy, sortDir });
				expect(uuids(items)).toEqual(make.visibleEvents({ sortBy, sortDir }).slice(0, 120).map((entry) => entry.uuid));
			}
		},
	);

	it('refuses a non-numeric organization and a bad date before sending anything', async () => {
		const bad = await orgLogs({ organization: { __rl: true, mode: 'id', value: '={{ "12a" }}' } });
		expect(bad.error?.message).toBe('Parameter "Organization" must be a numeric Make ID');
		const date = await orgLogs({ filters: { dateFrom: 'yesterday' } });
		expect(date.error?.message).toBe('Parameter "Date From" must be an ISO 8601 date-time');
		expect(apiRequests(make)).toHaveLength(0);
	});
});

describe('Make Audit Log: team log, detail and filter catalogue', () => {
	it('reads a team\'s log with a Team Admin token', async () => {
		const { items, error } = await runNode({
			nodeType: node,
			parameters: { resource: 'teamAuditLog', operation: 'getMany', team: team(), returnAll: true, options: FAST_RETRIES },
			credentials: makeCredentials(make, make.tokens.teamAdmin),
		});
		expect(error).toBeUndefined();
		expect(uuids(items)).toEqual(make.teamEvents(make.teamAdminTeam.id).map((entry) => entry.uuid));
		expect(apiRequests(make)[0].path).toMatch(new RegExp(`/audit-logs/team/${make.teamAdminTeam.id}$`));
	});

	it('gets one entry with its details, and refuses a malformed UUID before any request', async () => {
		const [entry] = make.visibleEvents();
		const { items, error } = await runNode({
			nodeType: node,
			parameters: { resource: 'auditLog', operation: 'get', organization: organization(), uuid: entry.uuid.toUpperCase() },
			credentials: makeCredentials(make),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([make.detailOf(make.organization.id, entry.uuid)]);

		make.clearRequests();
		const bad = await runNode({
			nodeType: node,
			parameters: { resource: 'auditLog', operation: 'get', organization: organization(), uuid: '../../organizations' },
			credentials: makeCredentials(make),
		});
		expect(bad.error?.message).toBe('Parameter "Audit Log UUID" must be an audit-log UUID');
		expect(apiRequests(make)).toHaveLength(0);
	});

	it('returns the filter catalogue as items: events with their group, users and teams', async () => {
		const { items, error } = await runNode({
			nodeType: node,
			parameters: { resource: 'filterCatalogue', operation: 'get', catalogueScope: 'organization', organization: organization() },
			credentials: makeCredentials(make),
		});
		expect(error).toBeUndefined();
		const kinds = items.map((item) => item.json.type);
		expect(kinds).toContain('event');
		expect(items.filter((item) => item.json.type === 'team').map((item) => item.json.name)).toEqual(make.teams.map((t) => t.name));
		expect(items.find((item) => item.json.value === 'key_created')?.json).toMatchObject({ type: 'event', group: expect.any(String) });
	});
});

describe('Make Audit Log: errors', () => {
	it('a token from another zone: 401 with a hint about zones', async () => {
		const { error } = await orgLogs({}, make.zoneTokens['us1.make.com']);
		expect(error?.message).toMatch(/^Make API error 401: /);
		expect(error?.description).toBe('Check the API token and the zone in the Make credential: a token works only in the zone it was made in.');
	});

	it('a user without the Owner or Admin role, and a token without organization:read: 403 naming both', async () => {
		for (const token of [make.tokens.member, make.tokens.noScope]) {
			const { error } = await orgLogs({}, token);
			expect(error?.message).toMatch(/^Make API error 403: /);
			expect(error?.description).toContain('organization:read');
			expect(error?.description).toContain('Owner or Admin');
		}
	});

	it('an unknown entry: 404 with Make\'s message', async () => {
		const { error } = await runNode({
			nodeType: node,
			parameters: { resource: 'auditLog', operation: 'get', organization: organization(), uuid: 'c37c7292-35cd-4dc4-9113-21b23beaea7d' },
			credentials: makeCredentials(make),
		});
		expect(error?.message).toMatch(/^Make API error 404: /);
		expect(error?.httpCode).toBe('404');
	});

	it('rides out 429 and 5xx, and with Continue On Fail pairs each failed item with its input', async () => {
		make.setFaults({ status429: { times: 1, retryAfterSeconds: 0 }, status5xx: { times: 1 } });
		const ok = await orgLogs({ returnAll: false, limit: 10 });
		expect(ok.error).toBeUndefined();
		expect(uuids(ok.items)).toEqual(make.visibleEvents().slice(0, 10).map((entry) => entry.uuid));

		make.setFaults({});
		const mixed = await runNode({
			nodeType: node,
			parameters: {
				resource: 'organizationAuditLog',
				operation: 'getMany',
				organization: { __rl: true, mode: 'id', value: '={{ $json.org }}' },
				limit: 2,
				options: FAST_RETRIES,
			},
			input: [{ org: String(make.organization.id) }, { org: 'nope' }],
			credentials: makeCredentials(make),
			continueOnFail: true,
		});
		expect(mixed.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
		expect(mixed.items[2].json.error).toBe('Parameter "Organization" must be a numeric Make ID');
	});
});

describe('Make dropdowns through n8n\'s load-options context', () => {
	const load = (method: { loadOptions: string } | { listSearch: string; filter?: string }, parameters: INodeParameters, token?: string) =>
		runLoadOptions({ nodeType: node, method, parameters, credentials: makeCredentials(make, token) });

	it('lists the organizations of the zone, searchable', async () => {
		const { search } = await load({ listSearch: 'searchOrganizations' }, { resource: 'organizationAuditLog' });
		expect(search?.results.map((result) => result.value)).toContain(String(make.organization.id));
		expect(search?.results.map((result) => result.value)).not.toContain(String(make.organizations.otherZone.id));
		const filtered = await load({ listSearch: 'searchOrganizations', filter: make.organization.name.slice(0, 4).toLowerCase() }, {});
		expect(filtered.search?.results.map((result) => result.value)).toContain(String(make.organization.id));
	});

	it('lists the chosen organization\'s teams, events with their groups, and authors', async () => {
		const parameters = { resource: 'organizationAuditLog', organization: organization() };
		const teams = await load({ listSearch: 'searchTeams' }, parameters);
		expect(teams.search?.results.map((result) => result.name).sort()).toEqual(make.teams.map((t) => t.name).sort());

		const events = await load({ loadOptions: 'getEvents' }, parameters);
		const keyCreated = events.options?.find((option) => option.value === 'key_created');
		expect(keyCreated?.name).toMatch(/^[^:]+: /);

		const authors = await load({ loadOptions: 'getAuthors' }, parameters);
		expect(authors.options?.map((option) => option.value)).toContain(String(make.people.quinn.id));
		expect(authors.options?.find((option) => option.value === String(make.people.quinn.id))?.name).toBe(make.people.quinn.name);

		const teamOptions = await load({ loadOptions: 'getTeams' }, parameters);
		expect(teamOptions.options?.map((option) => option.name).sort()).toEqual(make.teams.map((t) => t.name).sort());
	});

	it('uses the team\'s catalogue for a team log', async () => {
		await load({ loadOptions: 'getEvents' }, { resource: 'teamAuditLog', organization: organization(), team: team() }, make.tokens.teamAdmin);
		expect(apiRequests(make)[0].path).toMatch(new RegExp(`/audit-logs/team/${make.teamAdminTeam.id}/filters$`));
	});
});
