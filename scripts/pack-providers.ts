/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- build script: reads and writes the repository, runs tsc, npm and n8n-node */
/**
 * npm run pack:providers: cuts one package per provider from this repository's source, next to
 * the combined one, and checks each the way n8n's verification does.
 *
 *   <work>/<name>/            the package's own folder: its sources (the provider's node, trigger,
 *                             credential and icons, plus the nodes/shared engines they import),
 *                             package.json, README.md, LICENSE.md, eslint.config.mjs, tsconfig.json,
 *                             and dist/ built from those sources alone. <work> is a temporary folder,
 *                             removed at the end unless --keep is given: inside the repository the
 *                             copies would be linted again by the repository's own `eslint .`.
 *   packages/<name>-<v>.tgz   what `npm pack` makes of it (plus the combined package's tarball)
 *
 * Checks per package (any failure fails the command): `n8n-node lint` in strict mode,
 * `n8n-node cloud-support` reports it eligible, the compiled code touches neither environment
 * variables nor the filesystem, every text is English (no letters outside A-Z), and the tarball
 * holds exactly the expected files; n8n's scanner rules pass on the folder and on the tarball.
 *
 * Usage: ts-node scripts/pack-providers.ts [--no-check] [--skip-combined] [--keep] [provider …]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import { findProvider, type Manifest, packageName, PROVIDERS, type ProviderFacts, providerEntries, readManifest, REPO_ROOT } from './providers';
import { relativeImports } from './separation';

export const PACKAGES_DIR = join(REPO_ROOT, 'packages');

/** Tools a package folder needs to lint and build itself (exact versions from the combined package). */
const PACKAGE_DEV_TOOLS = ['@n8n/node-cli', 'eslint', 'typescript'];

/** The n8n-node template's eslint.config.mjs, which strict mode requires verbatim. */
const ESLINT_CONFIG = "import { config } from '@n8n/node-cli/eslint';\n\nexport default config;\n";

const write = (file: string, text: string) => {
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, text);
};

function listFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
	);
}

/** The source files (repository-relative) the entries need: the entries and every file they import, transitively. */
export function importClosure(entries: string[], root = REPO_ROOT): string[] {
	const seen = new Set<string>();
	const pending = [...entries];
	while (pending.length > 0) {
		const file = pending.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		for (const spec of relativeImports(readFileSync(join(root, file), 'utf8'))) {
			const base = join(dirname(file), spec);
			const target = [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => existsSync(join(root, candidate)));
			if (!target) throw new Error(`${file}: cannot resolve "${spec}"`);
			pending.push(target);
		}
	}
	return [...seen].sort();
}

/** Source path of a dist entry: dist/nodes/Sim/SimAuditLog.node.js → nodes/Sim/SimAuditLog.node.ts */
const sourceOf = (distFile: string) => distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');

/** The package's manifest: only its own files in the `n8n` block, no runtime dependencies. */
export function packageManifest(provider: ProviderFacts, combined: Manifest = readManifest()) {
	const entries = providerEntries(provider, combined);
	return {
		name: packageName(provider),
		version: combined.version,
		description: `n8n node and polling trigger for ${provider.reads}.`,
		keywords: ['n8n-community-node-package', 'audit-log', 'siem', provider.key],
		license: combined.license,
		homepage: combined.homepage,
		author: combined.author,
		repository: combined.repository,
		files: ['dist'],
		scripts: {
			build: 'n8n-node build',
			lint: 'n8n-node lint',
		},
		n8n: { n8nNodesApiVersion: combined.n8n.n8nNodesApiVersion, strict: true, credentials: entries.credentials, nodes: entries.nodes },
		devDependencies: Object.fromEntries(PACKAGE_DEV_TOOLS.map((tool) => [tool, combined.devDependencies[tool]])),
		peerDependencies: { 'n8n-workflow': '*' },
	};
}

