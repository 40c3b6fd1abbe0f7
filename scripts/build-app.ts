// Builds what the desktop app loads: dist/renderer (Vite), dist/shell/main.js and
// dist/preload/preload.cjs. `npm run package` then hands dist/ to electron-builder.
import { buildElectronApp } from '../main/build/electron-build.ts';

await buildElectronApp((line) => process.stderr.write(`build: ${line}\n`));
