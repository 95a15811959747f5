import { MakeAuditLogApi } from '../../credentials/MakeAuditLogApi.credentials';
import type { MakeZone } from '../../nodes/Make/types';
import type { CredentialStore } from '../harness/n8n';
import type { MakeEmulator } from '../sandbox/make';
import { makeSandboxBaseUrl, startMakeEmulator } from '../sandbox/make';
import { ANCHOR, useEmulator } from '../sandbox/testing';

export { ANCHOR, FAST_RETRIES } from '../sandbox/testing';

/** The file's Make emulator: started once, fresh data and an empty request log for every test. */
export const useMake = (): MakeEmulator => useEmulator(startMakeEmulator, { anchor: ANCHOR });

/** A Make credential pointed at one zone of the emulator (the Custom zone with its base URL). */
export function makeCredentials(emulator: MakeEmulator, token = emulator.apiKey, zone: MakeZone = 'eu1.make.com'): CredentialStore {
	return {
		makeAuditLogApi: {
			type: new MakeAuditLogApi(),
			data: { zone: 'custom', baseUrl: makeSandboxBaseUrl(emulator, zone), apiToken: token },
		},
	};
}

/** Requests to the audit-log API routes, in order. */
export function apiRequests(emulator: MakeEmulator) {
	return emulator.requests().filter((request) => /\/api\/v2\//.test(request.path));
}
