import { SimAuditLogApi } from '../../credentials/SimAuditLogApi.credentials';
import type { CredentialStore } from '../harness/n8n';
import { type SimEmulator, startSimEmulator } from '../sandbox/sim';
import { ANCHOR, useEmulator } from '../sandbox/testing';

/** Seeded history ends at ANCHOR, so every run sees the same 1,200 events. */
export { ANCHOR, FAST_RETRIES } from '../sandbox/testing';

/** The file's Sim emulator: started once, fresh data and an empty request log for every test. */
export const useSim = (): SimEmulator => useEmulator(startSimEmulator, { anchor: ANCHOR });

export function simCredentials(emulator: SimEmulator, apiKey = emulator.apiKey): CredentialStore {
	return { simAuditLogApi: { type: new SimAuditLogApi(), data: { apiKey, baseUrl: emulator.url } } };
}

/** Requests the node sent to the list route, in order. */
export function listRequests(emulator: SimEmulator) {
	return emulator.requests().filter((request) => request.path === '/api/v1/audit-logs');
}
