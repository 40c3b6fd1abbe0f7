import { dataPaths } from '../kernel/config/paths.ts';
import { clientConfig, clientKindSchema } from '../bridge/client-config.ts';
import { resolveIdentity } from '../db/identities.ts';
import { parseFlags } from './args.ts';
import { printJson, UsageError } from './output.ts';

/** `zava-mcp client-config --client claude|vscode|cursor [--user <identity>]`: a snippet to paste. */
export async function clientConfigCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { client: { type: 'string' }, user: { type: 'string', default: 'seattle' } });
  if (!values.client) throw new UsageError('Missing --client: use claude, vscode or cursor.');
  const kind = clientKindSchema.safeParse(values.client);
  if (!kind.success) throw new UsageError(kind.error.issues[0]!.message);
  const identity = resolveIdentity(values.user);
  const snippet = clientConfig(kind.data, identity, { dataDir: dataPaths().root });
  process.stderr.write(`Paste into ${snippet.file} (${identity.displayName}):\n`);
  printJson(snippet.config);
  return 0;
}
