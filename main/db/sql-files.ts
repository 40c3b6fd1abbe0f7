import fs from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../kernel/config/app-root.ts';
import { readEnvVar } from '../kernel/config/env.ts';

/** The repository's (or packaged app's) `sql/` directory. */
export const SQL_DIR = readEnvVar('ZAVA_SQL_DIR') ?? path.join(APP_ROOT, 'sql');

const cache = new Map<string, string>();

/** Loads `sql/queries/<name>.sql` once; fixed queries live there, not in string soup. */
export function query(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(SQL_DIR, 'queries', `${name}.sql`), 'utf8');
    cache.set(name, text);
  }
  return text;
}
