import { SimAuditLogApi } from '../../credentials/SimAuditLogApi.credentials';
import type { CredentialStore } from '../harness/n8n';
import type { SimEmulator } from '../sandbox/sim';

/** Seeded history ends here, so every run sees the same 1,200 events. */
export const ANCHOR = '2026-11-01T00:00:00.000Z';

/** Retries fast enough for tests; the defaults wait seconds. */
export const FAST_RETRIES = { maxRetries: 3, initialRetryDelayMs: 20, maxWaitSeconds: 5 };

export function simCredentials(emulator: SimEmulator, apiKey = emulator.apiKey): CredentialStore {
	return { simAuditLogApi: { type: new SimAuditLogApi(), data: { apiKey, baseUrl: emulator.url } } };
}

/** Requests the node sent to the list route, in order. */
export function listRequests(emulator: SimEmulator) {
	return emulator.requests().filter((request) => request.path === '/api/v1/audit-logs');
}
