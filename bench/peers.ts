// Our bridge side by side with other PostgreSQL MCP servers from npm, on the same database, as
// the same login role, in one run: start-up, latency against direct pg on the fifteen questions,
// the size of the answers, and light-query throughput. The peers are installed into a cache
// folder under the OS temp dir (never into the project) and reused by later runs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { identityConfig, openDatabase } from '../main/db/database.ts';
import { dataPaths } from '../main/kernel/config/paths.ts';
import { resolveIdentity } from '../main/db/identities.ts';
import { CLI, REPO_ROOT } from '../test/helpers/bridge.ts';
import { QUESTIONS } from './questions.ts';
import { distribution, timeIt, type Distribution } from './stats.ts';

export const PEER_PACKAGES = ['@modelcontextprotocol/server-postgres@0.6.2', '@bytebase/dbhub@0.21.2', 'mcp-postgres-server@0.3.1'] as const;

/** Consecutive light calls to one target before the next target's turn. */
const LIGHT_RUN = 10;

/** A trivial query whose plan PostgreSQL caches: the per-call overhead is all that is left. */
export const LIGHT_SQL = "SELECT store_name, is_online FROM retail.stores WHERE store_name = 'Zava Retail Seattle'";

interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  /**
   * What a client's configuration for this server sets. The server gets it on top of the
   * variables an MCP SDK client passes by default (HOME, PATH, USER, …), as MCP Inspector and
   * other SDK-based clients launch servers.
   */
  env: Record<string, string>;
  cwd: string;
  /** The tool call that runs one SQL statement. */
  call: (sql: string) => { name: string; arguments: Record<string, unknown> };
}

export interface PeerResult {
  name: string;
  /** Spawn → the tools/list answer read off the pipe by a plain JSON-RPC client (the server's own start-up). */
  wireStartMs: Distribution;
  /** The same, launched with the bench's whole environment (a client that passes its own on, such as an editor). */
  wireStartShellEnvMs?: Distribution;
  /** Spawn → the SDK client's listTools() returning: its connect and its compiling of declared output schemas included. */
  startToToolsListMs: Distribution;
  /** The first light query on a just-started process (its database connection and warm-up included). */
  firstCallMs: Distribution;
  /** Per question: median through the server / median direct. */
  ratios: Record<string, number>;
  geomeanRatio: number;
  /** Characters of text content returned for the fifteen answers. */
  answerChars: number;
  /** The light query in runs of consecutive calls (see LIGHT_RUN). */
  light: Distribution;
  overheadMedianMs: number;
  /** The light query one call per target in turn: each call finds its processes idle, their caches cold. */
  lightInTurns?: Distribution;
  overheadInTurnsMedianMs?: number;
  throughput: { clients: number; calls: number; callsPerSecond: number; latency: Distribution; errors: number };
}

export interface PeersBenchResult {
  installDir: string;
  packages: string[];
  role: string;
  direct: { questions: Record<string, Distribution>; light: Distribution; lightInTurns?: Distribution; throughput: { clients: number; calls: number; callsPerSecond: number } };
  servers: PeerResult[];
}

