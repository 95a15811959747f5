import type { IDataObject } from 'n8n-workflow';

import { toOcsfEvent } from './ocsf';
import { summarize } from './summary';
import type { AuditCategory } from './vocabulary';
import { AUDIT_ACTIONS } from './vocabulary';

export type { AuditCategory } from './vocabulary';

/**
 * The Normalized output: one shape for every provider's audit event, for workflows that mix
 * providers or feed a SIEM. The README documents it field by field; the tests check every
 * output against its zod contract (test/contracts/normalized.ts).
 */
export interface NormalizedAuditEvent extends IDataObject {
	/** The provider's ID, or the trigger engine's content hash where the API has none. */
	id: string;
	provider: string;
	/** ISO-8601 UTC with milliseconds. */
	time: string;
	/** Provider-neutral, e.g. `user.login`, `member.role_changed`, `workflow.deployed`. */
	action: string;
	category: AuditCategory;
	outcome: AuditOutcome;
	actor: AuditActor;
	targets: AuditTarget[];
	scope: AuditScope;
	change: AuditChange | null;
	/** One sentence an admin would write, built from the fields above. */
	summary: string;
	/** The provider's event, untouched; absent when Include Raw is off. */
	raw?: IDataObject;
}

export type AuditOutcome = 'success' | 'failure' | 'unknown';

/** `api_token`: an API token acted, not a person; `system`: the provider itself. */
export type ActorType = 'user' | 'api_token' | 'service' | 'system' | 'unknown';

export interface AuditActor extends IDataObject {
	id: string | null;
	email: string | null;
	name: string | null;
	type: ActorType;
	ip: string | null;
}

export interface AuditTarget extends IDataObject {
	/** `user`, `role`, `group`, `workspace`, `site`, `team`, `organization`, `setting`, `api_key`, or the provider's resource type. */
	type: string | null;
	id: string | null;
	name: string | null;
	email: string | null;
}

export interface ScopeRef extends IDataObject {
	id: string | null;
	name: string | null;
}

export interface AuditScope extends IDataObject {
	organization: ScopeRef | null;
	workspace: ScopeRef | null;
	team: ScopeRef | null;
	site: ScopeRef | null;
}

/** Values are strings (or null), whatever type the provider used, so a SIEM column has one type. */
export interface AuditChange extends IDataObject {
	field: string;
	from: string | null;
	to: string | null;
}

/** Which product and log an event comes from, and how its event types map to neutral actions. */
export interface AuditSource {
	provider: string;
	/** OCSF `metadata.product.vendor_name`, e.g. `Webflow`. */
	vendor: string;
	/** OCSF `metadata.product.name`. */
	product: string;
	/** OCSF `metadata.log_name`, e.g. `Workspace audit log`. */
	log: string;
	/**
	 * The provider's event type → the neutral action. An action in the shared vocabulary takes
	 * its category from there; any other is a `resource` action of the form `<type>.<verb>`.
	 * Event types missing here are `other` and keep their own name.
	 */
	eventTypes: Record<string, string>;
}

/** What a provider's normalizer reads out of one event; the shared code does the rest. */
export interface AuditRecord {
	id: string;
	/** ISO-8601 (any offset) or epoch milliseconds. */
	time: string | number;
	/** The key into `AuditSource.eventTypes`; also OCSF `metadata.event_code`. */
	eventType: string;
	outcome?: AuditOutcome;
	actor: { id?: unknown; email?: unknown; name?: unknown; ip?: unknown; type?: ActorType };
	targets?: AuditRecordTarget[];
	scope?: { [K in 'organization' | 'workspace' | 'team' | 'site']?: AuditRecordRef | null };
	change?: { field: string; from?: unknown; to?: unknown } | null;
}

/** Provider values as the API sent them (numbers, null, missing): the shared code makes them strings. */
export type AuditRecordTarget = { type?: unknown; id?: unknown; name?: unknown; email?: unknown };
export type AuditRecordRef = { id?: unknown; name?: unknown };

/** A provider's audit log: its source and how to read one of its events. */
export interface AuditLog<E> {
	source: AuditSource;
	record(event: E): AuditRecord;
}

export type OutputFormat = 'raw' | 'normalized' | 'ocsf';

export interface OutputSettings {
	format: OutputFormat;
	/** Whether Normalized and OCSF output keep the provider's event (`raw`, `raw_data`). */
	includeRaw: boolean;
}

/** The neutral action and category of an event type, per the provider's table. */
export function classify(source: AuditSource, eventType: string): { action: string; category: AuditCategory } {
	const action = Object.prototype.hasOwnProperty.call(source.eventTypes, eventType) ? source.eventTypes[eventType] : undefined;
	if (action === undefined) return { action: eventType || 'unknown', category: 'other' };
	return { action, category: AUDIT_ACTIONS[action]?.category ?? 'resource' };
}

export function normalizeEvent<E extends object>(log: AuditLog<E>, event: E, includeRaw = true): NormalizedAuditEvent {
	return normalizeRecord(log.source, log.record(event), includeRaw ? event : undefined);
}

function normalizeRecord(source: AuditSource, record: AuditRecord, raw: object | undefined): NormalizedAuditEvent {
	const { action, category } = classify(source, record.eventType);
	const normalized: NormalizedAuditEvent = {
		id: record.id,
		provider: source.provider,
		time: isoTime(record.time),
		action,
		category,
		outcome: record.outcome ?? 'success',
		actor: {
			id: text(record.actor.id),
			email: text(record.actor.email),
			name: text(record.actor.name),
			type: record.actor.type ?? 'unknown',
			ip: text(record.actor.ip),
		},
		targets: (record.targets ?? [])
			.map((target) => ({ type: text(target.type), id: text(target.id), name: text(target.name), email: text(target.email) }))
			.filter((target) => target.id !== null || target.name !== null || target.email !== null),
		scope: {
			organization: scopeRef(record.scope?.organization),
			workspace: scopeRef(record.scope?.workspace),
			team: scopeRef(record.scope?.team),
			site: scopeRef(record.scope?.site),
		},
		change: record.change ? { field: record.change.field, from: text(record.change.from), to: text(record.change.to) } : null,
		summary: '',
	};
	normalized.summary = summarize(normalized);
	if (raw !== undefined) normalized.raw = raw as IDataObject;
	return normalized;
}

/** Applies the Output Format to one event. */
export function formatEvent<E extends object>(event: E, log: AuditLog<E>, output: OutputSettings): IDataObject {
	if (output.format === 'raw') return event as IDataObject;
	const record = log.record(event);
	const raw = output.includeRaw ? event : undefined;
	const normalized = normalizeRecord(log.source, record, raw);
	if (output.format === 'normalized') return normalized;
	return toOcsfEvent(log.source, normalized, record.eventType, raw);
}

/** Scalars as strings, objects as JSON; empty values as null. */
export function text(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

function scopeRef(ref: AuditRecordRef | null | undefined): ScopeRef | null {
	if (!ref) return null;
	const id = text(ref.id);
	const name = text(ref.name);
	return id === null && name === null ? null : { id, name };
}

/** A time the API gave as ISO-8601 (any offset) or epoch ms, as ISO-8601 UTC with milliseconds. */
function isoTime(time: string | number): string {
	const ms = typeof time === 'number' ? time : Date.parse(time);
	// An unreadable time must not throw in the middle of a page; keep what the API sent.
	return Number.isFinite(ms) ? new Date(ms).toISOString() : String(time);
}
