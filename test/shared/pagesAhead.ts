/** Helpers for tests of walks that fetch pages ahead (a regular node's Return All). */

/**
 * The offsets a Return All of `count` entries needs, pages of `pageSize` after the first each
 * starting at the last entry of the one before. With a total the walk ends at the page that
 * reaches it; without one, at the first short page (which may hold only the overlapping entry).
 */
export function overlappingOffsets(count: number, { total, pageSize = 100 }: { total: boolean; pageSize?: number }): number[] {
	const offsets = [0];
	const step = pageSize - 1;
	for (let offset = step; ; offset += step) {
		const previousEnd = offsets[offsets.length - 1] + pageSize;
		if (total ? previousEnd >= count : previousEnd > count) break;
		offsets.push(offset);
	}
	return offsets;
}

/**
 * A lower bound on how many requests were in flight at once, from when the emulator received
 * them: every request takes at least `latencyMs` (the emulator's latency fault), so all requests
 * received within one such span were in flight together at its end.
 */
export function inFlightAtOnce(requests: Array<{ at: string }>, latencyMs: number): number {
	const times = requests.map((request) => Date.parse(request.at)).sort((a, b) => a - b);
	let most = 0;
	for (let first = 0, last = 0; last < times.length; last++) {
		while (times[last] - times[first] >= latencyMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}
