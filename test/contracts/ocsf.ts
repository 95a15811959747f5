/**
 * An OCSF 1.8.0 event validator driven by the schema extract in `ocsf/ocsf-classes.json` (see
 * its README). It applies the extract's `rules`, which follow the OCSF server's validator: the
 * class by class_uid, required attributes, unknown keys, types, arrays, enums and their
 * siblings, object recursion, constraints, type_uid and metadata.version. Everything it knows
 * comes from the JSON, so a newer extract changes the checks without touching this code.
 */
import reference from './ocsf/ocsf-classes.json';

interface Attribute {
	type: string;
	object_type?: string;
	is_array?: boolean;
	requirement: 'required' | 'recommended' | 'optional';
	sibling?: string;
	enum?: Record<string, string>;
}

interface Constraints {
	at_least_one?: string[];
	just_one?: string[];
}

interface ObjectDef {
	attributes: Record<string, Attribute>;
	constraints?: Constraints;
	deprecated_attributes_omitted?: string[];
	profile_attributes_omitted?: Record<string, string[]>;
}

interface ClassDef extends ObjectDef {
	uid: number;
	caption: string;
	category: { uid: number; caption: string };
	activity_id: Record<string, string>;
	profiles: string[];
	recommended: string[];
}

interface TypeDef {
	base: string;
	regex?: string;
	max_len?: number;
	range?: [number, number];
}

interface Reference {
	source: { schema_version: string };
	types: Record<string, TypeDef>;
	classes: ClassDef[];
	objects: Record<string, ObjectDef>;
	objects_not_detailed: string[];
	/** The datetime profile gives a sentence instead of a list (`<name>_dt` of every timestamp_t). */
	profiles: Record<string, { attributes: string[] | string }>;
}

const REF = reference as unknown as Reference;

export const OCSF_SCHEMA_VERSION: string = REF.source.schema_version;

type Json = Record<string, unknown>;

interface Context {
	problems: string[];
	/** metadata.profiles of the event: profile attributes are valid only when it names them. */
	profiles: string[];
}

const ROOT = '(event)';
/** The JSON value each base type takes; timestamp_t (base long_t) is integer epoch milliseconds. */
const BASES: Record<string, { label: string; accepts: (value: unknown) => boolean }> = {
	string_t: { label: 'string', accepts: (v) => typeof v === 'string' },
	integer_t: { label: 'integer', accepts: Number.isInteger },
	long_t: { label: 'integer', accepts: Number.isInteger },
	float_t: { label: 'number', accepts: (v) => typeof v === 'number' && Number.isFinite(v) },
	boolean_t: { label: 'boolean', accepts: (v) => typeof v === 'boolean' },
};
const regexCache = new Map<string, RegExp>();

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isSet = (value: unknown) => value !== undefined && value !== null;
const show = (value: unknown) => (value === undefined ? 'undefined' : JSON.stringify(value));
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const classOf = (uid: unknown) => REF.classes.find((c) => c.uid === uid);

function report(ctx: Context, path: string, message: string): void {
	ctx.problems.push(`${path || ROOT}: ${message}`);
}

/** A profile attribute is omitted from the extract; accept it unchecked when metadata.profiles names the profile. */
function allowedByProfile(key: string, def: ObjectDef | ClassDef, ctx: Context): boolean {
	return ctx.profiles.some((profile) => {
		// a class lists the profiles it supports (their attributes are in the top-level index); an object lists its own
		const listed = 'profiles' in def ? def.profiles.includes(profile) && REF.profiles[profile]?.attributes : def.profile_attributes_omitted?.[profile];
		if (Array.isArray(listed)) return listed.includes(key);
		// datetime: "<name>_dt" next to a timestamp_t attribute
		return typeof listed === 'string' && key.endsWith('_dt') && def.attributes[key.slice(0, -3)]?.type === 'timestamp_t';
	});
}

