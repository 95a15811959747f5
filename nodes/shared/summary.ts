import type { AuditChange, AuditTarget, NormalizedAuditEvent } from './normalize';
import { AUDIT_ACTIONS, objectOf, verbOf, words } from './vocabulary';

/** The words of a summary after the actor; each vocabulary action has one. */
export type Sentence = (w: Words) => string;

/**
 * The pieces a sentence is built from, read off the normalized event, so every provider's
 * summaries are worded alike: "alice@acme.com changed bob@acme.com's role in workspace
 * Marketing from Editor to Admin".
 */
export interface Words {
	failed: boolean;
	change: AuditChange | null;
	/** The first user target, e.g. `bob@acme.com`. */
	user(): string;
	/** Every user target, e.g. `a@x.com, b@x.com and c@x.com`. */
	users(): string;
	/** The first target that is not a user. */
	target(): string;
	/** The same, with its type: `OAuth client SIEM export`; `fallback` names a target without a type. */
	typedTarget(fallback: string): string;
	/** The group or team target with its kind (`team Ops`), else the scope. */
	group(): string;
	/** The most specific scope, e.g. `workspace Marketing`. */
	scope(): string;
	/** ` in workspace Marketing`, or nothing without a scope. */
	inScope(): string;
	/** ` as Admin` for a role the change sets. */
	asRole(): string;
	possessive(label: string): string;
	/** ` from Editor to Admin`. */
	fromTo(): string;
	/** `: field from A to B`, or nothing without a change. */
	changeTail(): string;
	field(): string;
	value(value: string | null | undefined): string;
	/** ` from 203.0.113.7` when the actor's IP is known. */
	from(): string;
}

export function summarize(event: NormalizedAuditEvent): string {
	const w = wordsOf(event);
	const known = AUDIT_ACTIONS[event.action];
	const outcome =
		event.outcome === 'failure' && event.action !== 'user.login' ? ' (failed)' : event.outcome === 'unknown' ? ' (outcome unknown)' : '';
	if (known) return `${actorLabel(event)} ${known.say(w)}${outcome}`;
	if (event.category === 'other') {
		const target = event.targets[0];
		return `${actorLabel(event)} performed ${event.action}${target ? ` on ${label(target)}` : ''}${w.inScope()}${outcome}`;
	}
	// A resource action: `workflow.deployed` → "deployed the workflow Lead Router in workspace X".
	const object = objectOf(event.action);
	const resource = event.targets[0];
	// Without a target of its own, an action on the scope names it: "published the site my-site".
	const scopeAsResource = !resource && isScopeKind(object) ? event.scope[object] : null;
	const name = resource ? ` ${label(resource)}` : scopeAsResource ? ` ${scopeAsResource.name ?? scopeAsResource.id}` : '';
	return `${actorLabel(event)} ${words(verbOf(event.action))} the ${words(object)}${name}${scopeAsResource ? '' : w.inScope()}${w.changeTail()}${outcome}`;
}

const SCOPE_KINDS = ['site', 'team', 'workspace', 'organization'] as const;

function isScopeKind(kind: string): kind is (typeof SCOPE_KINDS)[number] {
	return (SCOPE_KINDS as readonly string[]).includes(kind);
}

function wordsOf(event: NormalizedAuditEvent): Words {
	const users = event.targets.filter((target) => target.type === 'user');
	const others = event.targets.filter((target) => target.type !== 'user');
	const { change } = event;
	const scope = scopeLabel(event);
	const typed = (target: AuditTarget | undefined, fallback: string) =>
		target ? `${target.type && target.type !== 'user' ? `${words(target.type)} ` : fallback}${label(target)}` : `${fallback}unknown`;
	const fromTo = () => {
		if (!change) return '';
		if (change.from !== null && change.to !== null) return ` from ${change.from} to ${change.to}`;
		if (change.to !== null) return ` to ${change.to}`;
		return change.from !== null ? ` from ${change.from}` : '';
	};
	return {
		failed: event.outcome === 'failure',
		change,
		user: () => (users[0] ? label(users[0]) : event.targets[0] ? label(event.targets[0]) : 'a user'),
		users: () => listOf((users.length ? users : event.targets).map(label)) || 'a user',
		target: () => (others[0] ? label(others[0]) : event.targets[0] ? label(event.targets[0]) : 'unknown'),
		typedTarget: (fallback) => typed(others[0] ?? event.targets[0], `${fallback} `),
		group: () => {
			const group = event.targets.find((target) => target.type === 'group' || target.type === 'team');
			return group ? `${group.type} ${label(group)}` : scope ?? 'group unknown';
		},
		scope: () => scope ?? 'the organization',
		inScope: () => (scope ? ` in ${scope}` : ''),
		asRole: () => (change?.field === 'role' && change.to !== null ? ` as ${change.to}` : ''),
		possessive: (text) => `${text}'s`,
		fromTo,
		changeTail: () => (change ? `: ${change.field}${fromTo()}` : ''),
		field: () => (change ? change.field : 'settings'),
		value: (value) => value ?? 'unknown',
		from: () => (event.actor.ip ? ` from ${event.actor.ip}` : ''),
	};
}

function actorLabel({ actor }: NormalizedAuditEvent): string {
	if (actor.type === 'api_token') return actor.id ? `API token ${actor.id}` : 'An API token';
	const name = actor.email ?? actor.name;
	if (name) return name;
	// Only an ID (e.g. an anonymized Make user): say what it is.
	if (actor.id) return actor.type === 'user' ? `User ${actor.id}` : actor.id;
	return actor.type === 'system' ? 'System' : 'Someone';
}

function label(target: AuditTarget): string {
	const name = target.email ?? target.name;
	if (name) return name;
	return target.type === 'user' && target.id ? `user ${target.id}` : target.id ?? 'unknown';
}

/**
 * The most specific scope: a site, else a team, a workspace, an organization; a scope that is
 * the target itself ("created the workspace X") gives way to the one above it.
 */
function scopeLabel({ scope, targets, category }: NormalizedAuditEvent): string | null {
	for (const kind of SCOPE_KINDS) {
		const ref = scope[kind];
		if (!ref) continue;
		// A setting changes *in* its workspace, even when the workspace is the target.
		const isTarget = category !== 'settings' && targets.some((target) => target.type === kind && (target.id === ref.id || (target.id === null && target.name === ref.name)));
		if (!isTarget) return `${kind} ${ref.name ?? ref.id}`;
	}
	return null;
}

function listOf(items: string[]): string {
	return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
