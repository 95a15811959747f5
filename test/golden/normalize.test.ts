/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code reads its golden files */
/**
 * Golden files: for each provider, sample events from the wire (`<provider>/*.json`) sit
 * beside the normalized output they must give (`*.expected.json`). Review a change to an
 * expected file like a change to code; `UPDATE_GOLDEN=1 npx jest test/golden` rewrites them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { NormalizedAuditEvent } from '../../nodes/shared/normalize';
import { normalizeSimEntry } from '../../nodes/Sim/normalize';
import type { AuditLogEntry } from '../../nodes/Sim/api';
import { normalizeSiteItem, normalizeWorkspaceItem } from '../../nodes/Webflow/normalize';
import type { WebflowSiteActivityLogItem, WebflowWorkspaceAuditLogItem } from '../../nodes/Webflow/api';

const normalizers: Record<string, (event: never) => NormalizedAuditEvent> = {
	'sim/audit-log': (entry: AuditLogEntry) => normalizeSimEntry(entry),
	'webflow/workspace-audit-log': (item: WebflowWorkspaceAuditLogItem) => normalizeWorkspaceItem(item),
	'webflow/site-activity-log': (item: WebflowSiteActivityLogItem) => normalizeSiteItem('5f0c8c9e1c9d440000e8d8c4')(item),
};

const cases = Object.keys(normalizers).flatMap((kind) => {
	const [provider, prefix] = kind.split('/');
	const dir = join(__dirname, provider);
	return readdirSync(dir)
		.filter((file) => file.startsWith(`${prefix}.`) && file.endsWith('.json') && !file.endsWith('.expected.json'))
		.map((file) => ({ kind, dir, file }));
});

it('has samples for every normalizer', () => {
	expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(Object.keys(normalizers)));
});

it.each(cases)('$kind: $file normalizes to its expected file', ({ kind, dir, file }) => {
	const sample = JSON.parse(readFileSync(join(dir, file), 'utf8')) as never;
	const expectedPath = join(dir, file.replace(/\.json$/, '.expected.json'));
	const actual = JSON.parse(JSON.stringify(normalizers[kind](sample))) as unknown;
	if (process.env.UPDATE_GOLDEN) writeFileSync(expectedPath, `${JSON.stringify(actual, null, '\t')}\n`);
	expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
});
