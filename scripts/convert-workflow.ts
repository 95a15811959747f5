/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- command-line tool: reads and writes workflow files, never shipped */
/**
 * npm run convert-workflow -- --to <sim|webflow|make|workiva|combined> <in.json> [out.json]
 *
 * Rewrites the node types of an n8n workflow (exported JSON) between the combined package
 * (n8n-nodes-audit-logs.simAuditLog) and a single-provider package
 * (n8n-nodes-sim-audit-log.simAuditLog). Credential types are the same in both forms and stay
 * as they are; everything else in the file is kept. Without out.json it prints the result.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import { findProvider, type Manifest, packageName, PROVIDERS, providerNodeNames, readManifest } from './providers';

/** What the command reads of a workflow: its nodes' names and types; the rest is kept as it is. */
export interface WorkflowLike {
	nodes: Array<{ name: string; type: string }>;
}

export interface Conversion<W extends WorkflowLike = WorkflowLike> {
	workflow: W;
	/** One line per node whose type changed: `"<node name>": <old type> → <new type>` */
	changes: string[];
}

/** `combined`, or a provider key. */
export type Target = 'combined' | (typeof PROVIDERS)[number]['key'];

/** n8n names the AI-tool variant of a `usableAsTool` node `<name>Tool` (e.g. simAuditLogTool). */
const TOOL_SUFFIX = 'Tool';

/** Which package form a node type belongs to, and its node name, if it is one of ours (tool variants included). */
function ourType(type: string, manifest: Manifest): { provider: string; nodeName: string; combined: boolean } | undefined {
	const [prefix, nodeName] = type.split('.', 2);
	if (nodeName === undefined) return undefined;
	const baseName = nodeName.endsWith(TOOL_SUFFIX) ? nodeName.slice(0, -TOOL_SUFFIX.length) : undefined;
	for (const provider of PROVIDERS) {
		const names = providerNodeNames(provider, manifest);
		if (!names.includes(nodeName) && !(baseName && names.includes(baseName))) continue;
		if (prefix === manifest.name) return { provider: provider.key, nodeName, combined: true };
		if (prefix === packageName(provider)) return { provider: provider.key, nodeName, combined: false };
	}
	return undefined;
}

export function convertWorkflow<W extends WorkflowLike>(workflow: W, to: Target, manifest = readManifest()): Conversion<W> {
	const target = to === 'combined' ? undefined : findProvider(to);
	if (!Array.isArray(workflow?.nodes)) throw new Error('Not an n8n workflow: it has no "nodes" array');
	const changes: string[] = [];
	const problems: string[] = [];
	const nodes = workflow.nodes.map((node) => {
		const ours = ourType(node.type, manifest);
		if (!ours) return node;
		if (target && ours.provider !== target.key) {
			problems.push(`"${node.name}" (${node.type}) is a ${findProvider(ours.provider).title} node; ${packageName(target)} has only ${target.title} nodes`);
			return node;
		}
		const type = `${target ? packageName(target) : manifest.name}.${ours.nodeName}`;
		if (type !== node.type) changes.push(`"${node.name}": ${node.type} → ${type}`);
		return { ...node, type };
	});
	if (problems.length > 0) throw new Error(`Cannot convert the workflow to ${target ? packageName(target) : manifest.name}:\n${problems.join('\n')}`);
	return { workflow: { ...workflow, nodes }, changes };
}

const USAGE = 'Usage: npm run convert-workflow -- --to <combined|sim|webflow|make|workiva> <in.json> [out.json]';

/**
 * The converted file as text. Only the changed `"type": "…"` values are replaced, so the file keeps
 * its layout byte for byte; if that cannot be done exactly, it is written anew with `indent`.
 */
export function convertText(text: string, to: Target): { text: string; changes: string[] } {
	const original = JSON.parse(text) as WorkflowLike;
	const { workflow, changes } = convertWorkflow(original, to);
	const renames = new Map(original.nodes.map((node, index) => [node.type, workflow.nodes[index].type]));
	const edited = text.replace(/("type"\s*:\s*)"([^"\\]*)"/g, (match, key: string, type: string) => {
		const renamed = renames.get(type);
		return renamed && renamed !== type ? `${key}"${renamed}"` : match;
	});
	if (JSON.stringify(JSON.parse(edited)) === JSON.stringify(workflow)) return { text: edited, changes };
	const indent = /^\{\n(\s+)"/.exec(text)?.[1] ?? '\t';
	return { text: `${JSON.stringify(workflow, null, indent)}\n`, changes };
}

/** The command; returns its exit code. */
export function main(args: string[], out: (text: string) => void, err: (text: string) => void): number {
	const toIndex = args.indexOf('--to');
	const to = toIndex >= 0 ? args[toIndex + 1] : undefined;
	const files = args.filter((_, index) => index !== toIndex && index !== toIndex + 1);
	if (!to || files.length < 1 || files.length > 2 || files.some((file) => file.startsWith('--'))) {
		err(`${USAGE}\n`);
		return 2;
	}
	try {
		const { text: converted, changes } = convertText(readFileSync(files[0], 'utf8'), to as Target);
		if (files[1]) writeFileSync(files[1], converted);
		else out(converted);
		err(`${changes.length} node type(s) rewritten${changes.map((change) => `\n  ${change}`).join('')}\n`);
		return 0;
	} catch (error) {
		err(`${(error as Error).message}\n`);
		return 1;
	}
}

if (require.main === module) {
	process.exitCode = main(
		process.argv.slice(2),
		(text) => process.stdout.write(text),
		(text) => process.stderr.write(text),
	);
}
