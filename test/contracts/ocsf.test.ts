import reference from './ocsf/ocsf-classes.json';
import { missingRecommended, OCSF_SCHEMA_VERSION, validateOcsfEvent } from './ocsf';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- events are mutated freely below

const IAM = 'Identity & Access Management';
const T = 1714557600000; // 2024-05-01T10:00:00.000Z

/** The attributes every class requires, with their captions, written out by hand. */
function header(classUid: number, className: string, categoryUid: number, categoryName: string, activityId: number, activity: string): Json {
	return {
		class_uid: classUid,
		class_name: className,
		category_uid: categoryUid,
		category_name: categoryName,
		activity_id: activityId,
		activity_name: activity,
		type_uid: classUid * 100 + activityId,
		type_name: `${className}: ${activity}`,
		severity_id: 1,
		severity: 'Informational',
		time: T,
		metadata: { version: '1.8.0', product: { name: 'Sim', vendor_name: 'Sim' }, log_name: 'audit' },
	};
}

const alice = { uid: 'u-1', name: 'alice', email_addr: 'alice@example.com' };
const admin = { user: { uid: 'u-0', name: 'admin', email_addr: 'admin@example.com', type_id: 2, type: 'Admin' } };

const VALID: Record<string, Json> = {
	'3001 Account Change': {
		...header(3001, 'Account Change', 3, IAM, 1, 'Create'),
		user: alice,
		actor: admin,
		src_endpoint: { ip: '203.0.113.7' },
		status_id: 1,
		status: 'Success',
		unmapped: { provider_event: 'user.created' },
	},
	'3002 Authentication': {
		...header(3002, 'Authentication', 3, IAM, 1, 'Logon'),
		user: alice,
		service: { name: 'Webflow' },
		src_endpoint: { ip: '2001:db8::1' },
		is_mfa: true,
		status_id: 2,
		status: 'Failure',
	},
	'3004 Entity Management': {
		...header(3004, 'Entity Management', 3, IAM, 3, 'Update'),
		entity: { uid: 'site-1', name: 'Marketing', type: 'Site', data: { anything: [1, 'two'] } },
		actor: admin,
		comment: 'renamed',
	},
	'3005 User Access Management': {
		...header(3005, 'User Access Management', 3, IAM, 1, 'Assign Privileges'),
		user: alice,
		privileges: ['admin'],
	},
	'3006 Group Management': {
		...header(3006, 'Group Management', 3, IAM, 3, 'Add User'),
		group: { uid: 'team-1', name: 'Editors' },
		user: alice,
	},
	'6003 API Activity': {
		...header(6003, 'API Activity', 6, 'Application Activity', 1, 'Create'),
		actor: admin,
		api: { operation: 'api_key.created', service: { name: 'Make' }, request: { uid: 'req-1' } },
		src_endpoint: { ip: '198.51.100.4', port: 443 },
		resources: [{ uid: 'key-1', name: 'CI key', type: 'api_key' }],
		http_request: { http_method: 'POST', url: { url_string: 'https://example.com/api/keys', path: '/api/keys' } },
		http_response: { code: 201 },
	},
	'0 Base Event': {
		// 99 Other: the sibling and type_name carry the source's own activity
		...header(0, 'Base Event', 0, 'Uncategorized', 99, 'workflow.deployed'),
		message: 'alice deployed workflow X',
	},
};

const clone = (name: string): Json => JSON.parse(JSON.stringify(VALID[name]));
/** The named valid event with one change applied. */
function mutated(name: string, change: (event: Json) => void): Json {
	const event = clone(name);
	change(event);
	return event;
}

describe('the reference', () => {
	it('is OCSF 1.8.0 and has the classes the nodes emit', () => {
		expect(OCSF_SCHEMA_VERSION).toBe('1.8.0');
		expect(reference.classes.map((c) => c.uid)).toEqual([0, 3001, 3002, 3003, 3004, 3005, 3006, 6003]);
	});
});

