/* The loading test reads dist/: build it once if it is missing or older than the sources. */
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

function newestMtime(dir) {
	let newest = 0;
	if (!fs.existsSync(dir)) return newest;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
	}
	return newest;
}

module.exports = async () => {
	const root = path.resolve(__dirname, '../..');
	const sources = Math.max(...['nodes', 'credentials', 'icons'].map((d) => newestMtime(path.join(root, d))));
	if (newestMtime(path.join(root, 'dist')) < sources) {
		execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
	}
};
