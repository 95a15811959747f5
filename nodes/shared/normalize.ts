import type { IDataObject } from 'n8n-workflow';

/**
 * One shape for every provider's audit event, for workflows that mix providers or feed
 * a SIEM. `raw` keeps the provider's event untouched.
 */
export interface NormalizedAuditEvent extends IDataObject {
	provider: string;
	/** The provider's ID, or a stable content hash where the API has none. */
	id: string;
	occurredAt: string;
	action: string;
	actor: { id: string | null; name: string | null; email: string | null };
	target: { type: string | null; id: string | null; name: string | null };
	/** Workspace, site, team or organization the event belongs to. */
	scope: { type: string; id: string | null; name: string | null } | null;
	summary: string | null;
	raw: IDataObject;
}

export type OutputFormat = 'raw' | 'normalized';

export function formatEvent<E extends object>(
	event: E,
	format: OutputFormat,
	normalize: (event: E) => NormalizedAuditEvent,
): IDataObject {
	return format === 'normalized' ? normalize(event) : (event as IDataObject);
}
