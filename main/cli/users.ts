import { IDENTITIES, storeBySlug } from '../db/identities.ts';
import { parseFlags } from './args.ts';
import { printJson } from './output.ts';

/** `zava-mcp users [--json]`: identities and which stores each may see. */
export async function usersCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { json: { type: 'boolean', default: false } });
  const users = IDENTITIES.map((i) => ({
    id: i.id,
    slug: i.slug,
    kind: i.kind,
    name: i.displayName,
    role: i.role,
    stores: i.stores.map((s) => storeBySlug(s).name),
  }));
  if (values.json) {
    printJson({ users });
    return 0;
  }
  const width = Math.max(...users.map((u) => u.slug.length));
  for (const u of users) process.stdout.write(`${u.slug.padEnd(width)}  ${u.id}  ${u.kind.padEnd(16)}  ${u.stores.join(', ')}\n`);
  return 0;
}
