/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test code that writes crafted package folders and runs the scanner on them */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import {
	codeAndLanguageProblems,
	headingAnchor,
	importClosure,
	markdownSection,
	packageManifest,
	renderReadme,
	tarballProblems,
} from '../../scripts/pack-providers';
import { findProvider, PROVIDERS, providerNodeNames, readManifest, REPO_ROOT } from '../../scripts/providers';

const repoReadme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe('the single-provider packages (scripts/pack-providers.ts)', () => {
	it('lists only its own node, trigger and credential, with no runtime dependencies and n8n-workflow as its only peer', () => {
		const combined = readManifest();
		expect(packageManifest(findProvider('workiva'))).toEqual({
			name: 'n8n-nodes-workiva-audit-log',
			version: combined.version,
			description: 'n8n node and polling trigger for Workiva activities.',
			keywords: ['n8n-community-node-package', 'audit-log', 'siem', 'workiva'],
			license: 'MIT',
			homepage: combined.homepage,
			author: combined.author,
			repository: combined.repository,
			files: ['dist'],
			scripts: { build: 'n8n-node build', lint: 'n8n-node lint' },
			n8n: {
				n8nNodesApiVersion: 1,
				strict: true,
				credentials: ['dist/credentials/WorkivaOAuth2Api.credentials.js'],
				nodes: ['dist/nodes/Workiva/WorkivaActivity.node.js', 'dist/nodes/Workiva/WorkivaActivityTrigger.node.js'],
			},
			devDependencies: {
				'@n8n/node-cli': combined.devDependencies['@n8n/node-cli'],
				eslint: combined.devDependencies.eslint,
				typescript: combined.devDependencies.typescript,
			},
			peerDependencies: { 'n8n-workflow': '*' },
		});
	});

	it('splits the combined n8n block into four, losing nothing', () => {
		const combined = readManifest();
		const manifests = PROVIDERS.map((provider) => packageManifest(provider));
		expect(manifests.flatMap((m) => m.n8n.nodes).sort()).toEqual([...combined.n8n.nodes].sort());
		expect(manifests.flatMap((m) => m.n8n.credentials).sort()).toEqual([...combined.n8n.credentials].sort());
		expect(PROVIDERS.map((provider) => providerNodeNames(provider))).toEqual([
			['simAuditLog', 'simAuditLogTrigger'],
			['webflowAuditLog', 'webflowAuditLogTrigger'],
			['makeAuditLog', 'makeAuditLogTrigger'],
			['workivaActivity', 'workivaActivityTrigger'],
		]);
	});

	it("compiles in only the provider's folder and the shared engines it imports", () => {
		const files = importClosure(['credentials/SimAuditLogApi.credentials.ts', 'nodes/Sim/SimAuditLog.node.ts', 'nodes/Sim/SimAuditLogTrigger.node.ts']);
		expect(files.filter((file) => !file.startsWith('nodes/Sim/') && !file.startsWith('nodes/shared/'))).toEqual([
			'credentials/SimAuditLogApi.credentials.ts',
		]);
		expect(files).toContain('nodes/shared/pollEngine.ts');
		// Sim has no dropdowns, so the shared dropdown helpers stay out.
		expect(files).not.toContain('nodes/shared/methods.ts');
	});

	describe('README', () => {
		it.each(PROVIDERS.map((provider) => [provider.key]))('%s: its own sections, its own mapping tables, no link into the repository', (key) => {
			const provider = findProvider(key);
			const readme = renderReadme(provider);
			const headings = [...readme.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
			expect(headings).toEqual(['Which package to choose', 'Installing in n8n', provider.title, 'Output formats', 'How the triggers behave', 'Licence']);
			expect(readme.startsWith(`# n8n-nodes-${key}-audit-log\n`)).toBe(true);
			expect(readme).toContain(`npm install n8n-nodes-${key}-audit-log`);
			// Mapping tables: this provider's only.
			const tables = [...readme.matchAll(/<!-- mapping:([\w-]+) -->/g)].map((match) => match[1]);
			expect(tables.length).toBeGreaterThan(0);
			expect(tables.filter((table) => table !== key && !table.startsWith(`${key}-`))).toEqual([]);
			// Every link is absolute or an anchor of this README.
			const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((match) => headingAnchor(match[1])));
			const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
			expect(links.filter((link) => !/^https?:\/\//.test(link) && !(link.startsWith('#') && anchors.has(link.slice(1))))).toEqual([]);
			// The provider's section is the combined README's, word for word apart from link targets.
			const withoutTargets = (text: string) => text.replace(/\]\([^)]*\)/g, ']()');
			expect(withoutTargets(markdownSection(readme, provider.title))).toBe(withoutTargets(markdownSection(repoReadme, provider.title)));
		});
	});

	it('finds code that touches the environment or the filesystem, and text that is not English', () => {
		const dir = mkdtempSync(join(tmpdir(), 'audit-logs-package-check-'));
		const file = (path: string, text: string) => {
			mkdirSync(dirname(join(dir, path)), { recursive: true });
			writeFileSync(join(dir, path), text);
		};
		try {
			file('README.md', '# Clean — English only, with typography → fine\n');
			file('package.json', '{"name":"n8n-nodes-x"}\n');
			file('dist/nodes/X/ok.js', 'const message = "Max number of results to return…";\n');
			expect(codeAndLanguageProblems(dir)).toEqual([]);

			file('dist/nodes/X/env.js', 'const token = process.env.TOKEN;\n');
			file('dist/nodes/X/fs.js', 'const fs = require("node:fs");\nconst here = __dirname;\n');
			file('dist/nodes/X/X.node.json', '{"subcategories":{"Données":[]}}\n');
			file('README.md', '# Журнал аудита\n');
			expect(codeAndLanguageProblems(dir)).toEqual([
				'dist/nodes/X/env.js uses process',
				'dist/nodes/X/fs.js uses a Node built-in for files or processes',
				'dist/nodes/X/fs.js uses __dirname/__filename',
				'dist/nodes/X/X.node.json has a non-English letter "é"',
				'README.md has a non-English letter "Ж"',
			]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it("runs n8n's scanner rules on a local folder, where an eslint-disable comment hides nothing", () => {
		const dir = mkdtempSync(join(tmpdir(), 'audit-logs-scan-'));
		const file = (path: string, text: string) => {
			mkdirSync(dirname(join(dir, path)), { recursive: true });
			writeFileSync(join(dir, path), text);
		};
		const scan = (source: string, tarball: string) =>
			JSON.parse(execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/scan-local.mjs'), join(dir, source), join(dir, tarball)], { encoding: 'utf8' })) as Record<
				'source' | 'tarball',
				{ passed: boolean; details?: string }
			>;
		try {
			file('source/nodes/X/api.ts', '// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals\nexport const token = process.env.TOKEN;\n');
			file('tarball/dist/nodes/X/api.js', '"use strict";\nexports.token = process.env.TOKEN;\n');
			file('clean/dist/nodes/X/api.js', '"use strict";\nexports.token = "";\n');
			const result = scan('source', 'tarball');
			expect([result.source.passed, result.tarball.passed]).toEqual([false, false]);
			expect(result.source.details).toContain("Use of restricted global 'process' is not allowed");
			expect(result.tarball.details).toContain("Use of restricted global 'process' is not allowed");
			expect(scan('clean', 'clean').tarball).toEqual({ passed: true });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('names the files a tarball lacks or holds without need', () => {
		const expected = ['README.md', 'dist/nodes/X/X.node.js', 'package.json'];
		expect(tarballProblems(expected, expected)).toEqual([]);
		expect(tarballProblems(['README.md', 'dist/nodes/X/X.node.js', 'dist/nodes/X/X.node.js.map', 'package.json', 'test/x.test.js'], expected)).toEqual([
			'tarball holds files it does not need: dist/nodes/X/X.node.js.map, test/x.test.js',
		]);
		expect(tarballProblems(['package.json'], expected)).toEqual(['tarball lacks: README.md, dist/nodes/X/X.node.js']);
	});
});