/** The combined tsconfig, without what a published package does not need (maps, declarations, package.json); the codex .node.json files are emitted. */
function packageTsconfig(): string {
	const base = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
	const compilerOptions = { ...base.compilerOptions, rootDir: '.', declaration: false, sourceMap: false, incremental: false };
	return `${JSON.stringify({ compilerOptions, include: ['credentials/**/*', 'nodes/**/*', 'nodes/**/*.json'] }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// README: one template plus the provider's own sections of the combined README
// ---------------------------------------------------------------------------------------------

/** A `## heading` section of a Markdown document, up to the next `## ` (without the trailing blank lines). */
export function markdownSection(markdown: string, heading: string): string {
	const lines = markdown.split('\n');
	const start = lines.findIndex((line) => line === `## ${heading}`);
	if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
	const end = lines.findIndex((line, index) => index > start && /^## /.test(line));
	return lines
		.slice(start, end < 0 ? undefined : end)
		.join('\n')
		.trimEnd();
}

/** Cuts `### name` (up to the next `### ` or the end) out of a section. */
function withoutSubsection(section: string, name: string): string {
	return section.replace(new RegExp(`\\n### ${name}\\n[\\s\\S]*?(?=\\n### |$)`), '');
}

/** The mapping tables subsection, down to this provider's tables (each with its bold title line). */
function ownMappingTables(section: string, provider: ProviderFacts): string {
	const subsection = /\n### Mapping tables\n[\s\S]*?(?=\n### |$)/.exec(section);
	if (!subsection) throw new Error('README.md has no "### Mapping tables" section');
	const blocks = [...subsection[0].matchAll(/\n(\*\*[^\n]*\n(?:(?!\*\*)[^\n]*\n)*?<!-- mapping:([\w-]+) -->[\s\S]*?<!-- \/mapping:\2 -->)/g)]
		.filter((match) => match[2] === provider.key || match[2].startsWith(`${provider.key}-`))
		.map((match) => match[1]);
	if (blocks.length === 0) throw new Error(`README.md has no mapping table for ${provider.key}`);
	return section.replace(subsection[0], `\n### Mapping tables\nHow each ${provider.title} event type maps:\n\n${blocks.join('\n\n')}\n`);
}

/** GitHub's anchor for a heading. */
export const headingAnchor = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');

/**
 * Links that work outside the repository: files become links to the repository on GitHub, and
 * anchors the package README lacks point into the combined README.
 */
function absoluteLinks(markdown: string, combined: Manifest): string {
	const blob = `${combined.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main`;
	const anchors = new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((match) => headingAnchor(match[1])));
	return markdown.replace(/\]\(([^)\s]+)\)/g, (link, target: string) => {
		if (/^[a-z]+:/i.test(target)) return link;
		if (target.startsWith('#')) return anchors.has(target.slice(1)) ? link : `](${combined.homepage}${target})`;
		return `](${blob}/${target.replace(/^\.\//, '')})`;
	});
}

