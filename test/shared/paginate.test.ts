import type { IDataObject } from 'n8n-workflow';

import {
	arrayAt,
	cursorPagination,
	keysetPagination,
	nextLinkPagination,
	offsetPagination,
	paginate,
} from '../../nodes/shared/paginate';
import { runNode } from '../harness/n8n';
import type { Emulator, EmulatorRequest } from '../sandbox/kit';
import { json, startEmulator } from '../sandbox/kit';
import { Probe, probeCredentials } from './probe';

const ITEMS = Array.from({ length: 23 }, (_, i) => ({ n: i + 1 }));
const num = (req: EmulatorRequest, key: string, fallback: number) => (req.query[key] === undefined ? fallback : Number(req.query[key]));

let api: Emulator;
let elsewhere: Emulator;

beforeAll(async () => {
	elsewhere = await startEmulator({ name: 'elsewhere', routes: [{ method: 'GET', path: '/steal', handler: () => json(200, { data: [] }) }] });
	api = await startEmulator({
		name: 'probe',
		routes: [
			{
				method: 'GET',
				path: '/offset',
				handler: (req) => {
					const offset = num(req, 'offset', 0);
					const limit = num(req, 'limit', 10);
					const withTotal = req.query.total !== 'no';
					return json(200, { items: ITEMS.slice(offset, offset + limit), ...(withTotal ? { total: ITEMS.length } : {}) });
				},
			},
			{
				method: 'GET',
				path: '/cursor',
				handler: (req) => {
					const start = num(req, 'cursor', 0);
					const limit = num(req, 'limit', 10);
					const end = start + limit;
					if (req.query.stuck === 'yes') return json(200, { data: ITEMS.slice(0, limit), next: 'same' });
					return json(200, { data: ITEMS.slice(start, end), ...(end < ITEMS.length ? { next: String(end) } : {}) });
				},
			},
			{
				method: 'GET',
				path: '/keyset',
				handler: (req) => {
					const last = num(req, 'last', 0);
					return json(200, { data: ITEMS.filter((item) => item.n > last).slice(0, num(req, 'limit', 10)) });
				},
			},
			{
				method: 'GET',
				path: '/linked',
				handler: (req) => {
					const page = num(req, 'page', 0);
					const next =
						req.query.to === 'elsewhere'
							? `${elsewhere.url}/steal`
							: page < 2
								? `${api.url}/linked?page=${page + 1}&%24maxpagesize=10`
								: undefined;
					return json(200, { data: ITEMS.slice(page * 10, page * 10 + 10), '@nextLink': next });
				},
			},
		],
	});
});
afterAll(async () => {
	await api.close();
	await elsewhere.close();
});
beforeEach(() => api.clearRequests());

async function probe(body: (typeof Probe)['body']) {
	Probe.body = body;
	const { items, error } = await runNode({ nodeType: new Probe(), parameters: {}, credentials: probeCredentials(api.url) });
	return { result: items[0]?.json.result as IDataObject | undefined, requests: items[0]?.json.requests, error };
}

const ns = (result: unknown) => ((result as { items: Array<{ n: number }> }).items ?? []).map((item) => item.n);
/** Every walk de-duplicates by identity; these test items are identified by `n`. */
const byN = (item: unknown) => String((item as { n: number }).n);
const queries = () => api.requests().map((request) => request.query);

