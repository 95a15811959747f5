/**
 * Runs in a plain Node process, as n8n does: NODE_PATH offers only n8n-workflow (n8n's
 * own copy at runtime), then n8n-core's PackageDirectoryLoader loads the installed package.
 * Prints what it loaded as JSON.  Usage: node loadInstalled.js <packageDir> <n8nCorePath>
 */
const [packageDir, n8nCorePath] = process.argv.slice(2);
const { PackageDirectoryLoader } = require(n8nCorePath);

(async () => {
	const loader = new PackageDirectoryLoader(packageDir);
	await loader.loadAll();
	const describe = ({ type }) => type.description ?? type;
	const nodes = Object.fromEntries(
		Object.entries(loader.nodeTypes).map(([name, data]) => {
			const d = describe(data);
			return [name, { polling: d.polling ?? false, firstProperty: d.properties[0]?.name, usableAsTool: d.usableAsTool ?? false, iconUrl: d.iconUrl, credentials: (d.credentials ?? []).map((c) => c.name) }];
		}),
	);
	const credentials = Object.fromEntries(
		Object.entries(loader.credentialTypes).map(([name, { type }]) => [name, { iconUrl: type.iconUrl, properties: type.properties.map((p) => p.name) }]),
	);
	process.stdout.write(JSON.stringify({ nodes, credentials }));
})().catch((error) => {
	process.stderr.write(String(error.stack ?? error));
	process.exit(1);
});
