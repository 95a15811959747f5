/**
 * What n8n's CLI does with credential *types* when a node asks for credentials, re-done for
 * the harness's in-memory store (TestCredentialsHelper in n8n.ts delegates here). Each function
 * names the n8n@2.8.4 code it follows (host/ runs n8n 2.8.4 with n8n-core 2.8.1):
 *
 * - {@link getParentTypes}: `CredentialTypes.getParentTypes` (packages/cli/src/credential-types.ts,
 *   dist/credential-types.js:29-38), recursive through `extends`.
 * - {@link getCredentialsProperties}: `CredentialsHelper.getCredentialsProperties`
 *   (packages/cli/src/credentials-helper.ts, dist/credentials-helper.js:161-188): parents'
 *   properties first, merged by name with `NodeHelpers.mergeNodeProperties` (which skips
 *   `doNotInherit`), the child's own last; `oAuth1Api`/`oAuth2Api` get an `oauthTokenData` property.
 * - {@link resolveCredentialData}: `CredentialsHelper.applyDefaultsAndOverwrites`
 *   (dist/credentials-helper.js:209-254): defaults and display options via
 *   `NodeHelpers.getNodeParameters`, the stored `oauthTokenData` kept, then expressions
 *   (`={{$self.x}}`) resolved. Credential overwrites and external secrets are not modelled.
 */
import { getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	INode,
	INodeParameters,
	INodeProperties,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError, Workflow } from 'n8n-workflow';

import { withExpressionIsolate } from './isolate';
import { OAuth2Api } from './oauth2Api';

/** Credential types n8n ships that ours may extend. */
export const BUILT_IN_CREDENTIAL_TYPES: Readonly<Record<string, ICredentialType>> = { oAuth2Api: new OAuth2Api() };

/** Finds a credential type by name: the store's first, then the built-in ones. */
export type CredentialTypeLookup = (name: string) => ICredentialType | undefined;

export function credentialTypeLookup(types: Record<string, { type: ICredentialType }>): CredentialTypeLookup {
	return (name) => types[name]?.type ?? BUILT_IN_CREDENTIAL_TYPES[name];
}

/**
 * As n8n: walks the list while appending each entry's own parents, so grandparents come out
 * too (and may repeat; callers only ask `includes`).
 */
export function getParentTypes(lookup: CredentialTypeLookup, typeName: string): string[] {
	const extendsArr = lookup(typeName)?.extends ?? [];
	if (extendsArr.length === 0) return [];
	const extendsArrCopy = [...extendsArr];
	for (const type of extendsArrCopy) {
		extendsArrCopy.push(...getParentTypes(lookup, type));
	}
	return extendsArrCopy;
}

export function getCredentialsProperties(lookup: CredentialTypeLookup, type: string): INodeProperties[] {
	const credentialTypeData = lookup(type);
	if (credentialTypeData === undefined) {
		throw new UnexpectedError('Unknown credential type', { tags: { credentialType: type } });
	}
	if (credentialTypeData.extends === undefined) {
		if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
			return [
				...credentialTypeData.properties,
				{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
			];
		}
		return credentialTypeData.properties;
	}
	const combineProperties: INodeProperties[] = [];
	for (const credentialsTypeName of credentialTypeData.extends) {
		NodeHelpers.mergeNodeProperties(combineProperties, getCredentialsProperties(lookup, credentialsTypeName));
	}
	NodeHelpers.mergeNodeProperties(combineProperties, credentialTypeData.properties);
	return combineProperties;
}

const mockNode: INode = { id: 'mock', name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };

const mockNodeTypes: INodeTypes = {
	getKnownTypes: () => ({}),
	getByName: (nodeType) => (nodeType === 'mock' ? ({ description: { properties: [] } } as never) : (undefined as never)),
	getByNameAndVersion: (nodeType) => {
		if (nodeType !== 'mock') throw new UnexpectedError('Unknown node type', { tags: { nodeType } });
		return { description: { properties: [] } } as never;
	},
};

/** The decrypted data a node sees: stored values over defaults, expressions resolved. */
export async function resolveCredentialData(options: {
	properties: INodeProperties[];
	stored: ICredentialDataDecryptedObject;
	additionalData: IWorkflowExecuteAdditionalData;
	mode: WorkflowExecuteMode;
	executeData?: IExecuteData;
	expressionResolveValues?: ICredentialsExpressionResolveValues;
}): Promise<ICredentialDataDecryptedObject> {
	const { properties, stored, additionalData, mode, executeData, expressionResolveValues } = options;
	let decryptedData = NodeHelpers.getNodeParameters(properties, stored as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;
	if (stored.oauthTokenData !== undefined) decryptedData.oauthTokenData = stored.oauthTokenData;
	if (decryptedData.allowedHttpRequestDomains === undefined && stored.allowedHttpRequestDomains !== undefined) {
		decryptedData.allowedHttpRequestDomains = stored.allowedHttpRequestDomains;
	}
	if (decryptedData.allowedDomains === undefined && stored.allowedDomains !== undefined) {
		decryptedData.allowedDomains = stored.allowedDomains;
	}
	if (decryptedData.useDynamicClientRegistration) {
		for (const key of ['clientId', 'clientSecret', 'authUrl', 'accessTokenUrl', 'grantType', 'authentication']) {
			decryptedData[key] = stored[key];
		}
	}
	const additionalKeys = getAdditionalKeys(additionalData, mode, null, { secretsEnabled: false });
	if (expressionResolveValues) {
		try {
			decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
				decryptedData as INodeParameters,
				expressionResolveValues.runExecutionData,
				expressionResolveValues.runIndex,
				expressionResolveValues.itemIndex,
				expressionResolveValues.node.name,
				expressionResolveValues.connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		} catch (e) {
			(e as Error).message += ' [Error resolving credentials]';
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- as n8n's CredentialsHelper does
			throw e;
		}
	} else {
		const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: mockNodeTypes });
		decryptedData = await withExpressionIsolate(
			workflow,
			() =>
				workflow.expression.getComplexParameterValue(
					mockNode,
					decryptedData as INodeParameters,
					mode,
					additionalKeys,
					undefined,
					undefined,
					decryptedData,
				) as ICredentialDataDecryptedObject,
		);
	}
	return decryptedData;
}
