/* eslint-disable @n8n/community-nodes/no-restricted-imports -- reads the files n8n wrote */
/**
 * What the manual examples must produce, checked against the sandbox's data: the same checks for a
 * run through `n8n execute` (test/e2e, the combined and the single-provider packages) and for one
 * on a queue-mode worker (test/queue).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as host from '../../host';
import type { BinaryData, Run } from '../../host';
import { canonicalJson } from '../../nodes/shared/hash';
import type { Sandbox } from '../sandbox';

const canonical = canonicalJson;

const DAY = 24 * 60 * 60 * 1000;

/** Reads binary files where n8n's filesystem mode keeps them: under the user folder's .n8n/storage/. */
export function storedBinaryReader(userFolder: string): (binary: BinaryData) => Promise<string> {
	return async (binary) => {
		const file = join(userFolder, '.n8n', 'storage', String(binary.id).replace(/^filesystem-v2:/, ''));
		expect(existsSync(file)).toBe(true);
		return readFileSync(file, 'utf8');
	};
}

export interface ManualCheckContext {
	sandbox: Sandbox;
	/** The content of a binary file the run wrote, wherever this n8n keeps binary data. */
	readBinary(binary: BinaryData): Promise<string>;
}

/** Start of the UTC day `days` before the one `iso` falls on. */
function utcDayStart(iso: string, daysBefore: number): number {
	const day = new Date(iso);
	day.setUTCHours(0, 0, 0, 0);
	return day.getTime() - daysBefore * DAY;
}

/** The lines of the CSV file a Convert to File node wrote. */
async function csvRows(run: Run, readBinary: ManualCheckContext['readBinary'], node: string, fileName: string): Promise<string[]> {
	const [file] = run.data.resultData.runData[node][0].data!.main![0];
	const csv = file.binary!.data;
	expect(csv).toMatchObject({ mimeType: 'text/csv', fileName });
	return (await readBinary(csv)).replace(/^\uFEFF/, '').trim().split('\n');
}

/** Checks per manual example; a new example without checks fails the suite on purpose. */
export const MANUAL_CHECKS: Record<string, (run: Run, context: ManualCheckContext) => Promise<void>> = {
	'sim-daily-csv-report.json': async (run, { sandbox, readBinary }) => {
		const outputs = host.nodeOutputs(run);
		// "Yesterday" in UTC (host/lib/n8n.js sets GENERIC_TIMEZONE) when the run started.
		const [from, to] = [utcDayStart(run.startedAt, 1), utcDayStart(run.startedAt, 0)];
		const expected = sandbox.emulators
			.sim!.visibleEvents({ includeDeparted: true })
			.filter((e) => Date.parse(e.createdAt) >= from && Date.parse(e.createdAt) < to);
		expect(expected.length).toBeGreaterThan(0);

		expect(outputs["Yesterday's audit events"].map((e) => e.id)).toEqual(expected.map((e) => e.id));
		expect(outputs['Report columns']).toEqual(
			expected.map((e) => ({
				time: e.createdAt,
				action: e.action,
				actor: e.actorEmail ?? e.actorName ?? 'system',
				resourceType: e.resourceType,
				resource: e.resourceName ?? e.resourceId ?? '',
				description: e.description ?? '',
				workspaceId: e.workspaceId ?? '',
				id: e.id,
			})),
		);
		const lines = await csvRows(run, readBinary, 'CSV file', `sim-audit-${new Date(from).toISOString().slice(0, 10)}.csv`);
		expect(lines[0]).toBe('time,action,actor,resourceType,resource,description,workspaceId,id');
		expect(lines.slice(1).map((line) => line.split(',').at(-1))).toEqual(expected.map((e) => e.id));
	},

	'webflow-weekly-access-review.json': async (run, { sandbox, readBinary }) => {
		const outputs = host.nodeOutputs(run);
		const [from, to] = [utcDayStart(run.startedAt, 7), utcDayStart(run.startedAt, 0)];
		const inWeek = sandbox.emulators.webflow!.workspaceEvents({
			sortOrder: 'asc',
			from: new Date(from).toISOString(),
			to: new Date(to - 1).toISOString(),
		});
		const expected = inWeek.filter((e) => e.eventType !== 'user_access');
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(inWeek.length);

		expect(outputs['Last 7 days of audit events'].map(canonical)).toEqual(inWeek.map(canonical));
		expect(outputs['Access changes only'].map(canonical)).toEqual(expected.map(canonical));
		expect(outputs['Review columns']).toEqual(
			expected.map((e) => {
				const payload = (e.payload ?? {}) as {
					targetUser?: { email?: string };
					targetUsers?: Array<{ email?: string }>;
					roleName?: string;
					previousRoleName?: string;
					site?: { slug?: string };
					method?: string;
				};
				return {
					time: e.timestamp,
					event: `${e.eventType}.${e.eventSubType}`,
					actor: e.actor?.email ?? '',
					targetUser: payload.targetUser?.email ?? (payload.targetUsers ?? []).map((user) => user.email).join(' '),
					role: payload.roleName ?? '',
					previousRole: payload.previousRoleName ?? '',
					site: payload.site?.slug ?? '',
					method: payload.method ?? '',
				};
			}),
		);
		const lines = await csvRows(run, readBinary, 'CSV file', `webflow-access-review-${new Date(from).toISOString().slice(0, 10)}.csv`);
		expect(lines[0]).toBe('time,event,actor,targetUser,role,previousRole,site,method');
		expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(expected.map((e) => e.timestamp));
	},
};
