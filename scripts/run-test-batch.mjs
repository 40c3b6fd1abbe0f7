// Imports several quick test files into ONE process (scripts/run-tests.mjs runs it through its test loader
// with the spec reporter), so each does not pay its own `node` and TypeScript loader start-up.
// node:test collects the tests of every file and runs them one file after another.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) await import(pathToFileURL(path.resolve(file)).href);
