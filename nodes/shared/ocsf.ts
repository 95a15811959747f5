import type { IDataObject } from 'n8n-workflow';

import type { AuditActor, AuditSource, AuditTarget, NormalizedAuditEvent, ScopeRef } from './normalize';
import type { OcsfClassUid } from './vocabulary';
import { OCSF_CLASS, ocsfMappingOf } from './vocabulary';

/**
 * OCSF output: each event as an event of the OCSF class its action maps to (vocabulary.ts),
 * with every required attribute of the class and the recommended ones the provider's data can
 * fill. The README has the tables; the tests validate every output against the schema's own
 * definitions (test/contracts/ocsf).
 */
export const OCSF_VERSION = '1.8.0';

interface ClassInfo {
	name: string;
	categoryUid: number;
	categoryName: string;
	activities: Record<number, string>;
}

/** Captions from OCSF 1.8.0, for the `*_name` siblings of the ids. */
const CLASSES: Record<OcsfClassUid, ClassInfo> = {
	0: { name: 'Base Event', categoryUid: 0, categoryName: 'Uncategorized', activities: { 0: 'Unknown', 99: 'Other' } },
	3001: {
		name: 'Account Change',
		categoryUid: 3,
		categoryName: 'Identity & Access Management',
		activities: { 1: 'Create', 2: 'Enable', 3: 'Password Change', 4: 'Password Reset', 5: 'Disable', 6: 'Delete', 99: 'Other' },
	},
	3002: {
		name: 'Authentication',
		categoryUid: 3,
		categoryName: 'Identity & Access Management',
		activities: { 1: 'Logon', 2: 'Logoff', 99: 'Other' },
	},
	3004: {
		name: 'Entity Management',
		categoryUid: 3,
		categoryName: 'Identity & Access Management',
		activities: {
			1: 'Create',
			2: 'Read',
			3: 'Update',
			4: 'Delete',
			5: 'Move',
			6: 'Enroll',
			7: 'Unenroll',
			8: 'Enable',
			9: 'Disable',
			10: 'Activate',
			11: 'Deactivate',
			12: 'Suspend',
			13: 'Resume',
			99: 'Other',
		},
	},
	3005: {
		name: 'User Access Management',
		categoryUid: 3,
		categoryName: 'Identity & Access Management',
		activities: { 1: 'Assign Privileges', 2: 'Revoke Privileges', 99: 'Other' },
	},
	3006: {
		name: 'Group Management',
		categoryUid: 3,
		categoryName: 'Identity & Access Management',
		activities: {
			1: 'Assign Privileges',
			2: 'Revoke Privileges',
			3: 'Add User',
			4: 'Remove User',
			5: 'Delete',
			6: 'Create',
			7: 'Add Subgroup',
			8: 'Remove Subgroup',
			99: 'Other',
		},
	},
};

const STATUS = { success: [1, 'Success'], failure: [2, 'Failure'], unknown: [0, 'Unknown'] } as const;

/** `eventType` is the provider's own (OCSF `metadata.event_code`); `raw` becomes `raw_data`. */
export function toOcsfEvent(source: AuditSource, event: NormalizedAuditEvent, eventType: string, raw?: object): IDataObject {
	const mapping = ocsfMappingOf(event.action, event.category);
	const info = CLASSES[mapping.classUid];
	const activityName = mapping.activityId === 99 ? mapping.activityName ?? 'Other' : info.activities[mapping.activityId];
	const [statusId, status] = STATUS[event.outcome];
	const ocsf: IDataObject = {
		class_uid: mapping.classUid,
		class_name: info.name,
		category_uid: info.categoryUid,
		category_name: info.categoryName,
		activity_id: mapping.activityId,
		activity_name: activityName,
		type_uid: mapping.classUid * 100 + mapping.activityId,
		type_name: `${info.name}: ${activityName}`,
		time: Date.parse(event.time),
		timezone_offset: 0,
		severity_id: 1,
		severity: 'Informational',
		status_id: statusId,
		status,
		message: event.summary,
		metadata: compact({
			version: OCSF_VERSION,
			product: { vendor_name: source.vendor, name: source.product },
			uid: event.id,
			event_code: eventType || undefined,
			log_name: source.log,
			original_time: event.time,
			tenant_uid: event.scope.organization?.id ?? event.scope.workspace?.id ?? undefined,
		}),
		...classAttributes(mapping.classUid, source, event),
		unmapped: {
			provider: event.provider,
			action: event.action,
			category: event.category,
			scope: event.scope,
			change: event.change,
			...(mapping.classUid === OCSF_CLASS.baseEvent && { actor: event.actor, targets: event.targets }),
		},
	};
	if (raw !== undefined) ocsf.raw_data = JSON.stringify(raw);
	return ocsf;
}

