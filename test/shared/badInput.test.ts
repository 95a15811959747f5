/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code reads package.json */
/**
 * Bad input (issue "Reliability", section 3): the table machinery and the shared checks of
 * nodes/shared/validate.ts. The tables themselves run per provider, against its emulator:
 * test/{sim,webflow,make,workiva}/badInput.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INode, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	checkOptions,
	parseDateParam,
	readList,
	requireBoolean,
	requireNumber,
	requireOption,
	requirePathId,
	requireText,
	shown,
} from '../../nodes/shared/validate';
import { commonOptions } from '../../nodes/shared/descriptions';
import { contextName, contextsOf, displayNameOf, enumerate, setPath, viaExpression } from './badInput';

const node: INode = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

/** The message a check throws, or undefined when it passes. */
function messageOf(check: () => unknown): string | undefined {
	try {
		check();
		return undefined;
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return (error as Error).message;
	}
}

describe('the bad-input tables', () => {
	const synthetic: INodeType = {
		description: {
			displayName: 'Synthetic',
			name: 'synthetic',
			group: ['input'],
			version: 1,
			description: '',
			defaults: { name: 'Synthetic' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [
				{ displayName: 'Resource', name: 'resource', type: 'options', noDataExpression: true, default: 'a', options: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }] },
				{ displayName: 'Operation', name: 'operation', type: 'options', noDataExpression: true, default: 'get', displayOptions: { show: { resource: ['a'] } }, options: [{ name: 'Get', value: 'get' }] },
				{ displayName: 'Operation', name: 'operation', type: 'options', noDataExpression: true, default: 'list', displayOptions: { show: { resource: ['b'] } }, options: [{ name: 'List', value: 'list' }, { name: 'Count', value: 'count' }] },
				{ displayName: 'Thing', name: 'thing', type: 'string', default: '', displayOptions: { show: { resource: ['a'] } } },
				{ displayName: 'Limit', name: 'limit', type: 'number', default: 5, displayOptions: { show: { resource: ['b'], operation: ['list'], returnAll: [false] } } },
				{ displayName: 'Hidden', name: 'hidden', type: 'string', default: '', displayOptions: { hide: { operation: ['count'] } } },
				{ displayName: 'Notice', name: 'notice', type: 'notice', default: '' },
				{
					displayName: 'Site',
					name: 'site',
					type: 'resourceLocator',
					default: { mode: 'list', value: '' },
					displayOptions: { show: { resource: ['b'] } },
					modes: [
						{ displayName: 'List', name: 'list', type: 'list' },
						{ displayName: 'ID', name: 'id', type: 'string' },
					],
				},
				{
					displayName: 'Filters',
					name: 'filters',
					type: 'collection',
					default: {},
					options: [{ displayName: 'Name', name: 'name', type: 'string', default: '' }],
				},
				{
					displayName: 'Rules',
					name: 'rules',
					type: 'fixedCollection',
					default: {},
					displayOptions: { show: { resource: ['a'] } },
					options: [{ displayName: 'Rule', name: 'rule', values: [{ displayName: 'Field', name: 'field', type: 'string', default: '' }] }],
				},
			],
		},
	};

	it('enumerates every parameter of every resource and operation: collection options, fixedCollection values, locator modes', () => {
		expect(contextsOf(synthetic).map(contextName)).toEqual(['a/get', 'b/list', 'b/count']);
		expect(enumerate(synthetic)).toEqual({
			'a/get': ['filters.name', 'hidden', 'operation', 'resource', 'rules.rule.field', 'thing'],
			// Limit shows only with Return All off, which its rows set.
			'b/list': ['filters.name', 'hidden', 'limit', 'operation', 'resource', 'site[id]', 'site[list]'],
			'b/count': ['filters.name', 'operation', 'resource', 'site[id]', 'site[list]'],
		});
		expect(displayNameOf(synthetic, { resource: 'a', operation: 'get' }, 'rules.rule.field')).toBe('Field');
		expect(displayNameOf(synthetic, { resource: 'b', operation: 'list' }, 'site[id]')).toBe('Site');
		expect(displayNameOf(synthetic, { resource: 'b', operation: 'list' }, 'filters.name')).toBe('Name');
	});

	it('a trigger with a Scope has one context per scope', () => {
		const trigger: INodeType = {
			description: {
				...synthetic.description,
				properties: [
					{ displayName: 'Scope', name: 'scope', type: 'options', default: 'x', options: [{ name: 'X', value: 'x' }, { name: 'Y', value: 'y' }] },
					{ displayName: 'Only Y', name: 'onlyY', type: 'string', default: '', displayOptions: { show: { scope: ['y'] } } },
				],
			},
			poll: async () => null,
		};
		expect(enumerate(trigger)).toEqual({ 'scope=x': ['scope'], 'scope=y': ['onlyY', 'scope'] });
	});

	it('puts a value at its path: top level, in a collection, in a fixedCollection, in a locator mode', () => {
		const base = { filters: { other: 1 }, options: { maxRetries: 2 } };
		expect(setPath(base, 'limit', 3)).toEqual({ ...base, limit: 3 });
		expect(setPath(base, 'filters.name', 'x')).toEqual({ ...base, filters: { other: 1, name: 'x' } });
		expect(setPath(base, 'rules.rule.field', 'f')).toEqual({ ...base, rules: { rule: [{ field: 'f' }] } });
		expect(setPath(base, 'site[id]', 'abc')).toEqual({ ...base, site: { __rl: true, mode: 'id', value: 'abc' } });
		expect(viaExpression([{ value: 'a"b', ok: true }, { value: '={{ 1 }}', ok: true }, { value: [1], ok: true }]).map((row) => row.value)).toEqual([
			'={{ "a\\"b" }}',
			'={{ 1 }}',
			[1],
		]);
	});

	it('every node and trigger of the package has a bad-input table', () => {
		const root = join(__dirname, '../..');
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
		for (const built of pkg.n8n.nodes) {
			const [, provider, className] = /^dist\/nodes\/(\w+)\/(\w+)\.node\.js$/.exec(built)!;
			const table = readFileSync(join(root, 'test', provider.toLowerCase(), 'badInput.test.ts'), 'utf8');
			expect([className, table.includes(`nodeType: new ${className}()`)]).toEqual([className, true]);
		}
	});
});

