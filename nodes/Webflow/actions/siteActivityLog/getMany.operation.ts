import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { commonOptions, returnAllOrLimit, withDisplayOptions } from '../../../shared/descriptions';
import type { OutputFormat } from '../../../shared/normalize';
import { formatEvent } from '../../../shared/normalize';
import type { ApiClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { listSiteActivityLogs, MAX_PAGE_SIZE, normalizeSiteItem } from '../../api';
import { siteIdField } from '../../fields';

const properties: INodeProperties[] = [siteIdField, ...returnAllOrLimit(MAX_PAGE_SIZE), commonOptions];

export const description = withDisplayOptions({ resource: ['siteActivityLog'], operation: ['getMany'] }, properties);

export async function execute(this: IExecuteFunctions, client: ApiClient, itemIndex: number): Promise<INodeExecutionData[]> {
	const siteId = requireText(this.getNode(), 'Site ID', this.getNodeParameter('siteId', itemIndex), itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const format = this.getNodeParameter('options.outputFormat', itemIndex, 'raw') as OutputFormat;

	const { items } = await listSiteActivityLogs(client, siteId, { limit });
	return items.map((item) => ({ json: formatEvent(item, format, normalizeSiteItem(siteId)), pairedItem: { item: itemIndex } }));
}
