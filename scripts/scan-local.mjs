// Runs the linting legs of n8n's verification scanner (@n8n/scan-community-package) on a local
// package. Its command only scans published packages (it needs npm provenance and downloads the
// attested source and the tarball), but its analyzePackage() lints any folder with the scanner's
// own rule set and inline eslint-disable comments ignored. Both legs, as the scanner runs them:
//   node scripts/scan-local.mjs <package folder> <unpacked tarball folder>
// Prints one JSON line: { source: {passed, details?}, tarball: {passed, details?} }.
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [sourceDir, tarballDir] = process.argv.slice(2);
const pick = ({ passed, message, details }) => ({ passed, ...(passed ? {} : { message, details }) });
const source = await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS);
const tarball = await analyzePackage(tarballDir, ['**/*.js', 'package.json']);
process.stdout.write(`${JSON.stringify({ source: pick(source), tarball: pick(tarball) })}\n`);