/** Checks one value (or one array element) against its type; false when the type is wrong. */
function checkValue(value: unknown, attr: Attribute, path: string, ctx: Context): boolean {
	if (attr.type === 'object_t') return checkObject(value, attr.object_type ?? 'object', path, ctx);
	const type = REF.types[attr.type];
	if (!type) {
		report(ctx, path, `schema has no type ${attr.type}`);
		return false;
	}
	if (type.base === 'json_t') return true;
	const base = BASES[type.base];
	if (!base) {
		report(ctx, path, `schema has no base type ${type.base}`);
		return false;
	}
	if (!base.accepts(value)) {
		const label = attr.type === 'timestamp_t' ? 'integer epoch milliseconds' : base.label;
		report(ctx, path, `expected ${attr.type} (${label}), got ${show(value)}`);
		return false;
	}
	if (typeof value === 'string') {
		if (type.max_len !== undefined && value.length > type.max_len) {
			report(ctx, path, `${show(value)} is longer than ${type.max_len} (${attr.type})`);
		}
		if (type.regex !== undefined) {
			const regex = regexCache.get(type.regex) ?? new RegExp(type.regex);
			regexCache.set(type.regex, regex);
			if (!regex.test(value)) report(ctx, path, `${show(value)} does not match ${attr.type}`);
		}
	}
	if (typeof value === 'number' && type.range && (value < type.range[0] || value > type.range[1])) {
		report(ctx, path, `${value} is out of range [${type.range[0]}, ${type.range[1]}] (${attr.type})`);
	}
	return true;
}

/** Objects: the open type `object` (unmapped) and objects_not_detailed accept any keys. */
function checkObject(value: unknown, objectType: string, path: string, ctx: Context): boolean {
	if (!isObject(value)) {
		report(ctx, path, `expected ${objectType} object, got ${show(value)}`);
		return false;
	}
	if (objectType === 'object' || REF.objects_not_detailed.includes(objectType)) return true;
	const def = REF.objects[objectType];
	if (!def) report(ctx, path, `schema has no object ${objectType}`);
	else checkAttributes(value, def, path, ctx);
	return true;
}

/** Enum value in the list, and its string sibling equal to the caption (any non-empty string for 99 Other). */
function checkEnum(item: Json, name: string, attr: Attribute, path: string, ctx: Context): void {
	const captions = attr.enum ?? {};
	const value = item[name];
	const unknown = (Array.isArray(value) ? value : [value]).filter((v) => !(String(v) in captions));
	for (const v of unknown) report(ctx, join(path, name), `${show(v)} is not one of ${Object.keys(captions).join(', ')}`);
	// a sibling of the wrong type is reported by its own type check
	const siblingPath = join(path, attr.sibling ?? '');
	const sibling = attr.sibling === undefined ? undefined : item[attr.sibling];
	if (unknown.length || typeof sibling !== 'string' || Array.isArray(value)) return;
	const caption = captions[String(value)];
	if (value === 99) {
		if (sibling === '') report(ctx, siblingPath, `must be a non-empty string for ${name} 99 (Other)`);
	} else if (sibling !== caption) {
		report(ctx, siblingPath, `${show(sibling)} does not match ${show(caption)}, the caption of ${name} ${show(value)}`);
	}
}

function checkConstraints(item: Json, constraints: Constraints | undefined, path: string, ctx: Context): void {
	const present = (keys: string[]) => keys.filter((key) => isSet(item[key])).length;
	const atLeastOne = constraints?.at_least_one;
	if (atLeastOne && present(atLeastOne) === 0) report(ctx, path, `at least one of ${atLeastOne.join(', ')} must be present`);
	const justOne = constraints?.just_one;
	if (justOne && present(justOne) !== 1) {
		report(ctx, path, `exactly one of ${justOne.join(', ')} must be present, found ${present(justOne)}`);
	}
}

/**
 * One class or object level. `skipEnums` leaves the derived header ids (category_uid, type_uid)
 * to checkHeader, whose messages say what the value should be.
 */
