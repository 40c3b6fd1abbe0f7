import { dataPaths } from '../kernel/config/paths.ts';
import { readEnv } from '../kernel/config/env.ts';
import { listBridges } from '../bridge/registry.ts';
import { probeDatabase } from '../db/health.ts';
import { probeSearch, type SearchStatus } from '../search/status.ts';
import { parseFlags } from './args.ts';
import { printJson } from './output.ts';
import { withDatabase } from './with-database.ts';

/** `zava-mcp status [--json]`: a real probe of database, data, embeddings and bridge. Exit 0 when healthy. */
export async function statusCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { json: { type: 'boolean', default: false } });
  const paths = dataPaths();
  const env = readEnv();
  let wasRunning = false;
  let search: SearchStatus | undefined;
  const database = await withDatabase(async (target) => {
    wasRunning = !target.startedHere;
    const health = await probeDatabase(target);
    if (health.data.built) search = await probeSearch(target);
    return health;
  }).catch((error: Error) => ({ ok: false, error: error.message }) as const);
  const status = {
    ok: database.ok,
    dataDir: paths.root,
    database: { ...database, ...(env.ZAVA_DATABASE_URL ? {} : { startedForProbe: !wasRunning }) },
    bridges: listBridges(paths),
    search: search ?? { ok: false, path: 'unavailable', reason: 'the database is not built' },
  };
  if (values.json) printJson(status);
  else {
    process.stdout.write(`data dir:  ${paths.root}\n`);
    process.stdout.write(`database:  ${'running' in database && database.running ? `running on port ${database.port} (PostgreSQL ${database.version})` : 'not available'}\n`);
    if ('pgvector' in database)
      process.stdout.write(`pgvector:  ${database.pgvector.available ? database.pgvector.version : `absent: ${database.pgvector.reason}`}\n`);
    if ('server' in database && database.server && database.kind === 'external') {
      const { flavour, adminIsSuperuser, missingPrivileges, lockdownGaps } = database.server;
      process.stdout.write(`server:    external (${flavour}), admin login ${adminIsSuperuser ? 'is a superuser' : 'is no superuser'}\n`);
      for (const missing of missingPrivileges) process.stdout.write(`missing:   ${missing}\n`);
      if (lockdownGaps.length > 0)
        process.stdout.write(`lockdown:  ${lockdownGaps.length} write functions stay callable by PUBLIC (revoking them needs a superuser; the bridge's read-only, rolled-back transactions still hold)\n`);
    }
    if ('data' in database && database.data.built)
      process.stdout.write(`data:      ${database.data.scale} scale, seed ${database.data.seed}: ${Object.entries(database.data.counts ?? {}).map(([t, n]) => `${t} ${n}`).join(', ')}\n`);
    const s = status.search;
    process.stdout.write(`search:    ${s.ok ? `${s.path} path, ${s.provider} ${'modelId' in s ? s.modelId : ''}, ${'vectorsStored' in s ? `${s.vectorsStored} of ${s.products} products` : ''}` : `unavailable: ${s.reason}`}\n`);
    process.stdout.write(`bridges:   ${status.bridges.length === 0 ? 'none running' : status.bridges.map((b) => `${b.identity} (${b.transport}, pid ${b.pid})`).join(', ')}\n`);
    if (database.error) process.stdout.write(`problem:   ${database.error}\n`);
  }
  return status.ok ? 0 : 1;
}