describe('validateOcsfEvent', () => {
	it.each(Object.keys(VALID))('accepts a valid %s event', (name) => {
		expect(validateOcsfEvent(VALID[name])).toEqual([]);
	});

	it('refuses a value that is not an object, and an unknown or missing class', () => {
		expect(validateOcsfEvent([])).toEqual(['(event): expected an object, got []']);
		expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.class_uid = 3007)))).toEqual([
			'class_uid: 3007 is not a class in OCSF 1.8.0 (known: 0, 3001, 3002, 3003, 3004, 3005, 3006, 6003)',
		]);
		expect(validateOcsfEvent(mutated('3001 Account Change', (e) => delete e.class_uid))).toEqual(['class_uid: required attribute missing']);
	});

	describe('requirements', () => {
		it('a missing required attribute', () => {
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => delete e.user))).toEqual(['user: required attribute missing']);
		});
		it('a null required attribute', () => {
			expect(validateOcsfEvent(mutated('3002 Authentication', (e) => (e.user = null)))).toEqual(['user: required attribute is null']);
		});
		it('a missing required attribute of a nested object', () => {
			expect(validateOcsfEvent(mutated('6003 API Activity', (e) => delete e.api.operation))).toEqual(['api.operation: required attribute missing']);
		});
		it('a null optional attribute counts as absent', () => {
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.message = null)))).toEqual([]);
		});
	});

	describe('unknown keys', () => {
		it('at the top level', () => {
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.foo = 1)))).toEqual(['foo: unknown attribute']);
		});
		it('nested, and inside arrays of objects', () => {
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.actor.user.foo = 'x')))).toEqual(['actor.user.foo: unknown attribute']);
			expect(validateOcsfEvent(mutated('6003 API Activity', (e) => (e.resources[0].foo = 'x')))).toEqual(['resources[0].foo: unknown attribute']);
		});
		it('anything inside unmapped, json_t values and objects the extract does not detail', () => {
			const event = mutated('3004 Entity Management', (e) => {
				e.unmapped = { whatever: { deep: [1, { x: null }] } };
				e.entity.data = { free: { form: true } };
				e.actor.process = { pid: 1, anything: 'goes' }; // process is in objects_not_detailed
			});
			expect(validateOcsfEvent(event)).toEqual([]);
			expect(validateOcsfEvent(mutated('3004 Entity Management', (e) => (e.actor.process = 'sh')))).toEqual([
				'actor.process: expected process object, got "sh"',
			]);
		});
		it('deprecated attributes are accepted unchecked', () => {
			const event = mutated('3001 Account Change', (e) => {
				e.policy = { name: 'old' }; // 3001 policy, deprecated
				e.actor.invoked_by = 'cron'; // actor.invoked_by, deprecated
			});
			expect(validateOcsfEvent(event)).toEqual([]);
		});
		it('profile attributes only when metadata.profiles names the profile', () => {
			const withCloud = mutated('3001 Account Change', (e) => (e.cloud = { provider: 'AWS' }));
			expect(validateOcsfEvent(withCloud)).toEqual(['cloud: unknown attribute']);
			withCloud.metadata.profiles = ['cloud'];
			expect(validateOcsfEvent(withCloud)).toEqual([]);
			withCloud.device = { name: 'laptop' }; // the host profile's, not cloud's
			expect(validateOcsfEvent(withCloud)).toEqual(['device: unknown attribute']);

			const withDt = mutated('3001 Account Change', (e) => (e.time_dt = '2024-05-01T10:00:00.000Z'));
			expect(validateOcsfEvent(withDt)).toEqual(['time_dt: unknown attribute']);
			withDt.metadata.profiles = ['datetime'];
			expect(validateOcsfEvent(withDt)).toEqual([]);
			withDt.message_dt = 'x'; // message is no timestamp_t
			withDt.time_at = 'x';
			withDt.osint = []; // a profile the event does not name
			expect(validateOcsfEvent(withDt)).toEqual(['message_dt: unknown attribute', 'time_at: unknown attribute', 'osint: unknown attribute']);
		});
		it('only profiles the class supports, and object profile attributes too', () => {
			// API Activity supports trace, Account Change does not
			const traced = mutated('3001 Account Change', (e) => {
				e.metadata.profiles = ['trace'];
				e.trace = { uid: 't' };
			});
			expect(validateOcsfEvent(traced)).toEqual(['trace: unknown attribute']);
			const region = mutated('6003 API Activity', (e) => (e.resources[0].region = 'eu-west-1'));
			expect(validateOcsfEvent(region)).toEqual(['resources[0].region: unknown attribute']);
			region.metadata.profiles = ['cloud'];
			expect(validateOcsfEvent(region)).toEqual([]);
		});
	});

	describe('enums and siblings', () => {
		it('a value not in the list, at the top level and nested', () => {
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.severity_id = 7)))).toEqual([
				'severity_id: 7 is not one of 0, 1, 2, 3, 4, 5, 6, 99',
			]);
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.actor.user.type_id = 5)))).toEqual([
				'actor.user.type_id: 5 is not one of 0, 1, 2, 3, 4, 99',
			]);
		});
		it('a string enum (http_method)', () => {
			expect(validateOcsfEvent(mutated('6003 API Activity', (e) => (e.http_request.http_method = 'post')))).toEqual([
				'http_request.http_method: "post" is not one of CONNECT, DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, TRACE',
			]);
		});
		it('a sibling that does not match the caption', () => {
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.activity_name = 'Delete')))).toEqual([
				'activity_name: "Delete" does not match "Create", the caption of activity_id 1',
			]);
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.actor.user.type = 'User')))).toEqual([
				'actor.user.type: "User" does not match "Admin", the caption of type_id 2',
			]);
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.class_name = 'Account')))).toEqual([
				'class_name: "Account" does not match "Account Change", the caption of class_uid 3001',
			]);
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.category_name = 'IAM')))).toEqual([
				'category_name: "IAM" does not match "Identity & Access Management"',
			]);
		});
		it('99 (Other): any non-empty sibling', () => {
			expect(validateOcsfEvent(mutated('0 Base Event', (e) => (e.activity_name = '')))).toEqual([
				'activity_name: must be a non-empty string for activity_id 99 (Other)',
			]);
		});
	});

	describe('class header', () => {
		it('a type_uid that is not class_uid * 100 + activity_id', () => {
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.type_uid = 300102)))).toEqual([
				'type_uid: 300102 must be 300101 (class_uid 3001 * 100 + activity_id 1)',
			]);
		});
		it('a category_uid of another category', () => {
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.category_uid = 6)))).toEqual([
				'category_uid: 6 must be 3 (Identity & Access Management) for class 3001',
			]);
		});
		it('a type_name that is not "<class>: <activity>"', () => {
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.type_name = 'Account Change: Delete')))).toEqual([
				'type_name: "Account Change: Delete" does not match "Account Change: Create"',
			]);
			expect(validateOcsfEvent(mutated('0 Base Event', (e) => (e.type_name = 'workflow.deployed')))).toEqual([
				'type_name: "workflow.deployed" does not match "Base Event: <source activity>"',
			]);
		});
		it('a metadata.version other than 1.8.0', () => {
			expect(validateOcsfEvent(mutated('3006 Group Management', (e) => (e.metadata.version = '1.9.0')))).toEqual([
				'metadata.version: "1.9.0" must be "1.8.0"',
			]);
		});
	});

	describe('types', () => {
		it('a bad email_addr', () => {
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.actor.user.email_addr = 'x')))).toEqual([
				'actor.user.email_addr: "x" does not match email_t',
			]);
		});
		it('a bad ip, and one longer than ip_t max_len', () => {
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.src_endpoint.ip = 'not-an-ip')))).toEqual([
				'src_endpoint.ip: "not-an-ip" does not match ip_t',
			]);
			const zoned = `fe80::1%${'z'.repeat(40)}`; // matches the regex (zone id), too long for max_len
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.src_endpoint.ip = zoned)))).toEqual([
				`src_endpoint.ip: "${zoned}" is longer than 40 (ip_t)`,
			]);
		});
		it('time as an ISO string instead of epoch milliseconds', () => {
			expect(validateOcsfEvent(mutated('3004 Entity Management', (e) => (e.time = '2024-05-01T10:00:00.000Z')))).toEqual([
				'time: expected timestamp_t (integer epoch milliseconds), got "2024-05-01T10:00:00.000Z"',
			]);
		});
		it('a wrong primitive: string for boolean, float for integer, port out of range', () => {
			expect(validateOcsfEvent(mutated('3002 Authentication', (e) => (e.is_mfa = 'yes')))).toEqual([
				'is_mfa: expected boolean_t (boolean), got "yes"',
			]);
			expect(validateOcsfEvent(mutated('6003 API Activity', (e) => (e.http_response.code = 201.5)))).toEqual([
				'http_response.code: expected integer_t (integer), got 201.5',
			]);
			expect(validateOcsfEvent(mutated('6003 API Activity', (e) => (e.src_endpoint.port = 70000)))).toEqual([
				'src_endpoint.port: 70000 is out of range [0, 65535] (port_t)',
			]);
		});
		it('an array attribute given a string, and a bad element', () => {
			expect(validateOcsfEvent(mutated('3005 User Access Management', (e) => (e.privileges = 'admin')))).toEqual([
				'privileges: expected array of string_t, got "admin"',
			]);
			expect(validateOcsfEvent(mutated('3005 User Access Management', (e) => (e.privileges = ['admin', 2])))).toEqual([
				'privileges[1]: expected string_t (string), got 2',
			]);
		});
		it('an object attribute given a scalar', () => {
			expect(validateOcsfEvent(mutated('3006 Group Management', (e) => (e.group = 'Editors')))).toEqual([
				'group: expected group object, got "Editors"',
			]);
		});
	});

	describe('constraints', () => {
		it('an object at_least_one', () => {
			expect(validateOcsfEvent(mutated('3001 Account Change', (e) => (e.user = {})))).toEqual([
				'user: at least one of account, name, uid must be present',
			]);
		});
		it('the class at_least_one of Authentication (3002): service or dst_endpoint', () => {
			expect(validateOcsfEvent(mutated('3002 Authentication', (e) => delete e.service))).toEqual([
				'(event): at least one of service, dst_endpoint must be present',
			]);
			expect(validateOcsfEvent(mutated('3002 Authentication', (e) => (e.service = null)))).toEqual([
				'(event): at least one of service, dst_endpoint must be present',
			]);
			expect(
				validateOcsfEvent(
					mutated('3002 Authentication', (e) => {
						delete e.service;
						e.dst_endpoint = { hostname: 'webflow.com' };
					}),
				),
			).toEqual([]);
		});
		it('the class just_one of Authorize Session (3003): privileges or group', () => {
			const session = { ...header(3003, 'Authorize Session', 3, IAM, 1, 'Assign Privileges'), user: alice, privileges: ['admin'] };
			expect(validateOcsfEvent(session)).toEqual([]);
			expect(validateOcsfEvent({ ...session, group: { name: 'Admins' } })).toEqual([
				'(event): exactly one of privileges, group must be present, found 2',
			]);
			expect(validateOcsfEvent({ ...session, privileges: undefined })).toEqual([
				'(event): exactly one of privileges, group must be present, found 0',
			]);
		});
	});

	it('reports every problem of an event, each with its path', () => {
		const event = mutated('6003 API Activity', (e) => {
			e.severity_id = 9;
			e.actor.user.email_addr = 'nobody';
			e.api.extra = true;
		});
		expect(validateOcsfEvent(event)).toEqual([
			'actor.user.email_addr: "nobody" does not match email_t',
			'api.extra: unknown attribute',
			'severity_id: 9 is not one of 0, 1, 2, 3, 4, 5, 6, 99',
		]);
	});
});

describe('missingRecommended', () => {
	it('lists the recommended top-level attributes an event leaves out', () => {
		expect(missingRecommended(VALID['3005 User Access Management'])).toEqual([
			'actor',
			'message',
			'observables',
			'resources',
			'src_endpoint',
			'status',
			'status_code',
			'status_detail',
			'status_id',
			'timezone_offset',
		]);
	});
	it('leaves out the ones present, and knows no class it cannot find', () => {
		const event = mutated('3005 User Access Management', (e) => {
			Object.assign(e, { actor: admin, message: 'm', observables: [], resources: [{ uid: 'r' }], src_endpoint: { ip: '203.0.113.7' } });
			Object.assign(e, { status: 'Success', status_code: '200', status_detail: 'ok', status_id: 1, timezone_offset: 0 });
		});
		expect(validateOcsfEvent(event)).toEqual([]);
		expect(missingRecommended(event)).toEqual([]);
		expect(missingRecommended({ class_uid: 3007 })).toEqual([]);
	});
});