export function renderReadme(provider: ProviderFacts, combined: Manifest = readManifest(), readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')): string {
	const template = readFileSync(join(__dirname, 'package-readme.md'), 'utf8');
	const sections: Record<string, string> = {
		provider: markdownSection(readme, provider.title),
		outputFormats: ownMappingTables(markdownSection(readme, 'Output formats'), provider),
		triggers: withoutSubsection(markdownSection(readme, 'How the triggers behave'), 'Reliability, measured'),
		choose: markdownSection(readme, 'Which package to choose').replace(/^## .*\n/, ''),
	};
	const facts: Record<string, string> = {
		package: packageName(provider),
		combined: combined.name,
		title: provider.title,
		reads: provider.reads,
		key: provider.key,
		homepage: combined.homepage,
		credentialType: providerEntries(provider, combined).credentials.map((file) => `\`${file.replace(/^.*\/|\.credentials\.js$/g, '').replace(/^./, (c) => c.toLowerCase())}\``).join(', '),
	};
	const filled = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
		const value = sections[name] ?? facts[name];
		if (value === undefined) throw new Error(`scripts/package-readme.md: unknown placeholder {{${name}}}`);
		return value;
	});
	return `${absoluteLinks(filled, combined).trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------
// Building and packing
// ---------------------------------------------------------------------------------------------

export interface ProviderPackage {
	provider: ProviderFacts;
	name: string;
	dir: string;
	tarball: string;
	/** Files in the tarball, relative to its package/ folder, sorted. */
	files: string[];
	/** What the tarball must hold, sorted. */
	expected: string[];
}

function run(cmd: string, args: string[], cwd: string): string {
	return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Stages one provider's package in `workDir`/<name>, builds it there and packs it into `outDir`. */
export function buildProviderPackage(provider: ProviderFacts, outDir: string, workDir: string): ProviderPackage {
	const combined = readManifest();
	const manifest = packageManifest(provider, combined);
	const dir = join(workDir, manifest.name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });

	const entries = [...manifest.n8n.credentials, ...manifest.n8n.nodes].map(sourceOf);
	const sources = importClosure(entries);
	const codex = manifest.n8n.nodes.map((file) => sourceOf(file).replace(/\.ts$/, '.json')).filter((file) => existsSync(join(REPO_ROOT, file)));
	const icons = [`icons/${provider.icon}.svg`, `icons/${provider.icon}.dark.svg`];
	for (const file of [...sources, ...codex, ...icons]) {
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		copyFileSync(join(REPO_ROOT, file), join(dir, file));
	}
	write(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	write(join(dir, 'tsconfig.json'), packageTsconfig());
	write(join(dir, 'eslint.config.mjs'), ESLINT_CONFIG);
	write(join(dir, 'README.md'), renderReadme(provider, combined));
	copyFileSync(join(REPO_ROOT, 'LICENSE.md'), join(dir, 'LICENSE.md'));
	// The package's tools (tsc, eslint, n8n-node) are the combined package's, at the same versions.
	symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');

	// The package builds itself as every n8n-node package does: tsc, then the icons copied into dist/.
	const build = n8nNode(dir, ['build']);
	if (build.status !== 0) throw new Error(`n8n-node build failed in ${dir}:\n${build.output}`);

	const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], dir)) as Array<{
		filename: string;
		files: Array<{ path: string }>;
	}>;
	const expected = [
		'LICENSE.md',
		'README.md',
		'package.json',
		...sources.map((file) => `dist/${file.replace(/\.ts$/, '.js')}`),
		...codex.map((file) => `dist/${file}`),
		...icons.map((file) => `dist/${file}`),
	].sort();
	return {
		provider,
		name: manifest.name,
		dir,
		tarball: join(outDir, packed.filename),
		files: packed.files.map((file) => file.path).sort(),
		expected,
	};
}

// ---------------------------------------------------------------------------------------------
// Verification checks
// ---------------------------------------------------------------------------------------------

/** What compiled code must not touch: environment variables, the filesystem, the process. */
const FORBIDDEN_IN_CODE: Array<[RegExp, string]> = [
	[/\bprocess\s*\./, 'process'],
	[/\brequire\(\s*["'](node:)?(fs|fs\/promises|child_process|os|path|worker_threads|vm)["']\s*\)/, 'a Node built-in for files or processes'],
	[/\b__dirname\b|\b__filename\b/, '__dirname/__filename'],
	[/\bglobalThis\b/, 'globalThis'],
	[/\beval\s*\(|\bnew Function\s*\(/, 'eval'],
];

/** Problems in the compiled code and texts of a package folder (empty when it is clean). */
export function codeAndLanguageProblems(dir: string): string[] {
	const problems: string[] = [];
	const texts = listFiles(join(dir, 'dist'))
		.filter((file) => /\.(js|json)$/.test(file))
		.sort();
	for (const file of texts) {
		const text = readFileSync(file, 'utf8');
		const where = relative(dir, file);
		if (file.endsWith('.js')) {
			for (const [pattern, what] of FORBIDDEN_IN_CODE) if (pattern.test(text)) problems.push(`${where} uses ${what}`);
		}
	}
	// English only: a letter outside A-Z (é, ß, Cyrillic, CJK…) means a text is not plain English.
	for (const file of [...texts, join(dir, 'README.md'), join(dir, 'package.json')]) {
		const match = /[^\p{ASCII}](?<=\p{L})/u.exec(readFileSync(file, 'utf8'));
		if (match) problems.push(`${relative(dir, file)} has a non-English letter "${match[0]}"`);
	}
	return problems;
}

/** Runs an n8n-node command in the package folder; returns its exit code and output (colours off). */
function n8nNode(dir: string, args: string[]): { status: number; output: string } {
	const result = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/@n8n/node-cli/bin/n8n-node.mjs'), ...args], {
		cwd: dir,
		encoding: 'utf8',
		env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' },
	});
	// eslint-disable-next-line no-control-regex -- strips the colour codes some tools print anyway
	return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
}

/**
 * The lint legs of n8n's scanner (scripts/scan-local.mjs): the package folder's sources and the
 * unpacked tarball, with the scanner's rule set and inline eslint-disable comments ignored.
 */
export function scannerProblems(pkg: ProviderPackage): string[] {
	const unpacked = mkdtempSync(join(tmpdir(), 'audit-logs-scan-'));
	try {
		run('tar', ['-xzf', pkg.tarball, '-C', unpacked], unpacked);
		const output = run(process.execPath, [join(__dirname, 'scan-local.mjs'), pkg.dir, join(unpacked, 'package')], REPO_ROOT);
		const result = JSON.parse(output.trim().split('\n').pop()!) as Record<'source' | 'tarball', { passed: boolean; message?: string; details?: string }>;
		return (['source', 'tarball'] as const)
			.filter((leg) => !result[leg].passed)
			.map((leg) => `@n8n/scan-community-package (${leg}): ${result[leg].message}\n${result[leg].details ?? ''}`);
	} finally {
		rmSync(unpacked, { recursive: true, force: true });
	}
}

/** Every verification problem of a built package (empty when it passes). */
export function verificationProblems(pkg: ProviderPackage): string[] {
	const problems: string[] = [];
	const lint = n8nNode(pkg.dir, ['lint']);
	if (lint.status !== 0 || /\berror\b/i.test(lint.output)) problems.push(`n8n-node lint (strict) failed:\n${lint.output}`);
	const cloud = n8nNode(pkg.dir, ['cloud-support']);
	if (!/Status: eligible for n8n Cloud verification/.test(cloud.output)) problems.push(`n8n-node cloud-support does not report eligible:\n${cloud.output}`);
	problems.push(...scannerProblems(pkg));
	problems.push(...codeAndLanguageProblems(pkg.dir));
	problems.push(...tarballProblems(pkg.files, pkg.expected));
	return problems;
}

/** The tarball must hold exactly the expected files: nothing missing, nothing extra. */
export function tarballProblems(files: string[], expected: string[]): string[] {
	const extra = files.filter((file) => !expected.includes(file));
	const missing = expected.filter((file) => !files.includes(file));
	return [
		...(extra.length > 0 ? [`tarball holds files it does not need: ${extra.join(', ')}`] : []),
		...(missing.length > 0 ? [`tarball lacks: ${missing.join(', ')}`] : []),
	];
}

if (require.main === module) {
	const args = process.argv.slice(2);
	const check = !args.includes('--no-check');
	const providers = args.filter((arg) => !arg.startsWith('--')).map(findProvider);
	const started = Date.now();
	const workDir = mkdtempSync(join(tmpdir(), 'audit-logs-packages-'));
	// Only this run's tarballs: the publish workflow publishes every packages/*.tgz.
	rmSync(PACKAGES_DIR, { recursive: true, force: true });
	mkdirSync(PACKAGES_DIR, { recursive: true });
	if (!args.includes('--skip-combined')) {
		const [combined] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', PACKAGES_DIR], REPO_ROOT)) as Array<{ filename: string }>;
		process.stdout.write(`${relative(REPO_ROOT, join(PACKAGES_DIR, combined.filename))} (combined)\n`);
	}
	let failed = 0;
	for (const provider of providers.length > 0 ? providers : PROVIDERS) {
		const pkg = buildProviderPackage(provider, PACKAGES_DIR, workDir);
		process.stdout.write(`${relative(REPO_ROOT, pkg.tarball)}: ${pkg.files.length} files\n${pkg.files.map((file) => `  ${file}`).join('\n')}\n`);
		if (!check) continue;
		const problems = verificationProblems(pkg);
		failed += problems.length;
		process.stdout.write(
			problems.length === 0
				? `  checks passed: lint (strict), cloud-support eligible, n8n's scanner rules (source and tarball), no env/filesystem access, English only, tarball contents\n`
				: problems.map((problem) => `  FAILED: ${problem}\n`).join(''),
		);
	}
	if (args.includes('--keep')) process.stdout.write(`package folders kept in ${workDir}\n`);
	else rmSync(workDir, { recursive: true, force: true });
	process.stdout.write(`pack:providers took ${Math.round((Date.now() - started) / 1000)} s\n`);
	if (failed > 0) {
		process.stdout.write('Some package failed its checks (run with --keep to keep the package folders for a look).\n');
		process.exit(1);
	}
}
