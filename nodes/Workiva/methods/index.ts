import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { dropdownClient } from '../../shared/methods';
import { listActivityActions, workivaApi } from '../api';
import { readPathStyle } from '../fields';

export const loadOptions = {
	/** Workiva's action catalogue (`/activityActions`), by alias: the stable key to match on. */
	async getActionAliases(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const options = (this.getCurrentNodeParameter('options') ?? {}) as IDataObject;
		const { items } = await listActivityActions(dropdownClient(this, workivaApi), readPathStyle(options));
		return items
			.filter((action) => action.alias)
			.map((action) => ({
				name: `${action.name ?? action.alias}${action.deprecated ? ' (Deprecated)' : ''}`,
				value: String(action.alias),
				description: [action.category, action.id].filter(Boolean).join(' · '),
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
};
