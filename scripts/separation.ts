/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- build script: reads the repository, never shipped */
/**
 * Separable by construction: a provider's code (nodes/<Provider>/, its credential) imports only
 * its own files and nodes/shared/; nodes/shared/ imports no provider. `npm run build` runs this
 * first and fails on any violation, so a single-provider package can never pull in a second service.
 *
 * Run: ts-node scripts/separation.ts [root]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { PROVIDERS, REPO_ROOT } from './providers';

/** Relative specifiers of `import … from`, `export … from`, `import '…'`, `import('…')` and `require('…')`. */
export function relativeImports(source: string): string[] {
	const specs: string[] = [];
	const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]*|\.{1,2})['"]/g;
	for (const match of source.matchAll(pattern)) specs.push(match[1]);
	return specs;
}

/** The file a relative specifier resolves to, as TypeScript would find it. */
function resolveImport(fromFile: string, spec: string): string | undefined {
	const base = resolve(dirname(fromFile), spec);
	return [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

function listFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? listFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
	);
}

/**
 * Who a file belongs to: `shared` for nodes/shared/, the folder name for nodes/<Provider>/, and
 * for a credential the provider folder `credentialOwners` names (a credential nobody claims is
 * its own owner, and may only import shared code).
 */
function ownerOf(root: string, file: string, credentialOwners: Record<string, string>): string {
	const [top, second] = relative(root, file).split(/[\\/]/);
	if (top === 'nodes') return second;
	const credential = second.replace(/\.credentials\.ts$/, '');
	return credentialOwners[credential] ?? `credential ${credential}`;
}

/**
 * Every import that crosses from one provider into another, or from nodes/shared/ into a
 * provider, as one sentence each (empty when the code is separable).
 */
export function separationViolations(
	root: string,
	credentialOwners: Record<string, string> = Object.fromEntries(PROVIDERS.map((provider) => [provider.credential, provider.folder])),
): string[] {
	const files = [...listFiles(join(root, 'nodes')), ...listFiles(join(root, 'credentials'))];
	const violations: string[] = [];
	for (const file of files) {
		const owner = ownerOf(root, file, credentialOwners);
		for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
			const target = resolveImport(file, spec);
			if (!target) continue; // tsc reports imports it cannot resolve
			const where = relative(root, target);
			if (!where.startsWith('nodes') && !where.startsWith('credentials')) continue;
			const targetOwner = ownerOf(root, target, credentialOwners);
			if (targetOwner === owner || targetOwner === 'shared') continue;
			const who = owner === 'shared' ? 'nodes/shared must not import a provider' : `${owner} must not import ${targetOwner}`;
			violations.push(`${relative(root, file)} imports "${spec}" (${where}): ${who}`);
		}
	}
	return violations.sort();
}

if (require.main === module) {
	const root = resolve(process.argv[2] ?? REPO_ROOT);
	const violations = separationViolations(root);
	if (violations.length > 0) {
		process.stderr.write(`Provider code is not separable:\n${violations.map((v) => `  ${v}`).join('\n')}\n`);
		process.exit(1);
	}
	process.stdout.write('Provider code is separable: no provider imports another, nodes/shared imports none.\n');
}
