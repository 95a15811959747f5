/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code reads its golden files */
/**
 * Golden files: for each provider's log, sample events from the wire (`<kind>.samples.json`,
 * every event type and subtype) sit beside the exact Normalized and OCSF output they must give
 * (`<kind>.expected.json`). Review a change to an expected file like a change to code;
 * `UPDATE_GOLDEN=1 npx jest test/golden` rewrites them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { AuditLog } from '../../nodes/shared/normalize';
import { formatEvent } from '../../nodes/shared/normalize';
import { makeAuditLog } from '../../nodes/Make/normalize';
import { simAuditLog } from '../../nodes/Sim/normalize';
import { siteActivityLog, workspaceAuditLog } from '../../nodes/Webflow/normalize';
import { workivaActivityLog } from '../../nodes/Workiva/normalize';
import { validateOcsfEvent } from '../contracts/ocsf';
import { normalizedAuditEventSchema } from '../contracts/normalized';

/** The site every Webflow site-activity sample is read for. */
export const GOLDEN_SITE_ID = '5f0c8c9e1c9d440000e8d8c4';

export const GOLDEN_LOGS: Record<string, AuditLog<never>> = {
	'sim/audit-log': simAuditLog,
	'webflow/workspace-audit-log': workspaceAuditLog,
	'webflow/site-activity-log': siteActivityLog(GOLDEN_SITE_ID),
	'make/audit-log': makeAuditLog,
	'workiva/activity': workivaActivityLog,
};

interface Sample {
	name: string;
	event: object;
}

interface Expected {
	name: string;
	normalized: object;
	ocsf: object;
}

export function readSamples(kind: string): Sample[] {
	return JSON.parse(readFileSync(join(__dirname, `${kind}.samples.json`), 'utf8')) as Sample[];
}

function outputsOf(kind: string, sample: Sample): Expected {
	const log = GOLDEN_LOGS[kind];
	const event = sample.event as never;
	return JSON.parse(
		JSON.stringify({
			name: sample.name,
			normalized: formatEvent(event, log, { format: 'normalized', includeRaw: false }),
			ocsf: formatEvent(event, log, { format: 'ocsf', includeRaw: false }),
		}),
	) as Expected;
}

describe.each(Object.keys(GOLDEN_LOGS))('%s', (kind) => {
	const samples = readSamples(kind);
	const expectedPath = join(__dirname, `${kind}.expected.json`);
	const actual = samples.map((sample) => outputsOf(kind, sample));
	if (process.env.UPDATE_GOLDEN) writeFileSync(expectedPath, `${JSON.stringify(actual, null, '\t')}\n`);
	const expected = existsSync(expectedPath) ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected[]) : [];

	it('has an expected output for every sample, and no other', () => {
		expect(expected.map((entry) => entry.name)).toEqual(samples.map((sample) => sample.name));
	});

	it.each(samples.map((sample, index) => [sample.name, index] as const))('%s', (_name, index) => {
		expect(actual[index]).toEqual(expected[index]);
		expect(normalizedAuditEventSchema.safeParse(actual[index].normalized).error?.issues ?? []).toEqual([]);
		expect(validateOcsfEvent(actual[index].ocsf)).toEqual([]);
	});
});