function checkAttributes(item: Json, def: ObjectDef, path: string, ctx: Context, skipEnums: string[] = []): void {
	for (const key of Object.keys(item)) {
		if (key in def.attributes) continue;
		// deprecated attributes are still valid (the server only warns); the extract omits their definitions
		if (def.deprecated_attributes_omitted?.includes(key) || allowedByProfile(key, def, ctx)) continue;
		report(ctx, join(path, key), 'unknown attribute');
	}
	for (const [name, attr] of Object.entries(def.attributes)) {
		const value = item[name];
		const at = join(path, name);
		// null counts as absent, as in the server's validator
		if (!isSet(value)) {
			if (attr.requirement === 'required') report(ctx, at, `required attribute ${value === null ? 'is null' : 'missing'}`);
			continue;
		}
		let typed = true;
		if (!attr.is_array) typed = checkValue(value, attr, at, ctx);
		else if (!Array.isArray(value)) {
			report(ctx, at, `expected array of ${attr.object_type ?? attr.type}, got ${show(value)}`);
			typed = false;
		} else {
			for (const [i, element] of value.entries()) typed = checkValue(element, attr, `${at}[${i}]`, ctx) && typed;
		}
		// a value of the wrong type has been reported once already
		if (typed && attr.enum && !skipEnums.includes(name)) checkEnum(item, name, attr, path, ctx);
	}
	checkConstraints(item, def.constraints, path, ctx);
}

/** category_uid, type_uid and type_name follow from class_uid and activity_id. */
function checkHeader(event: Json, cls: ClassDef, ctx: Context): void {
	const { category_uid: categoryUid, activity_id: activityId, type_uid: typeUid, type_name: typeName } = event;
	if (Number.isInteger(categoryUid) && categoryUid !== cls.category.uid) {
		report(ctx, 'category_uid', `${categoryUid} must be ${cls.category.uid} (${cls.category.caption}) for class ${cls.uid}`);
	}
	if (isSet(event.category_name) && event.category_name !== cls.category.caption) {
		report(ctx, 'category_name', `${show(event.category_name)} does not match ${show(cls.category.caption)}`);
	}
	if (Number.isInteger(activityId) && Number.isInteger(typeUid)) {
		const expected = cls.uid * 100 + (activityId as number);
		if (typeUid !== expected) {
			report(ctx, 'type_uid', `${typeUid} must be ${expected} (class_uid ${cls.uid} * 100 + activity_id ${activityId})`);
		}
	}
	const activity = cls.activity_id[String(activityId)];
	if (typeof typeName === 'string' && activity !== undefined) {
		const prefix = `${cls.caption}: `;
		const ok = activityId === 99 ? typeName.startsWith(prefix) && typeName.length > prefix.length : typeName === prefix + activity;
		if (!ok) report(ctx, 'type_name', `${show(typeName)} does not match ${show(prefix + (activityId === 99 ? '<source activity>' : activity))}`);
	}
}

/** Problems of an OCSF event against OCSF 1.8.0, each prefixed by its JSON path; [] when valid. */
export function validateOcsfEvent(event: unknown): string[] {
	const ctx: Context = { problems: [], profiles: [] };
	if (!isObject(event)) {
		report(ctx, '', `expected an object, got ${show(event)}`);
		return ctx.problems;
	}
	if (!isSet(event.class_uid)) {
		report(ctx, 'class_uid', 'required attribute missing');
		return ctx.problems;
	}
	const cls = classOf(event.class_uid);
	if (!cls) {
		const known = REF.classes.map((c) => c.uid).join(', ');
		report(ctx, 'class_uid', `${show(event.class_uid)} is not a class in OCSF ${OCSF_SCHEMA_VERSION} (known: ${known})`);
		return ctx.problems;
	}
	const metadata = isObject(event.metadata) ? event.metadata : {};
	if (Array.isArray(metadata.profiles)) ctx.profiles = metadata.profiles.filter((p): p is string => typeof p === 'string');

	checkAttributes(event, cls, '', ctx, ['category_uid', 'type_uid']);
	checkHeader(event, cls, ctx);
	// the server errors on a later version and warns on an earlier one; we emit exactly this version
	if (typeof metadata.version === 'string' && metadata.version !== OCSF_SCHEMA_VERSION) {
		report(ctx, 'metadata.version', `${show(metadata.version)} must be ${show(OCSF_SCHEMA_VERSION)}`);
	}
	return ctx.problems;
}

/** Recommended attributes of the event's class missing (or null) at the top level; [] for an unknown class. */
export function missingRecommended(event: unknown): string[] {
	if (!isObject(event)) return [];
	const cls = classOf(event.class_uid);
	return cls ? cls.recommended.filter((key) => !isSet(event[key])) : [];
}
