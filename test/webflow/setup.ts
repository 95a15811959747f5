import { WebflowAuditLogApi } from '../../credentials/WebflowAuditLogApi.credentials';
import type { CredentialStore } from '../harness/n8n';
import { ANCHOR, useEmulator } from '../sandbox/testing';
import { startWebflowEmulator, type WebflowEmulator } from '../sandbox/webflow';

export { ANCHOR, FAST_RETRIES } from '../sandbox/testing';
/** Roomy enough that only the rate-limit test meets a 429. */
export const ROOMY_RATE_LIMIT = { perWindow: 100_000, windowMs: 60_000 };

/** The file's Webflow emulator: started once, fresh data and an empty request log for every test. */
export const useWebflow = (): WebflowEmulator =>
	useEmulator(startWebflowEmulator, { anchor: ANCHOR, rateLimit: ROOMY_RATE_LIMIT });

export function webflowCredentials(emulator: WebflowEmulator, token = emulator.tokens.workspace): CredentialStore {
	return { webflowAuditLogApi: { type: new WebflowAuditLogApi(), data: { accessToken: token, baseUrl: emulator.url } } };
}

export function apiRequests(emulator: WebflowEmulator) {
	return emulator.requests().filter((request) => request.path.startsWith('/v2/'));
}
