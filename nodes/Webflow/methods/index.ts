import { searchSites } from './listSearch';

export const listSearch = { searchSites };