describe('the shared checks (nodes/shared/validate.ts)', () => {
	it('dates: ISO 8601 only, real calendar days only', () => {
		expect(parseDateParam(node, 'From', '2028-02-29')).toBe(Date.parse('2028-02-29T00:00:00Z'));
		expect(parseDateParam(node, 'From', '2026-01-31T09:00:00')).toBe(Date.parse('2026-01-31T09:00:00Z'));
		expect(parseDateParam(node, 'From', '2026-01-31T09:00:00+02:00')).toBe(Date.parse('2026-01-31T07:00:00Z'));
		for (const value of ['2026-02-29', '2026-02-30T00:00:00Z', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-01T25:00:00Z']) {
			expect([value, messageOf(() => parseDateParam(node, 'From', value))]).toEqual([value, expect.stringMatching(/^Parameter "From" is not a real date: /)]);
		}
		for (const value of ['yesterday', 1767225600000, { a: 1 }, [1], new Date(Number.NaN), '']) {
			expect(messageOf(() => parseDateParam(node, 'From', value))).toBe('Parameter "From" must be an ISO 8601 date-time');
		}
	});

	it('shows a long value cut short in the description', () => {
		expect(shown('a'.repeat(10_000))).toHaveLength(78);
		const error = (() => {
			try {
				requireText(node, 'Actor ID', 'a'.repeat(10_000));
			} catch (caught) {
				return caught as NodeOperationError;
			}
			return undefined;
		})();
		expect(error?.message).toBe('Parameter "Actor ID" must be at most 1,000 characters long');
		expect(error?.description?.length).toBeLessThan(200);
	});

	it('text: a string or a number; not an object, a list or a boolean', () => {
		expect(requireText(node, 'ID', ' abc ')).toBe('abc');
		expect(requireText(node, 'ID', 42)).toBe('42');
		expect(messageOf(() => requireText(node, 'ID', { a: 1 }))).toBe('Parameter "ID" must be text');
		expect(messageOf(() => requireText(node, 'ID', [1, 2]))).toBe('Parameter "ID" must be text');
		expect(messageOf(() => requireText(node, 'ID', true))).toBe('Parameter "ID" must be text');
		expect(messageOf(() => requireText(node, 'ID', null))).toBe('Parameter "ID" is empty');
		expect(messageOf(() => requireText(node, 'ID', 'a'.repeat(1001)))).toBe('Parameter "ID" must be at most 1,000 characters long');
		expect(requireText(node, 'ID', 'a'.repeat(1000))).toHaveLength(1000);
	});

	it('path IDs: "." and ".." are refused; a form, when given, is enforced', () => {
		expect(requirePathId(node, 'ID', '../x')).toBe('../x');
		expect(messageOf(() => requirePathId(node, 'ID', ' .. '))).toBe('Parameter "ID" cannot be "." or ".."');
		const form = { pattern: /^\d+$/, what: 'a number', hint: 'e.g. 1' };
		expect(messageOf(() => requirePathId(node, 'ID', '1/2', undefined, form))).toBe('Parameter "ID" must be a number');
		expect(requirePathId(node, 'ID', '12', undefined, form)).toBe('12');
	});

	it('numbers: numbers only, in range, whole where counted', () => {
		expect(requireNumber(node, 'Limit', 5, { min: 1, whole: true })).toBe(5);
		for (const value of [0, 1.5, '5', Number.NaN, Infinity, 2 ** 53, null]) {
			expect(messageOf(() => requireNumber(node, 'Limit', value, { min: 1, whole: true }))).toBe('Parameter "Limit" must be a whole number of 1 or more');
		}
		expect(messageOf(() => requireNumber(node, 'Wait', 86_401, { min: 1, max: 86_400 }))).toBe('Parameter "Wait" must be a number from 1 to 86,400');
	});

	it('booleans and options', () => {
		expect(requireBoolean(node, 'Flag', false)).toBe(false);
		expect(messageOf(() => requireBoolean(node, 'Flag', 'false'))).toBe('Parameter "Flag" must be true or false');
		expect(requireOption(node, 'Order', 'asc', ['desc', 'asc'])).toBe('asc');
		expect(messageOf(() => requireOption(node, 'Order', 'up', ['desc', 'asc']))).toBe('Parameter "Order" must be "desc" or "asc"');
		expect(messageOf(() => requireOption(node, 'Kind', 'd', ['a', 'b', 'c']))).toBe('Parameter "Kind" must be one of "a", "b" or "c"');
	});

	it('lists: a list or comma-separated text, each entry checked as text', () => {
		expect(readList(node, 'Teams', ' b, a ,b,, ')).toEqual(['b', 'a']);
		expect(readList(node, 'Teams', ['R&D [EU]', 7])).toEqual(['R&D [EU]', '7']);
		expect(readList(node, 'Teams', [])).toBeUndefined();
		expect(readList(node, 'Teams', '')).toBeUndefined();
		expect(messageOf(() => readList(node, 'Teams', { a: 1 }))).toBe('Parameter "Teams" must be a list or comma-separated text');
		expect(messageOf(() => readList(node, 'Teams', [{ a: 1 }]))).toBe('Parameter "Teams" must be a list or comma-separated text');
		expect(messageOf(() => readList(node, 'Teams', ['a\u0007']))).toBe('Parameter "Teams" contains control characters');
	});

	it('the Options collection: checked against its own description', () => {
		expect(checkOptions(node, commonOptions, { includeRaw: false, outputFormat: 'ocsf', maxRetries: 0, timeoutSeconds: 1.5 })).toBeDefined();
		expect(messageOf(() => checkOptions(node, commonOptions, [1]))).toBe('Parameter "Options" must be a collection of options');
		expect(messageOf(() => checkOptions(node, commonOptions, { maxRetries: 11 }))).toBe('Parameter "Max Retries" must be a whole number from 0 to 10');
		expect(messageOf(() => checkOptions(node, commonOptions, { outputFormat: 'xml' }))).toBe(
			'Parameter "Output Format" must be one of "raw", "normalized" or "ocsf"',
		);
	});
});
