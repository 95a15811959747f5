import { WebflowAuditLogApi } from '../../credentials/WebflowAuditLogApi.credentials';
import type { CredentialStore } from '../harness/n8n';
import type { WebflowEmulator } from '../sandbox/webflow';

export const ANCHOR = '2026-11-01T00:00:00.000Z';
/** Roomy enough that only the rate-limit test meets a 429. */
export const ROOMY_RATE_LIMIT = { perWindow: 100_000, windowMs: 60_000 };

export const FAST_RETRIES = { maxRetries: 3, initialRetryDelayMs: 20, maxWaitSeconds: 5 };

export function webflowCredentials(emulator: WebflowEmulator, token = emulator.tokens.workspace): CredentialStore {
	return { webflowAuditLogApi: { type: new WebflowAuditLogApi(), data: { accessToken: token, baseUrl: emulator.url } } };
}

export function apiRequests(emulator: WebflowEmulator) {
	return emulator.requests().filter((request) => request.path.startsWith('/v2/'));
}
