import { dataPaths } from '../config/paths.ts';
import { readEnv } from '../config/env.ts';
import { listBridges } from '../bridge/registry.ts';
import { probeDatabase } from '../db/health.ts';
import { parseFlags } from './args.ts';
import { printJson } from './output.ts';
import { withDatabase } from './with-database.ts';

/** `zava-mcp status [--json]`: a real probe of database, data, embeddings and bridge. Exit 0 when healthy. */
export async function statusCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { json: { type: 'boolean', default: false } });
  const paths = dataPaths();
  const env = readEnv();
  let wasRunning = false;
  const database = await withDatabase(async (target) => {
    wasRunning = !target.startedHere;
    return probeDatabase(target);
  }).catch((error: Error) => ({ ok: false, error: error.message }) as const);
  const status = {
    ok: database.ok,
    dataDir: paths.root,
    database: { ...database, ...(env.ZAVA_DATABASE_URL ? {} : { startedForProbe: !wasRunning }) },
    bridges: listBridges(paths),
  };
  if (values.json) printJson(status);
  else {
    process.stdout.write(`data dir:  ${paths.root}\n`);
    process.stdout.write(`database:  ${'running' in database && database.running ? `running on port ${database.port} (PostgreSQL ${database.version})` : 'not available'}\n`);
    if ('pgvector' in database)
      process.stdout.write(`pgvector:  ${database.pgvector.available ? database.pgvector.version : `absent: ${database.pgvector.reason}`}\n`);
    if ('data' in database && database.data.built)
      process.stdout.write(`data:      ${database.data.scale} scale, seed ${database.data.seed}: ${Object.entries(database.data.counts ?? {}).map(([t, n]) => `${t} ${n}`).join(', ')}\n`);
    process.stdout.write(`bridges:   ${status.bridges.length === 0 ? 'none running' : status.bridges.map((b) => `${b.identity} (${b.transport}, pid ${b.pid})`).join(', ')}\n`);
    if (database.error) process.stdout.write(`problem:   ${database.error}\n`);
  }
  return status.ok ? 0 : 1;
}
