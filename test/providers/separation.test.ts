/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test code that writes a crafted source tree */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { REPO_ROOT } from '../../scripts/providers';
import { relativeImports, separationViolations } from '../../scripts/separation';

describe('separable by construction (scripts/separation.ts, run by npm run build)', () => {
	let root: string;
	const file = (path: string, text: string) => {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	};

	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'audit-logs-separation-'));
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	it('finds every kind of relative import, and no package import', () => {
		const source = [
			"import { a } from '../shared/a';",
			"import type { B } from './b';",
			"export { c } from '../../shared/c';",
			"export * from './d';",
			"import './e';",
			"const f = require('./f');",
			"const g = import('../g');",
			"import { NodeOperationError } from 'n8n-workflow';",
			"import { join } from 'node:path';",
		].join('\n');
		expect(relativeImports(source)).toEqual(['../shared/a', './b', '../../shared/c', './d', './e', './f', '../g']);
	});

	it('accepts the repository as it is', () => {
		expect(separationViolations(REPO_ROOT)).toEqual([]);
	});

	it('reports a provider that imports another provider, shared code that imports a provider, and a credential that imports another provider', () => {
		file('nodes/shared/engine.ts', "import { parse } from '../Alpha/api';\nexport const engine = parse;\n");
		file('nodes/shared/util.ts', 'export const util = 1;\n');
		file('nodes/Alpha/api.ts', "import { util } from '../shared/util';\nexport const parse = util;\n");
		file('nodes/Alpha/Alpha.node.ts', "import { parse } from './api';\nimport { engine } from '../shared/engine';\nexport { parse, engine };\n");
		file('nodes/Beta/actions/list.ts', "import type { X } from '../../Alpha/api';\nexport type Y = X;\n");
		file('nodes/Beta/Beta.node.ts', "export * from './actions/list';\n");
		file('credentials/AlphaApi.credentials.ts', "import { util } from '../nodes/shared/util';\nexport const a = util;\n");
		file('credentials/BetaApi.credentials.ts', "import { parse } from '../nodes/Alpha/api';\nexport const b = parse;\n");

		expect(separationViolations(root, { AlphaApi: 'Alpha', BetaApi: 'Beta' })).toEqual([
			'credentials/BetaApi.credentials.ts imports "../nodes/Alpha/api" (nodes/Alpha/api.ts): Beta must not import Alpha',
			'nodes/Beta/actions/list.ts imports "../../Alpha/api" (nodes/Alpha/api.ts): Beta must not import Alpha',
			'nodes/shared/engine.ts imports "../Alpha/api" (nodes/Alpha/api.ts): nodes/shared must not import a provider',
		]);
	});

	it('accepts the same tree once the crossings are gone', () => {
		file('nodes/shared/util.ts', 'export const util = 1;\n');
		file('nodes/Alpha/api.ts', "import { util } from '../shared/util';\nexport const parse = util;\n");
		file('nodes/Beta/actions/list.ts', "import { util } from '../../shared/util';\nexport const list = util;\n");
		file('credentials/BetaApi.credentials.ts', "import { list } from '../nodes/Beta/actions/list';\nexport const b = list;\n");
		expect(separationViolations(root, { AlphaApi: 'Alpha', BetaApi: 'Beta' })).toEqual([]);
	});

	it('fails the build step (exit 1, the violation named) on a crafted crossing between two real providers', () => {
		file('nodes/Sim/api.ts', 'export const simApi = 1;\n');
		file('nodes/Make/api.ts', "import { simApi } from '../Sim/api';\nexport const makeApi = simApi;\n");
		const run = (dir: string) =>
			spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', join(REPO_ROOT, 'scripts/separation.ts'), dir], {
				cwd: REPO_ROOT,
				encoding: 'utf8',
			});
		const failing = run(root);
		expect([failing.status, failing.stderr]).toEqual([
			1,
			'Provider code is not separable:\n  nodes/Make/api.ts imports "../Sim/api" (nodes/Sim/api.ts): Make must not import Sim\n',
		]);
		const passing = run(REPO_ROOT);
		expect([passing.status, passing.stdout]).toEqual([0, 'Provider code is separable: no provider imports another, nodes/shared imports none.\n']);
	});
});
