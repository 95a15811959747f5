/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code that reads and writes workflow files */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { convertWorkflow, main } from '../../scripts/convert-workflow';
import { REPO_ROOT } from '../../scripts/providers';

const node = (name: string, type: string, extra: Record<string, unknown> = {}) => ({ name, type, typeVersion: 1, position: [0, 0], parameters: {}, ...extra });

const combinedMake = {
	name: 'Make to SIEM',
	nodes: [
		node('New Make audit event', 'n8n-nodes-audit-logs.makeAuditLogTrigger', { credentials: { makeAuditLogApi: { id: 'c1', name: 'Make' } } }),
		node('Details', 'n8n-nodes-audit-logs.makeAuditLog', { credentials: { makeAuditLogApi: { id: 'c1', name: 'Make' } } }),
		node('Send to SIEM', 'n8n-nodes-base.httpRequest'),
	],
	connections: { 'New Make audit event': { main: [[{ node: 'Details', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

describe('convert-workflow: node types between the combined and a single-provider package', () => {
	it('rewrites only our node types, to the single-provider package, and keeps the rest of the file', () => {
		const { workflow, changes } = convertWorkflow(combinedMake, 'make');
		expect(workflow).toEqual({
			...combinedMake,
			nodes: [
				{ ...combinedMake.nodes[0], type: 'n8n-nodes-make-audit-log.makeAuditLogTrigger' },
				{ ...combinedMake.nodes[1], type: 'n8n-nodes-make-audit-log.makeAuditLog' },
				combinedMake.nodes[2],
			],
		});
		expect(changes).toEqual([
			'"New Make audit event": n8n-nodes-audit-logs.makeAuditLogTrigger → n8n-nodes-make-audit-log.makeAuditLogTrigger',
			'"Details": n8n-nodes-audit-logs.makeAuditLog → n8n-nodes-make-audit-log.makeAuditLog',
		]);
	});

	it('converts back to the combined package, giving the original workflow', () => {
		const there = convertWorkflow(combinedMake, 'make').workflow;
		expect(convertWorkflow(there, 'combined').workflow).toEqual(combinedMake);
		// Already in the target form: nothing changes.
		expect(convertWorkflow(combinedMake, 'combined')).toEqual({ workflow: combinedMake, changes: [] });
	});

	it('rewrites the AI-tool variants of our nodes too, and refuses the four-provider MCP example for one provider', () => {
		const tool = { ...combinedMake, nodes: [node('Make audit log', 'n8n-nodes-audit-logs.makeAuditLogTool'), node('MCP', '@n8n/n8n-nodes-langchain.mcpTrigger')] };
		expect(convertWorkflow(tool, 'make').workflow.nodes.map((n) => n.type)).toEqual([
			'n8n-nodes-make-audit-log.makeAuditLogTool',
			'@n8n/n8n-nodes-langchain.mcpTrigger',
		]);
		expect(convertWorkflow(convertWorkflow(tool, 'make').workflow, 'combined').workflow).toEqual(tool);
		const mcp = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'ai-tools-mcp-server.json'), 'utf8')) as { nodes: Array<{ name: string; type: string }> };
		expect(() => convertWorkflow(mcp, 'sim')).toThrow(/is a Webflow node; n8n-nodes-sim-audit-log has only Sim nodes/);
	});

	it('names each node of another provider that a single-provider package cannot hold', () => {
		const mixed = { ...combinedMake, nodes: [...combinedMake.nodes, node('Sim events', 'n8n-nodes-audit-logs.simAuditLog'), node('Workiva', 'n8n-nodes-workiva-audit-log.workivaActivity')] };
		expect(() => convertWorkflow(mixed, 'make')).toThrow(
			new Error(
				'Cannot convert the workflow to n8n-nodes-make-audit-log:\n' +
					'"Sim events" (n8n-nodes-audit-logs.simAuditLog) is a Sim node; n8n-nodes-make-audit-log has only Make nodes\n' +
					'"Workiva" (n8n-nodes-workiva-audit-log.workivaActivity) is a Workiva node; n8n-nodes-make-audit-log has only Make nodes',
			),
		);
		// Into the combined package, every provider fits.
		expect(convertWorkflow(mixed, 'combined').workflow.nodes.map((n) => n.type)).toEqual([
			'n8n-nodes-audit-logs.makeAuditLogTrigger',
			'n8n-nodes-audit-logs.makeAuditLog',
			'n8n-nodes-base.httpRequest',
			'n8n-nodes-audit-logs.simAuditLog',
			'n8n-nodes-audit-logs.workivaActivity',
		]);
	});

	it('refuses an unknown target and a file that is not a workflow', () => {
		expect(() => convertWorkflow(combinedMake, 'jira' as never)).toThrow(new Error('Unknown provider "jira"; expected one of: sim, webflow, make, workiva'));
		expect(() => convertWorkflow({} as never, 'make')).toThrow(new Error('Not an n8n workflow: it has no "nodes" array'));
	});

	describe('the command', () => {
		let dir: string;
		beforeEach(() => {
			dir = mkdtempSync(join(tmpdir(), 'audit-logs-convert-'));
		});
		afterEach(() => rmSync(dir, { recursive: true, force: true }));

		const run = (args: string[]) => {
			let out = '';
			let err = '';
			const code = main(args, (text) => (out += text), (text) => (err += text));
			return { code, out, err };
		};

		it('writes the converted example with the same indentation, and converts it back byte for byte', () => {
			const original = join(REPO_ROOT, 'examples/webflow-admin-role-alert.json');
			const single = join(dir, 'single.json');
			const back = join(dir, 'back.json');

			const to = run(['--to', 'webflow', original, single]);
			expect(to).toEqual({
				code: 0,
				out: '',
				err: '1 node type(s) rewritten\n  "New membership change": n8n-nodes-audit-logs.webflowAuditLogTrigger → n8n-nodes-webflow-audit-log.webflowAuditLogTrigger\n',
			});
			const text = readFileSync(original, 'utf8');
			expect(readFileSync(single, 'utf8')).toBe(
				text.replace('"n8n-nodes-audit-logs.webflowAuditLogTrigger"', '"n8n-nodes-webflow-audit-log.webflowAuditLogTrigger"'),
			);

			expect(run(['--to', 'combined', single, back]).code).toBe(0);
			expect(readFileSync(back, 'utf8')).toBe(text);
		});

		it('writes the file anew when a "type" elsewhere holds the same text, and leaves that text alone', () => {
			const input = join(dir, 'in.json');
			const tricky = {
				nodes: [
					node('Make', 'n8n-nodes-audit-logs.makeAuditLog'),
					node('Note', 'n8n-nodes-base.set', { parameters: { fields: [{ name: 'x', type: 'n8n-nodes-audit-logs.makeAuditLog' }] } }),
				],
			};
			writeFileSync(input, JSON.stringify(tricky, null, '    '));
			const printed = run(['--to', 'make', input]);
			expect(printed.code).toBe(0);
			expect(printed.out).toBe(
				`${JSON.stringify({ nodes: [{ ...tricky.nodes[0], type: 'n8n-nodes-make-audit-log.makeAuditLog' }, tricky.nodes[1]] }, null, '    ')}\n`,
			);
		});

		it('prints to stdout without an output file, and explains its usage and failures', () => {
			const input = join(dir, 'in.json');
			writeFileSync(input, JSON.stringify(combinedMake, null, 2));
			const printed = run(['--to', 'make', input]);
			expect(printed.code).toBe(0);
			expect(printed.out).toBe(JSON.stringify(convertWorkflow(combinedMake, 'make').workflow, null, 2));

			const usage = 'Usage: npm run convert-workflow -- --to <combined|sim|webflow|make|workiva> <in.json> [out.json]\n';
			expect(run([input])).toEqual({ code: 2, out: '', err: usage });
			expect(run(['--to', 'make'])).toEqual({ code: 2, out: '', err: usage });
			expect(run(['--to', 'sim', input])).toEqual({
				code: 1,
				out: '',
				err:
					'Cannot convert the workflow to n8n-nodes-sim-audit-log:\n' +
					'"New Make audit event" (n8n-nodes-audit-logs.makeAuditLogTrigger) is a Make node; n8n-nodes-sim-audit-log has only Sim nodes\n' +
					'"Details" (n8n-nodes-audit-logs.makeAuditLog) is a Make node; n8n-nodes-sim-audit-log has only Sim nodes\n',
			});
		});
	});
});
