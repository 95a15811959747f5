/**
 * Copies what tsc does not emit into dist/: the icons (referenced as file:../../icons/…
 * from the compiled nodes and credentials) and the codex .node.json files of the nodes.
 */
const { src, dest } = require('gulp');
const fs = require('fs');

function clean(done) {
	fs.rmSync('dist', { recursive: true, force: true });
	done();
}

function copyAssets() {
	return src(['icons/**/*.{svg,png}', 'nodes/**/*.{svg,png}', 'nodes/**/*.node.json'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = copyAssets;
exports.clean = clean;
exports.default = copyAssets;
