import type { IDataObject } from 'n8n-workflow';

import type { NormalizedAuditEvent } from '../shared/normalize';
import type { WorkivaActivity } from './api';
import { activityIdentity } from './api';

const str = (value: unknown) => (value === undefined || value === null || value === '' ? null : String(value));

export function normalizeActivity(activity: WorkivaActivity): NormalizedAuditEvent {
	const [target] = activity.targets ?? [];
	return {
		provider: 'workiva',
		id: activityIdentity(activity),
		occurredAt: new Date(Date.parse(activity.activityDateTime)).toISOString(),
		action: String(activity.action?.alias ?? activity.action?.id),
		actor: {
			id: str(activity.performer?.id),
			name: str(activity.performer?.displayName),
			email: str(activity.performer?.uniqueName),
		},
		target: { type: str(target?.type), id: str(target?.id), name: str(target?.displayName ?? target?.uniqueName) },
		scope: activity.workspace
			? { type: 'workspace', id: str(activity.workspace.id), name: str(activity.workspace.name) }
			: { type: 'organization', id: str(activity.organization?.id), name: str(activity.organization?.name) },
		summary: str(activity.summary),
		raw: activity as unknown as IDataObject,
	};
}
