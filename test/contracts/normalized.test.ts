import type { NormalizedAuditEventContract } from './normalized';
import { normalizedAuditEventSchema } from './normalized';

const VALID: NormalizedAuditEventContract = {
	id: 'evt-1',
	provider: 'webflow',
	time: '2024-05-01T10:00:00.000Z',
	action: 'member.role_changed',
	category: 'role',
	outcome: 'success',
	actor: { id: 'u-0', email: 'admin@example.com', name: 'Admin', type: 'user', ip: '203.0.113.7' },
	targets: [{ type: 'user', id: 'u-1', name: 'Alice', email: 'alice@example.com' }],
	scope: { organization: null, workspace: { id: 'ws-1', name: 'Marketing' }, team: null, site: { id: null, name: 'Blog' } },
	change: { field: 'role', from: 'editor', to: 'admin' },
	summary: "Admin changed Alice's role in workspace Marketing from editor to admin",
	raw: { event_type: 'workspace_membership_updated', payload: { nested: [1, 2] } },
};

/** A copy of an object without one key. */
function without<T extends object>(value: T, key: keyof T): Partial<T> {
	const copy = { ...value };
	delete copy[key];
	return copy;
}

/** The zod issues of a value as "path: message", so a failing case says what broke. */
function issues(value: unknown): string[] {
	const result = normalizedAuditEventSchema.safeParse(value);
	return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('normalizedAuditEventSchema', () => {
	it('accepts a valid item', () => {
		expect(issues(VALID)).toEqual([]);
	});

	it('accepts an item without raw (Include Raw off) and one with no change, targets or scope', () => {
		const withoutRaw = without(VALID, 'raw');
		expect('raw' in withoutRaw).toBe(false);
		expect(issues(withoutRaw)).toEqual([]);
		const bare = { ...withoutRaw, change: null, targets: [], scope: { organization: null, workspace: null, team: null, site: null } };
		expect(issues(bare)).toEqual([]);
	});

	it('refuses an extra key, at the top level and nested', () => {
		expect(issues({ ...VALID, ocsf: {} })).toEqual([": Unrecognized key(s) in object: 'ocsf'"]);
		expect(issues({ ...VALID, actor: { ...VALID.actor, role: 'owner' } })).toEqual(["actor: Unrecognized key(s) in object: 'role'"]);
	});

	it('refuses a category, provider or actor type outside the vocabulary', () => {
		expect(issues({ ...VALID, category: 'members' })).toEqual([
			"category: Invalid enum value. Expected 'authentication' | 'membership' | 'role' | 'invitation' | 'settings' | 'resource' | 'api_key' | 'other', received 'members'",
		]);
		expect(issues({ ...VALID, provider: 'github' })).toHaveLength(1);
		expect(issues({ ...VALID, actor: { ...VALID.actor, type: 'bot' } })).toHaveLength(1);
	});

	it('refuses a time without milliseconds, or not in UTC', () => {
		expect(issues({ ...VALID, time: '2024-05-01T10:00:00Z' })).toEqual(['time: expected ISO-8601 UTC with milliseconds']);
		expect(issues({ ...VALID, time: '2024-05-01T10:00:00.000+02:00' })).toEqual(['time: expected ISO-8601 UTC with milliseconds']);
	});

	it('refuses empty id, action and summary, a missing nullable field, and a non-object raw', () => {
		expect(issues({ ...VALID, id: '', action: '', summary: '' }).map((issue) => issue.split(':')[0])).toEqual(['id', 'action', 'summary']);
		expect(issues({ ...VALID, actor: without(VALID.actor, 'email') })).toEqual(['actor.email: Required']);
		expect(issues({ ...VALID, raw: 'text' })).toEqual(['raw: Expected object, received string']);
	});
});
