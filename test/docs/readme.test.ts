/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code reads the README */
/**
 * The README shows each provider's mapping table between `<!-- mapping:<key> -->` markers.
 * They must be exactly what the code does; `UPDATE_README=1 npx jest test/docs` rewrites them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { MAPPED_SOURCES, renderMappingTable } from './mappingTables';

const README = join(__dirname, '../../README.md');

const block = (key: string, table: string) => `<!-- mapping:${key} -->\n${table}\n<!-- /mapping:${key} -->`;
const pattern = (key: string) => new RegExp(`<!-- mapping:${key} -->[\\s\\S]*?<!-- /mapping:${key} -->`);

it.each(Object.keys(MAPPED_SOURCES))('the README shows the %s mapping table as the code has it', (key) => {
	let readme = readFileSync(README, 'utf8');
	if (process.env.UPDATE_README) {
		readme = readme.replace(pattern(key), () => block(key, renderMappingTable(key)));
		writeFileSync(README, readme);
	}
	expect(readme.match(pattern(key))?.[0]).toBe(block(key, renderMappingTable(key)));
});