describe('paginate', () => {
	it('offset with a total: stops at the total, and at Limit asks only for what it needs', async () => {
		const offset = (qs: IDataObject = {}) =>
			offsetPagination({ url: '/offset', qs, offsetParam: 'offset', limitParam: 'limit', itemsOf: arrayAt('items'), totalOf: (b) => (b as { total?: number }).total });

		const all = await probe(async (client) => await paginate(client, offset(), { maxPageSize: 10, idOf: byN }));
		expect(ns(all.result)).toEqual(ITEMS.map((item) => item.n));
		expect(queries()).toEqual([{ offset: '0', limit: '10' }, { offset: '10', limit: '10' }, { offset: '20', limit: '10' }]);

		api.clearRequests();
		const limited = await probe(async (client) => await paginate(client, offset(), { maxPageSize: 10, limit: 15, idOf: byN }));
		expect(ns(limited.result)).toEqual(ITEMS.slice(0, 15).map((item) => item.n));
		expect(queries()).toEqual([{ offset: '0', limit: '10' }, { offset: '10', limit: '5' }]);
	});

	it('offset without a total: stops at the first short page', async () => {
		const { result, requests } = await probe(
			async (client) =>
				await paginate(client, offsetPagination({ url: '/offset', qs: { total: 'no' }, offsetParam: 'offset', limitParam: 'limit', itemsOf: arrayAt('items') }), { maxPageSize: 10, idOf: byN }),
		);
		expect(ns(result)).toHaveLength(23);
		expect(requests).toBe(3);
	});

	it('an opaque cursor, and a cursor that repeats is an error rather than an endless loop', async () => {
		const cursor = (qs: IDataObject = {}) =>
			cursorPagination({ url: '/cursor', qs, limitParam: 'limit', cursorParam: 'cursor', itemsOf: arrayAt('data'), nextCursorOf: (b) => (b as { next?: string }).next });
		const all = await probe(async (client) => await paginate(client, cursor(), { maxPageSize: 10, idOf: byN }));
		expect(ns(all.result)).toHaveLength(23);
		expect(all.requests).toBe(3);

		const stuck = await probe(async (client) => await paginate(client, cursor({ stuck: 'yes' }), { maxPageSize: 10, idOf: byN }));
		expect(stuck.error?.message).toBe('Probe returned the same page cursor twice');
	});

	it('a keyset of the last key seen', async () => {
		const { result, requests } = await probe(
			async (client) =>
				await paginate(
					client,
					keysetPagination<{ n: number }>({ url: '/keyset', limitParam: 'limit', keyParam: 'last', itemsOf: arrayAt('data'), lastKeyOf: (page) => page.items[page.items.length - 1]?.n }),
					{ maxPageSize: 10, idOf: byN },
				),
		);
		expect(ns(result)).toEqual(ITEMS.map((item) => item.n));
		expect(requests).toBe(3);
		expect(queries().map((q) => q.last)).toEqual([undefined, '10', '20']);
	});

	it('an absolute next link: follows it as-is, dropping the original query', async () => {
		const { result } = await probe(
			async (client) =>
				await paginate(client, nextLinkPagination({ url: '/linked', qs: { filter: 'x' }, limitParam: '$maxpagesize', itemsOf: arrayAt('data'), nextLinkOf: (b) => (b as IDataObject)['@nextLink'] as string }), { maxPageSize: 10, idOf: byN }),
		);
		expect(ns(result)).toEqual(ITEMS.map((item) => item.n));
		expect(queries()).toEqual([{ filter: 'x', $maxpagesize: '10' }, { page: '1', $maxpagesize: '10' }, { page: '2', $maxpagesize: '10' }]);
		expect(api.requests().every((request) => request.headers.authorization === 'Bearer probe-secret')).toBe(true);
	});

	it('refuses a next link to another origin and sends it nothing', async () => {
		elsewhere.clearRequests();
		const { error } = await probe(
			async (client) =>
				await paginate(client, nextLinkPagination({ url: '/linked', qs: { to: 'elsewhere' }, limitParam: 'limit', itemsOf: arrayAt('data'), nextLinkOf: (b) => (b as IDataObject)['@nextLink'] as string }), { maxPageSize: 10, idOf: byN }),
		);
		expect(error?.message).toBe(`Refusing to send Probe credentials to ${elsewhere.url}`);
		expect(elsewhere.requests()).toHaveLength(0);
		expect(JSON.stringify(error)).not.toContain('probe-secret');
	});
});
