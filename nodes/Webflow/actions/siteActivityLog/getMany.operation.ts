import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commonOptions, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/router';
import type { ApiClient } from '../../../shared/transport';
import { readListLimit, toolProperties } from '../../../shared/tool';
import { checkOptions } from '../../../shared/validate';
import { listSiteActivityLogs, MAX_PAGE_SIZE } from '../../api';
import { siteActivityLog } from '../../normalize';
import { readSiteId, siteIdField } from '../../fields';

const properties: INodeProperties[] = [
	siteIdField,
	...returnAllOrLimit(MAX_PAGE_SIZE),
	commonOptions,
	...toolProperties({
		description:
			"Lists a Webflow site's activity log, newest first: pages, CMS items, styles, components, domains, publishing and settings changed in the Designer. Call it for questions such as \"who published the site today?\" or \"what changed on the site recently?\". Webflow offers no filters on this log.",
		dates: false,
	}),
];

export const description = withDisplayOptions({ resource: ['siteActivityLog'], operation: ['getMany'] }, properties);

export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<OperationResult> {
	const node = this.getNode();
	const siteId = readSiteId(node, this.getNodeParameter('siteId', itemIndex, '', { extractValue: true }), itemIndex);
	const limit = readListLimit(this, itemIndex);
	checkOptions(node, commonOptions, this.getNodeParameter('options', itemIndex, {}), itemIndex);
	const { items } = await listSiteActivityLogs(client, siteId, { limit });
	return { events: items, log: siteActivityLog(siteId) };
}
