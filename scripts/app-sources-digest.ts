import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(ts|css|html)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : []))
    .sort();
}

/**
 * A digest of everything the committed view is built from: its sources, the shared chart
 * code and the versions of the libraries it bundles. The build writes it into the HTML; a
 * static test compares it with today's, so a stale view fails in milliseconds, not a rebuild.
 */
export function sourcesDigest(): string {
  const hash = crypto.createHash('sha256');
  for (const file of [...files(path.join(root, 'apps', 'result-view')), ...files(path.join(root, 'apps', 'shared'))]) {
    hash.update(path.relative(root, file).replaceAll('\\', '/')).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  for (const name of ['@modelcontextprotocol/ext-apps', '@modelcontextprotocol/sdk', 'uplot', 'zod', 'vite', 'vite-plugin-singlefile']) {
    hash.update(`${name}@${lock.packages[`node_modules/${name}`]?.version ?? '?'}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

export const DIGEST_META = 'zava-sources';

/** The digest a built view carries, if any. */
export function builtDigest(html: string): string | undefined {
  return new RegExp(`<meta name="${DIGEST_META}" content="([0-9a-f]+)"`).exec(html)?.[1];
}
