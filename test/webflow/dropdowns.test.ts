/**
 * The Webflow site picker through n8n-core's LoadOptionsContext, as the editor calls it, and
 * the picked value used by the node and the trigger.
 */
import { WebflowAuditLog } from '../../nodes/Webflow/WebflowAuditLog.node';
import { WebflowAuditLogTrigger } from '../../nodes/Webflow/WebflowAuditLogTrigger.node';
import { runLoadOptions, runNode, TriggerRig } from '../harness/n8n';
import { apiRequests, FAST_RETRIES, useWebflow, webflowCredentials } from './setup';

const node = new WebflowAuditLog();
const webflow = useWebflow();

const searchSites = (filter?: string, token = webflow.tokens.site) =>
	runLoadOptions({
		nodeType: node,
		method: { listSearch: 'searchSites', filter },
		parameters: { resource: 'siteActivityLog', operation: 'getMany' },
		credentials: webflowCredentials(webflow, token),
	});

describe('Webflow site picker', () => {
	it('lists the sites the token can see, by name, sorted, each with its ID', async () => {
		const { search } = await searchSites();
		const expected = webflow.sites
			.map((site) => ({ name: site.displayName, value: site.id }))
			.sort((a, b) => a.name.localeCompare(b.name));
		expect(search?.results.map(({ name, value }) => ({ name, value }))).toEqual(expected);
		const [request] = apiRequests(webflow);
		expect(request.path).toBe('/v2/sites');
		expect(request.headers.authorization).toBe(`Bearer ${webflow.tokens.site}`);
	});

	it('filters by a part of the name or the ID, ignoring case', async () => {
		const [site] = webflow.sites;
		const byName = await searchSites(site.displayName.slice(1, 5).toUpperCase());
		expect(byName.search?.results.map((result) => result.value)).toContain(site.id);
		const byId = await searchSites(site.id.slice(-6));
		expect(byId.search?.results.map((result) => result.value)).toEqual([site.id]);
	});

	it('says which scope is missing when the token cannot list sites', async () => {
		await expect(searchSites(undefined, webflow.tokens.workspace)).rejects.toMatchObject({
			message: expect.stringContaining('Webflow API error 403'),
			description: expect.stringContaining('sites:read scope'),
		});
	});

	it('the node and the trigger read a site picked from the list', async () => {
		const siteId = webflow.sites[0].id;
		const picked = { __rl: true, mode: 'list', value: siteId };
		const { items, error } = await runNode({
			nodeType: node,
			parameters: { resource: 'siteActivityLog', operation: 'getMany', siteId: picked, limit: 5, options: FAST_RETRIES },
			credentials: webflowCredentials(webflow, webflow.tokens.site),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(webflow.siteEvents(siteId).slice(0, 5).map((entry) => entry.id));

		const rig = new TriggerRig(
			new WebflowAuditLogTrigger(),
			{ scope: 'site', siteId: picked, startFrom: 'now', maxEventsPerPoll: 10, options: FAST_RETRIES },
			webflowCredentials(webflow, webflow.tokens.site),
		);
		expect(await rig.poll()).toBeNull();
		const inserted = webflow.insert({ count: 2, target: { siteId } });
		expect((await rig.poll())?.map((event) => event.id)).toEqual(inserted.map((entry) => entry.id).reverse());
	});

	it('refuses a site ID that is not 24 hexadecimal characters in By ID mode', () => {
		const field = node.description.properties.find((property) => property.name === 'siteId');
		const byId = field?.modes?.find((mode) => mode.name === 'id');
		const regex = new RegExp((byId?.validation?.[0] as unknown as { properties: { regex: string } }).properties.regex);
		expect(regex.test(webflow.sites[0].id)).toBe(true);
		expect(regex.test('my-site')).toBe(false);
	});
});