/** The attributes that differ by class: who acted, on whom or what, and from where. */
function classAttributes(classUid: OcsfClassUid, source: AuditSource, event: NormalizedAuditEvent): IDataObject {
	if (classUid === OCSF_CLASS.baseEvent) return {}; // Base Event has no actor or endpoints; see unmapped
	const common: IDataObject = { actor: ocsfActor(event.actor, source) };
	const srcEndpoint = event.actor.ip && isIp(event.actor.ip) ? { ip: event.actor.ip } : undefined;
	if (srcEndpoint) common.src_endpoint = srcEndpoint;
	const userTarget = event.targets.find((target) => target.type === 'user');
	const subject = userTarget ? targetUser(userTarget) : actorUser(event.actor);
	const change = event.change;

	switch (classUid) {
		case OCSF_CLASS.authentication:
			// The actor logs in: they are the user; the service is the product they logged in to.
			return { ...common, user: actorUser(event.actor) ?? UNKNOWN_USER, service: { name: source.product } };
		case OCSF_CLASS.accountChange:
			return { ...common, user: subject ?? UNKNOWN_USER };
		case OCSF_CLASS.userAccessManagement: {
			const role = event.targets.find((target) => target.type === 'role');
			const privilege = event.action === 'role.revoked' ? change?.from : change?.to;
			const resource = scopeResource(event);
			return {
				...common,
				user: subject ?? UNKNOWN_USER,
				privileges: [privilege ?? role?.name ?? change?.to ?? change?.from].filter((p): p is string => !!p),
				...(resource && { resources: [resource] }),
			};
		}
		case OCSF_CLASS.groupManagement: {
			const group = event.targets.find((target) => target.type === 'group' || target.type === 'team');
			const role = change?.field === 'role' ? change.to : null;
			return {
				...common,
				group: group ? ocsfGroup(group.id, group.name, group.type) : scopeGroup(event) ?? { name: source.product },
				...(userTarget && { user: targetUser(userTarget) }),
				...(role && { privileges: [role] }),
			};
		}
		case OCSF_CLASS.entityManagement:
		default:
			return { ...common, entity: ocsfEntity(event) };
	}
}

const UNKNOWN_USER = { name: 'Unknown', type_id: 0, type: 'Unknown' };

const USER_TYPE: Record<AuditActor['type'], [number, string]> = {
	user: [1, 'User'],
	service: [4, 'Service'],
	system: [3, 'System'],
	api_token: [99, 'API Token'],
	unknown: [0, 'Unknown'],
};

function actorUser(actor: AuditActor): IDataObject | undefined {
	if (actor.id === null && actor.email === null && actor.name === null) return undefined;
	const [typeId, type] = USER_TYPE[actor.type];
	return compact({ uid: actor.id, name: actor.name ?? actor.email ?? actor.id, email_addr: emailOrNull(actor.email), type_id: typeId, type });
}

function targetUser(target: AuditTarget): IDataObject {
	return compact({ uid: target.id, name: target.name ?? target.email ?? target.id, email_addr: emailOrNull(target.email), type_id: 1, type: 'User' });
}

/** An actor needs a user, or the application itself for system events. */
function ocsfActor(actor: AuditActor, source: AuditSource): IDataObject {
	const user = actorUser(actor);
	return user ? { user } : { app_name: source.product };
}

/** The most specific scope as a group (Group Management): a site, a team, a workspace, an organization. */
function scopeGroup(event: NormalizedAuditEvent): IDataObject | undefined {
	const scope = mostSpecificScope(event);
	return scope && ocsfGroup(scope.ref.id, scope.ref.name, scope.kind);
}

function scopeResource(event: NormalizedAuditEvent): IDataObject | undefined {
	const scope = mostSpecificScope(event);
	return scope && compact({ uid: scope.ref.id, name: scope.ref.name, type: capitalize(scope.kind) });
}

function mostSpecificScope({ scope }: NormalizedAuditEvent): { kind: string; ref: ScopeRef } | undefined {
	for (const kind of ['site', 'team', 'workspace', 'organization'] as const) {
		const ref = scope[kind];
		if (ref) return { kind, ref };
	}
	return undefined;
}

function ocsfGroup(uid: string | null, name: string | null, type: string | null): IDataObject {
	return compact({ uid, name: name ?? uid, type: type ? capitalize(type) : null });
}

/** What Entity Management changed: the first non-user target, a setting, or the scope. */
function ocsfEntity(event: NormalizedAuditEvent): IDataObject {
	if (event.category === 'settings' && event.change) {
		const where = mostSpecificScope(event);
		return compact({ name: event.change.field, type: 'Setting', uid: where ? `${where.kind}:${where.ref.id ?? where.ref.name}` : null });
	}
	const target = event.targets.find((candidate) => candidate.type !== 'user') ?? event.targets[0];
	if (target && (target.id !== null || target.name !== null)) {
		return compact({ uid: target.id, name: target.name ?? target.email, type: target.type ? capitalize(target.type) : null });
	}
	const scope = mostSpecificScope(event);
	if (scope) return compact({ uid: scope.ref.id, name: scope.ref.name, type: capitalize(scope.kind) });
	return { name: event.action };
}

/** `api_key` → `Api Key`; OCSF `type` strings are captions. */
function capitalize(identifier: string): string {
	return identifier
		.split('_')
		.map((word) => (word ? word[0].toUpperCase() + word.slice(1) : word))
		.join(' ');
}

function compact(object: Record<string, unknown>): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined)) as IDataObject;
}

/** OCSF's email_t pattern. */
const EMAIL = /^[a-zA-Z0-9!#$%&'*+\-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/;

function emailOrNull(email: string | null): string | null {
	return email && EMAIL.test(email) ? email : null;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 or IPv6 address (OCSF ip_t); anything else stays out of `src_endpoint`. */
export function isIp(value: string): boolean {
	if (IPV4.test(value)) return true;
	if (!value.includes(':')) return false;
	const halves = value.split('::');
	if (halves.length > 2) return false;
	const groups = halves.flatMap((half) => (half ? half.split(':') : []));
	const last = groups[groups.length - 1];
	const embeddedV4 = last !== undefined && IPV4.test(last);
	const hexGroups = embeddedV4 ? groups.slice(0, -1) : groups;
	if (!hexGroups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
	const size = hexGroups.length + (embeddedV4 ? 2 : 0);
	return halves.length === 2 ? size < 8 : size === 8;
}