/** Installs the peers once into `<tmp>/zava-bench-peers-<versions>`; returns that folder. */
export function installPeers(log: (line: string) => void): string {
  const dir = path.join(os.tmpdir(), `zava-bench-peers-${PEER_PACKAGES.map((p) => p.replace(/[^a-z0-9.]+/gi, '_')).join('-').slice(0, 120)}`);
  const bins = ['mcp-server-postgres', 'dbhub', 'mcp-postgres'].map((b) => path.join(dir, 'node_modules', '.bin', b));
  if (bins.every((b) => fs.existsSync(b))) return dir;
  log(`bench peers: installing ${PEER_PACKAGES.join(', ')} into ${dir}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "zava-bench-peers", "private": true }\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', ...PEER_PACKAGES], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0 || !bins.every((b) => fs.existsSync(b))) throw new Error(`installing the peer servers into ${dir} failed (npm exit ${result.status})`);
  return dir;
}

/** Our own ZAVA_* settings of this run (a database URL, a port), as a client config would carry them. */
const zavaEnv = () => Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('ZAVA_') && e[1] !== undefined));

function specs(peersDir: string, url: string, dataDir: string): ServerSpec[] {
  const bin = (name: string) => path.join(peersDir, 'node_modules', '.bin', name);
  return [
    {
      name: 'zava-mcp (ours, cache off)',
      command: process.execPath,
      args: [CLI, 'serve', '--user', 'head-office'],
      env: { ...zavaEnv(), ZAVA_DATA_DIR: dataDir, ZAVA_CACHE_TTL_MS: '0' },
      cwd: REPO_ROOT,
      call: (sql) => ({ name: 'execute_sales_query', arguments: { postgresql_query: sql } }),
    },
    // ZAVA_BENCH_BASELINE_BIN=<checkout>/bin/zava-mcp.mjs adds an older build of ours (before/after in one run).
    ...(process.env.ZAVA_BENCH_BASELINE_BIN
      ? [
          {
            name: `zava-mcp before (${process.env.ZAVA_BENCH_BASELINE_LABEL ?? 'baseline'}, cache off)`,
            command: process.execPath,
            args: [process.env.ZAVA_BENCH_BASELINE_BIN, 'serve', '--user', 'head-office'],
            env: { ...zavaEnv(), ZAVA_DATA_DIR: dataDir, ZAVA_CACHE_TTL_MS: '0' },
            cwd: path.dirname(path.dirname(process.env.ZAVA_BENCH_BASELINE_BIN)),
            call: (sql: string) => ({ name: 'execute_sales_query', arguments: { postgresql_query: sql } }),
          },
        ]
      : []),
    {
      name: '@modelcontextprotocol/server-postgres',
      command: bin('mcp-server-postgres'),
      args: [url],
      env: {},
      cwd: peersDir,
      call: (sql) => ({ name: 'query', arguments: { sql } }),
    },
    {
      name: '@bytebase/dbhub',
      command: bin('dbhub'),
      args: ['--transport', 'stdio', '--dsn', `${url}?sslmode=disable`],
      env: {},
      cwd: peersDir,
      call: (sql) => ({ name: 'execute_sql', arguments: { sql } }),
    },
    {
      name: 'mcp-postgres-server',
      command: bin('mcp-postgres'),
      args: [],
      env: { DATABASE_URL: url, PG_ALLOW_WRITE: 'false' },
      cwd: peersDir,
      call: (sql) => ({ name: 'query', arguments: { sql } }),
    },
  ];
}

/** The environment an MCP SDK client gives a server whose configuration sets `spec.env`. */
const clientEnv = (spec: ServerSpec) => ({ ...getDefaultEnvironment(), ...spec.env });
/** The bench's own environment passed on whole (this machine's shell sets NODE_EXTRA_CA_CERTS, which every Node start then loads). */
const shellEnv = (spec: ServerSpec) => ({ ...(process.env as Record<string, string>), ...spec.env });

async function connect(spec: ServerSpec): Promise<Client> {
  const transport = new StdioClientTransport({ command: spec.command, args: spec.args, env: clientEnv(spec), cwd: spec.cwd, stderr: 'ignore' });
  const client = new Client({ name: 'zava-bench', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/**
 * Spawn → tools/list answered, read off the pipe with no MCP client library: initialize, then
 * (once answered) notifications/initialized and tools/list, as every client sends them. What
 * a client library does with the answer (the SDK's Client compiles every declared output
 * schema with Ajv before listTools() returns) is the client's time, not the server's.
 */
function wireStart(spec: ServerSpec, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(spec.command, spec.args, { env, cwd: spec.cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    let buffered = '';
    let listed: number | undefined;
    child.on('error', reject);
    child.on('exit', () => (listed === undefined ? reject(new Error(`${spec.name} exited before answering tools/list`)) : resolve(listed)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        let id: unknown;
        try {
          id = (JSON.parse(line) as { id?: unknown }).id;
        } catch {
          continue; // a server's stray non-JSON line
        }
        if (id === 1) {
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
        } else if (id === 2 && listed === undefined) {
          listed = performance.now() - started;
          child.stdin.end();
          // Exit is not start-up: a server slow to leave is stopped.
          setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
        }
      }
    });
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'zava-bench', version: '1.0.0' } } });
  });
}

async function callText(client: Client, spec: ServerSpec, sql: string): Promise<number> {
  const result = await client.callTool(spec.call(sql));
  const text = (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('');
  if (result.isError) throw new Error(`${spec.name}: ${text.slice(0, 300)}`);
  return text.length;
}

const geomean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const round = (x: number, places = 3) => Math.round(x * 10 ** places) / 10 ** places;

/** Runs `clients` connections × `perClient` calls of `call` at once; calls/s and per-call latency. */
async function throughput(clients: number, perClient: number, call: (client: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        try {
          latencies.push(await timeIt(() => call(c)));
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { clients, calls: clients * perClient, callsPerSecond: Math.round((clients * perClient) / seconds), latency: distribution(latencies), errors };
}

export async function benchPeers(options: {
  dataDir: string;
  repeats?: number;
  starts?: number;
  clients?: number;
  callsPerClient?: number;
  lightCalls?: number;
  log?: (line: string) => void;
}): Promise<PeersBenchResult> {
  const log = options.log ?? (() => undefined);
  const repeats = options.repeats ?? 5;
  const clients = options.clients ?? 4;
  const perClient = options.callsPerClient ?? 50;
  const lightCalls = options.lightCalls ?? 100;
  const peersDir = installPeers(log);
  const identity = resolveIdentity('head-office');
  const target = await openDatabase(dataPaths(options.dataDir));
  const config = identityConfig(target, identity);
  const url = `postgresql://${encodeURIComponent(String(config.user))}:${encodeURIComponent(String(config.password))}@${config.host}:${config.port}/${config.database}`;
  const direct = new pg.Client({ ...config, options: '-c TimeZone=UTC' });
  await direct.connect();
  const directReadOnly = async (sql: string) => {
    await direct.query('BEGIN READ ONLY');
    await direct.query({ text: sql, rowMode: 'array' });
    await direct.query('ROLLBACK');
  };
  const servers = specs(peersDir, url, options.dataDir);
  const clientsBySpec: Client[] = [];
  try {
    // Every measurement round-robins over direct pg and the servers, so a change in the
    // machine's load during the run (2 shared cores here) hits all of them alike.
    // Spawn → first tools/list answered, then the first call on that fresh process. The client
    // closes outside the timing: how long a server takes to exit once its stdin ends (up to the
    // SDK client's 2 s grace) is not start-up, and is measured alike for nobody.
    log('bench peers: start-up');
    const wireStarts: number[][] = servers.map(() => []);
    const wireStartsShellEnv: number[][] = servers.map(() => []);
    for (let i = 0; i < (options.starts ?? 9); i++) {
      for (const [k, spec] of servers.entries()) {
        wireStarts[k]!.push(await wireStart(spec, clientEnv(spec)));
        wireStartsShellEnv[k]!.push(await wireStart(spec, shellEnv(spec)));
      }
    }
    const starts: number[][] = servers.map(() => []);
    const firstCalls: number[][] = servers.map(() => []);
    for (let i = 0; i < (options.starts ?? 9); i++) {
      for (const [k, spec] of servers.entries()) {
        let client: Client | undefined;
        try {
          starts[k]!.push(
            await timeIt(async () => {
              client = await connect(spec);
              await client.listTools();
            }),
          );
          firstCalls[k]!.push(await timeIt(() => callText(client!, spec, LIGHT_SQL)));
        } finally {
          await client?.close();
        }
      }
    }
    for (const spec of servers) clientsBySpec.push(await connect(spec));

    log('bench peers: the fifteen questions');
    const directQuestions: Record<string, Distribution> = {};
    const ratios: Record<string, number>[] = servers.map(() => ({}));
    const answerChars = servers.map(() => 0);
    for (const q of QUESTIONS) {
      await directReadOnly(q.sql);
      for (const [k, spec] of servers.entries()) answerChars[k] = answerChars[k]! + await callText(clientsBySpec[k]!, spec, q.sql);
      const d: number[] = [];
      const b: number[][] = servers.map(() => []);
      for (let i = 0; i < repeats; i++) {
        d.push(await timeIt(() => directReadOnly(q.sql)));
        for (const [k, spec] of servers.entries()) b[k]!.push(await timeIt(() => callText(clientsBySpec[k]!, spec, q.sql)));
      }
      directQuestions[q.id] = distribution(d);
      for (const k of servers.keys()) ratios[k]![q.id] = round(distribution(b[k]!).median / directQuestions[q.id]!.median);
    }

    // Two ways to take turns, each with its own figure. Consecutive: a run of LIGHT_RUN calls to
    // one target, then the next target's run, round after round: what a client's burst of calls
    // costs, every process involved awake. One by one: a single call to each target in turn, so
    // every call finds its server (and its database backend) idle since the last one and the
    // caches cold from the others' calls: a slower regime, kept beside the first.
    log('bench peers: light query, one client');
    for (let i = 0; i < 10; i++) for (const [k, spec] of servers.entries()) await callText(clientsBySpec[k]!, spec, LIGHT_SQL);
    const lightD: number[] = [];
    const lightB: number[][] = servers.map(() => []);
    for (let round = 0; round < Math.ceil(lightCalls / LIGHT_RUN); round++) {
      for (let i = 0; i < LIGHT_RUN; i++) lightD.push(await timeIt(() => directReadOnly(LIGHT_SQL)));
      for (const [k, spec] of servers.entries()) for (let i = 0; i < LIGHT_RUN; i++) lightB[k]!.push(await timeIt(() => callText(clientsBySpec[k]!, spec, LIGHT_SQL)));
    }
    const directLight = distribution(lightD);
    const turnD: number[] = [];
    const turnB: number[][] = servers.map(() => []);
    for (let i = 0; i < lightCalls; i++) {
      turnD.push(await timeIt(() => directReadOnly(LIGHT_SQL)));
      for (const [k, spec] of servers.entries()) turnB[k]!.push(await timeIt(() => callText(clientsBySpec[k]!, spec, LIGHT_SQL)));
    }
    const directTurns = distribution(turnD);

    log(`bench peers: light query, ${clients} clients x ${perClient} calls`);
    const pool = await Promise.all(
      Array.from({ length: clients }, async () => {
        const c = new pg.Client({ ...config, options: '-c TimeZone=UTC' });
        await c.connect();
        return c;
      }),
    );
    const directThroughput = await throughput(clients, perClient, async (c) => {
      const client = pool[c]!;
      await client.query('BEGIN READ ONLY');
      await client.query({ text: LIGHT_SQL, rowMode: 'array' });
      await client.query('ROLLBACK');
    });
    await Promise.all(pool.map((c) => c.end()));
    const results: PeerResult[] = [];
    for (const [k, spec] of servers.entries()) {
      const many = await Promise.all(Array.from({ length: clients }, () => connect(spec)));
      try {
        for (const c of many) await callText(c, spec, LIGHT_SQL);
        const tp = await throughput(clients, perClient, (c) => callText(many[c]!, spec, LIGHT_SQL));
        const light = distribution(lightB[k]!);
        results.push({
          name: spec.name,
          wireStartMs: distribution(wireStarts[k]!),
          wireStartShellEnvMs: distribution(wireStartsShellEnv[k]!),
          startToToolsListMs: distribution(starts[k]!),
          firstCallMs: distribution(firstCalls[k]!),
          ratios: ratios[k]!,
          geomeanRatio: round(geomean(Object.values(ratios[k]!)), 2),
          answerChars: answerChars[k]!,
          light,
          overheadMedianMs: round(light.median - directLight.median),
          lightInTurns: distribution(turnB[k]!),
          overheadInTurnsMedianMs: round(distribution(turnB[k]!).median - directTurns.median),
          throughput: tp,
        });
      } finally {
        await Promise.all(many.map((c) => c.close()));
      }
    }
    return {
      installDir: peersDir,
      packages: [...PEER_PACKAGES],
      role: identity.role,
      direct: { questions: directQuestions, light: directLight, lightInTurns: directTurns, throughput: { clients, calls: directThroughput.calls, callsPerSecond: directThroughput.callsPerSecond } },
      servers: results,
    };
  } finally {
    await Promise.all(clientsBySpec.map((c) => c.close()));
    await direct.end();
    await target.engine?.release();
  }
}

/** The side-by-side table for the Markdown report. */
export function peersMarkdown(result: PeersBenchResult, table: (headers: string[], rows: (string | number)[][]) => string): string {
  const s = result.servers;
  const kib = (chars: number) => `${(chars / 1024).toFixed(1)} KiB`;
  const rows: (string | number)[][] = [
    ['spawn → tools/list answered (read off the pipe), median ms', ...s.map((x) => (x.wireStartMs ? Math.round(x.wireStartMs.median) : '–'))],
    ['… the same with the bench shell’s whole environment passed on, median ms', ...s.map((x) => (x.wireStartShellEnvMs ? Math.round(x.wireStartShellEnvMs.median) : '–'))],
    ['spawn → SDK client listTools() returned (its schema compiling included), median ms', ...s.map((x) => Math.round(x.startToToolsListMs.median))],
    ['… then the first light query, median ms', ...s.map((x) => (x.firstCallMs ? Math.round(x.firstCallMs.median) : '–'))],
    ['15 questions, geomean × direct pg', ...s.map((x) => x.geomeanRatio.toFixed(2))],
    ['text returned for the 15 answers', ...s.map((x) => kib(x.answerChars))],
    [`light query, 1 client, runs of ${LIGHT_RUN} consecutive calls, median ms (direct ${result.direct.light.median.toFixed(2)})`, ...s.map((x) => x.light.median.toFixed(2))],
    ['overhead over direct pg, median ms', ...s.map((x) => x.overheadMedianMs.toFixed(2))],
    ...(result.direct.lightInTurns
      ? [
          [`light query, 1 client, one call per target in turn (idle processes, cold caches), median ms (direct ${result.direct.lightInTurns.median.toFixed(2)})`, ...s.map((x) => x.lightInTurns?.median.toFixed(2) ?? '–')],
          ['… overhead over direct pg in turns, median ms', ...s.map((x) => x.overheadInTurnsMedianMs?.toFixed(2) ?? '–')],
        ]
      : []),
    [`light query, ${result.direct.throughput.clients} clients × ${result.direct.throughput.calls / result.direct.throughput.clients} calls, calls/s (direct ${result.direct.throughput.callsPerSecond})`, ...s.map((x) => x.throughput.callsPerSecond)],
    ['… per call p50 ms', ...s.map((x) => x.throughput.latency.median.toFixed(2))],
    ['errors', ...s.map((x) => x.throughput.errors)],
  ];
  return [
    `Same database, same login role (${result.role}), one run; peers installed from npm into ${result.installDir}: ${result.packages.join(', ')}.`,
    '',
    'Each server is launched as an MCP SDK client launches it: with the SDK’s default environment (HOME, PATH, USER, …) plus what its configuration sets. The second row passes the bench’s whole environment on instead, as a client that hands down its own does; where that includes NODE_EXTRA_CA_CERTS (this machine’s shell sets it), every Node process loads those certificates before running a line of its code.',
    '',
    table(['metric', ...s.map((x) => x.name)], rows),
  ].join('\n');
}
