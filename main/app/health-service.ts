import type { BridgeService } from './bridge-service.ts';
import type { SettingsFile } from '../kernel/config/settings-file.ts';
import type { HealthReport, Probe } from '../kernel/contract.ts';
import type { DatabaseService } from './database-service.ts';
import type { EmbeddingsStatus } from './embeddings-probe.ts';

type ProbeName = keyof Omit<HealthReport, 'checkedAt'>;

export interface HealthDeps {
  database: Pick<DatabaseService, 'probe'>;
  bridge: Pick<BridgeService, 'state' | 'ping' | 'listTools'>;
  settings: Pick<SettingsFile, 'read'>;
  embeddings: () => Promise<EmbeddingsStatus>;
  /** While the app is still starting (building the data), failures are expected and not kept as "last error". */
  starting?: () => boolean;
}

/**
 * Health from real probes: a query against the database, pgvector as the server reports it,
 * an MCP ping and tool list through the running bridge, and the embeddings status. Each
 * probe's last error is kept (with its time) after it recovers, so a blip is not lost.
 */
export class HealthService {
  private readonly lastErrors = new Map<ProbeName, { message: string; at: string }>();

  constructor(private readonly deps: HealthDeps) {}

  async report(): Promise<HealthReport> {
    const [database, bridge] = await Promise.all([this.probeDatabase(), this.probeBridge()]);
    const embeddings = database.db.status === 'ok' ? await this.probeEmbeddings() : this.skipped('embeddings', 'Needs the database.');
    const report = { database: database.db, pgvector: database.vector, bridge, embeddings, checkedAt: new Date().toISOString() };
    return this.deps.starting?.() ? whileStarting(report) : report;
  }

  private async probeDatabase(): Promise<{ db: Probe; vector: Probe }> {
    const began = performance.now();
    const h = await this.deps.database.probe();
    const latencyMs = round(performance.now() - began);
    const details = {
      kind: h.kind,
      port: h.port,
      serverRunning: h.serverRunning,
      version: h.version ?? null,
      scale: h.data.scale ?? null,
      seed: h.data.seed ?? null,
      orders: h.data.counts?.orders ?? null,
      products: h.data.counts?.products ?? null,
    };
    const db = h.ok
      ? this.probe('database', 'ok', `PostgreSQL ${h.version?.split(' ')[0] ?? ''} (${h.kind}) on 127.0.0.1:${h.port}; ${h.data.scale} data, ${details.orders} orders.`, details, latencyMs)
      : this.probe('database', 'error', h.running ? 'The database answers but is not ready.' : 'The database is not reachable.', details, latencyMs, h.error ?? 'unknown error');
    const vector = h.pgvector.available
      ? this.probe('pgvector', 'ok', `pgvector ${h.pgvector.version} is installed in the app database.`, { version: h.pgvector.version ?? null }, null)
      : h.pgvector.onServer
        ? this.probe('pgvector', 'warn', `pgvector ${h.pgvector.onServer} is on the server but not created in the app database: search uses an exact scan.`, { onServer: h.pgvector.onServer }, null, h.pgvector.reason)
        : h.running
          ? this.probe('pgvector', 'warn', 'pgvector is not installed on this server: search falls back to an exact scan.', {}, null, h.pgvector.reason ?? 'not installed')
          : this.probe('pgvector', 'error', 'Unknown while the database is down.', {}, null, h.pgvector.reason ?? 'database not running');
    return { db, vector };
  }

  private async probeBridge(): Promise<Probe> {
    const state = this.deps.bridge.state();
    const details = { status: state.status, identity: state.identity, pid: state.pid, restarts: state.restarts };
    if (state.status !== 'ready') {
      const summary =
        state.status === 'restarting'
          ? `Restarting (restart ${state.restarts})${state.nextRetryAt ? `, next attempt at ${state.nextRetryAt.slice(11, 19)} UTC` : ''}.`
          : state.status === 'starting'
            ? 'Starting…'
            : 'Stopped.';
      return this.probe('bridge', state.status === 'starting' ? 'pending' : 'error', summary, details, null, state.lastError ?? undefined);
    }
    try {
      const began = performance.now();
      const ping = await this.deps.bridge.ping(5_000);
      const tools = await this.deps.bridge.listTools();
      const latencyMs = round(performance.now() - began);
      return this.probe('bridge', 'ok', `Ready as ${state.identity} (pid ${state.pid}): ping ${round(ping)} ms, ${tools.length} tools.`, { ...details, tools: tools.length }, latencyMs);
    } catch (error) {
      return this.probe('bridge', 'error', 'The bridge did not answer a ping.', details, null, (error as Error).message);
    }
  }

  private async probeEmbeddings(): Promise<Probe> {
    const began = performance.now();
    const s = await this.deps.embeddings();
    return this.probe('embeddings', s.status, s.summary, s.details, round(performance.now() - began), s.error);
  }

  private skipped(name: ProbeName, summary: string): Probe {
    return this.probe(name, 'unavailable', summary, {}, null);
  }

  private probe(name: ProbeName, status: Probe['status'], summary: string, details: Probe['details'], latencyMs: number | null, error?: string): Probe {
    const now = new Date().toISOString();
    if (error && !this.deps.starting?.()) this.lastErrors.set(name, { message: error, at: now });
    const last = this.lastErrors.get(name);
    return { status, summary, details, lastError: last?.message ?? null, lastErrorAt: last?.at ?? null, checkedAt: now, latencyMs };
  }
}

/** What each card says while the app is still starting: expected, so neutral, never red. */
const STARTING_SUMMARY: Record<keyof Omit<HealthReport, 'checkedAt'>, string> = {
  database: 'Starting: the app is starting or building its database (on a first run, about a minute).',
  pgvector: 'Checked when the database is built (the build creates the extension).',
  bridge: 'Starts when the database is ready.',
  embeddings: 'Checked when the database is built.',
};

/** During start-up (first build included) a probe that is not OK yet is pending, not failing. */
export function whileStarting(report: HealthReport): HealthReport {
  const pending = (name: keyof typeof STARTING_SUMMARY): Probe => {
    const probe = report[name];
    return probe.status === 'ok' ? probe : { ...probe, status: 'pending', summary: probe.status === 'pending' ? probe.summary : STARTING_SUMMARY[name] };
  };
  return { ...report, database: pending('database'), pgvector: pending('pgvector'), bridge: pending('bridge'), embeddings: pending('embeddings') };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
