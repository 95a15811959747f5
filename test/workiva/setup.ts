import { WorkivaOAuth2Api } from '../../credentials/WorkivaOAuth2Api.credentials';
import type { CredentialStore } from '../harness/n8n';
import { ANCHOR, useEmulator } from '../sandbox/testing';
import type { WorkivaClientName, WorkivaEmulator } from '../sandbox/workiva';
import { startWorkivaEmulator } from '../sandbox/workiva';

export { ANCHOR, FAST_RETRIES } from '../sandbox/testing';

/** Roomy enough that only the rate-limit tests meet a 429. */
export const ROOMY_RATE_LIMIT = { perWindow: 100_000, windowMs: 1000 };

/** The file's Workiva emulator: started once, fresh data and an empty request log for every test. */
export const useWorkiva = (): WorkivaEmulator => useEmulator(startWorkivaEmulator, { anchor: ANCHOR, rateLimit: ROOMY_RATE_LIMIT });

/**
 * A Workiva OAuth2 credential on the emulator (Custom region). The store is returned as is, so
 * tests can see the token n8n stores back into it.
 */
export function workivaCredentials(
	emulator: WorkivaEmulator,
	client: WorkivaClientName = 'reader',
	apiVersion = '2026-01-01',
): CredentialStore {
	const { clientId, clientSecret } = emulator.clients[client];
	return {
		workivaOAuth2Api: {
			type: new WorkivaOAuth2Api(),
			data: { region: 'custom', baseUrl: emulator.url, endpointPath: emulator.tokenPath, clientId, clientSecret, apiVersion },
		},
	};
}

/** Requests to the activities API (not the token endpoint), in order. */
export function apiRequests(emulator: WorkivaEmulator) {
	return emulator.requests().filter((request) => !request.path.includes('oauth2/token'));
}

export function tokenRequests(emulator: WorkivaEmulator) {
	return emulator.requests().filter((request) => request.path.includes('oauth2/token'));
}
