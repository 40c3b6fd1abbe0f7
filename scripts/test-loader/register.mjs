// `node --import ./scripts/test-loader/register.mjs file.test.ts`: runs TypeScript tests
// without tsx (see hooks.mjs for why), with stack traces pointing into the .ts sources.
import { register } from 'node:module';

process.setSourceMapsEnabled(true);
register('./hooks.mjs', import.meta.url);
