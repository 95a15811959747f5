/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/** The exact checks of the manual examples, shared by the combined and the single-provider e2e. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as host from '../../host';
import type { Run } from '../../host';
import { canonicalJson as canonical } from '../../nodes/shared/hash';
import type { Sandbox } from '../sandbox';

const MINUTE = 60_000;

/** Start of the UTC day `days` before the one `iso` falls on. */
function utcDayStart(iso: string, daysBefore: number): number {
	const day = new Date(iso);
	day.setUTCHours(0, 0, 0, 0);
	return day.getTime() - daysBefore * 24 * 60 * MINUTE;
}

/** The CSV file a Convert to File node wrote: n8n's filesystem mode keeps it under .n8n/storage/. */
function csvRows(userFolder: string, run: Run, node: string, fileName: string): string[] {
	const [file] = run.data.resultData.runData[node][0].data!.main![0];
	const csv = file.binary!.data;
	expect(csv).toMatchObject({ mimeType: 'text/csv', fileName });
	const csvPath = join(userFolder, '.n8n', 'storage', String(csv.id).replace(/^filesystem-v2:/, ''));
	expect(existsSync(csvPath)).toBe(true);
	return readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
}

/**
 * The exact checks of each manual example (examples/*.json that start with a Manual Trigger),
 * keyed by file. `context` gives the sandbox the run read and the n8n user folder it wrote to.
 */
export function manualChecks(context: () => { sandbox: Sandbox; userFolder: string }): Record<string, (run: Run) => void> {
	return {
		'sim-daily-csv-report.json': (run) => {
			const { sandbox, userFolder } = context();
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
			const lines = csvRows(userFolder, run, 'CSV file', `sim-audit-${new Date(from).toISOString().slice(0, 10)}.csv`);
			expect(lines[0]).toBe('time,action,actor,resourceType,resource,description,workspaceId,id');
			expect(lines.slice(1).map((line) => line.split(',').at(-1))).toEqual(expected.map((e) => e.id));
		},

		'webflow-weekly-access-review.json': (run) => {
			const { sandbox, userFolder } = context();
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
			const lines = csvRows(userFolder, run, 'CSV file', `webflow-access-review-${new Date(from).toISOString().slice(0, 10)}.csv`);
			expect(lines[0]).toBe('time,event,actor,targetUser,role,previousRole,site,method');
			expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(expected.map((e) => e.timestamp));
		},
	};
}
