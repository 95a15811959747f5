import { canonicalJson, stableHash } from '../../nodes/shared/hash';
import { parseResetHeader } from '../../nodes/shared/gate';
import { retryAfterMs } from '../../nodes/shared/transport';

const NOW = Date.parse('2026-11-22T10:00:00.000Z');

describe('rate-limit headers', () => {
	it.each([
		[{ 'retry-after': '7' }, 7000],
		[{ 'retry-after': '1.5' }, 1500],
		[{ 'retry-after': 'Sun, 22 Nov 2026 10:00:30 GMT' }, 30_000],
		[{ 'x-ratelimit-reset': '2026-11-22T10:00:05.000Z' }, 5000],
		[{ 'x-ratelimit-reset': String(NOW / 1000 + 12) }, 12_000],
		[{ 'x-ratelimit-reset': String(NOW + 3000) }, 3000],
		[{ 'retry-after': '2', 'x-ratelimit-reset': '2026-11-22T10:01:00.000Z' }, 2000],
		[{}, undefined],
	])('%j waits %s ms', (headers, expected) => {
		expect(retryAfterMs(headers, NOW)).toBe(expected);
	});

	it('reads a small number as seconds from now', () => {
		expect(parseResetHeader('60', NOW)).toBe(NOW + 60_000);
		expect(parseResetHeader('soon', NOW)).toBeUndefined();
	});
});

describe('stable content hash', () => {
	it('ignores key order and undefined values but not content', () => {
		expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
		expect(stableHash({ a: 1, b: 2 })).toBe(stableHash({ b: 2, a: 1 }));
		expect(stableHash({ a: 1, b: 2 })).not.toBe(stableHash({ a: 1, b: 3 }));
		expect(stableHash({ payload: { ip: '1.1.1.1' } })).not.toBe(stableHash({ payload: { ip: '1.1.1.2' } }));
	});
});
