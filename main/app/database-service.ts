import type pg from 'pg';
import type { DataPaths } from '../kernel/config/paths.ts';
import type { SettingsFile } from '../kernel/config/settings-file.ts';
import { adminClient, databaseBuilt, openDatabase, type DatabaseTarget } from '../db/database.ts';
import type { Scale } from '../dataset/generate.ts';
import { probeDatabase, type DatabaseHealth } from '../db/health.ts';
import { migrate } from '../db/migrate.ts';
import { resetDatabase, type ResetProgress, type ResetResult } from '../dataset/reset.ts';
import { withResetLock } from '../dataset/reset-lock.ts';
import { ZavaError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';

/** A database probe plus whether the embedded server process exists at all. */
export type DatabaseProbe = DatabaseHealth & { serverRunning: boolean };

/**
 * The app's handle on its database: starts or attaches to the embedded server (holding a
 * lease so it keeps running while the app is open), applies pending migrations, builds the
 * data, and notices when the server was stopped or moved by someone else.
 */
export class DatabaseService {
  private target: DatabaseTarget | undefined;

  constructor(
    private readonly paths: DataPaths,
    private readonly settings: SettingsFile,
    private readonly log: Logger,
  ) {}

  get current(): DatabaseTarget | undefined {
    return this.target;
  }

  /** Starts the embedded server (or attaches to a running one, or to ZAVA_DATABASE_URL). */
  async open(): Promise<DatabaseTarget> {
    const port = this.settings.read().database.port;
    const began = Date.now();
    const previous = this.target;
    this.target = await openDatabase(this.paths, { ...(port !== undefined ? { port } : {}), onLog: (line) => this.log.debug(`postgres: ${line}`) });
    // Leases are counted per process: drop the old handle's only after the new one holds its own.
    await previous?.engine?.release().catch(() => undefined);
    this.log.info(`database: ${this.target.startedHere ? 'started' : 'attached to'} ${this.target.kind} server on 127.0.0.1:${this.target.port} in ${Date.now() - began} ms`);
    return this.target;
  }

  /** The open target, or a clear UNAVAILABLE error. */
  require(): DatabaseTarget {
    if (!this.target) throw new ZavaError('UNAVAILABLE', 'The database is not open yet.', { hint: 'Wait for start-up to finish (see Health).' });
    return this.target;
  }

  async isBuilt(): Promise<boolean> {
    return databaseBuilt(this.require());
  }

  /** Applies migrations added since the data was built (forward-only); returns their names. */
  async migrate(): Promise<string[]> {
    const client = await adminClient(this.require());
    try {
      const result = await migrate(client);
      for (const s of result.skipped) this.log.warn(`migration ${s.name} skipped: ${s.reason}`);
      if (result.applied.length > 0) this.log.info(`migrations applied: ${result.applied.join(', ')}`);
      return result.applied;
    } finally {
      await client.end();
    }
  }

  async build(scale: Scale, seed: number | undefined, onProgress: (p: ResetProgress) => void): Promise<ResetResult> {
    this.log.info(`database: building ${scale} data${seed === undefined ? '' : ` (seed ${seed})`}`);
    const target = this.require();
    const result = await withResetLock(target, () => resetDatabase(target, { scale, ...(seed === undefined ? {} : { seed }), onProgress }));
    this.log.info(`database: built in ${result.timings.totalMs} ms: ${JSON.stringify(result.counts)}`);
    return result;
  }

  /** For the embedded server: is its process alive (postmaster.pid names a live postgres)? */
  serverRunning(): boolean {
    const engine = this.target?.engine;
    return engine ? engine.status().running : this.target !== undefined;
  }

  /**
   * Follows the server when someone else restarted it (possibly on another port): attaches
   * again so our connection settings and lease are current. Never starts a stopped server.
   */
  async reattachIfMoved(): Promise<boolean> {
    const engine = this.target?.engine;
    if (!engine) return false;
    const status = engine.status();
    if (!status.running || status.port === this.target?.port) return false;
    this.log.info(`database: server now on port ${status.port}; attaching again`);
    await this.open();
    return true;
  }

  /** A real probe; a stopped embedded server is reported as such without waiting for a timeout. */
  async probe(): Promise<DatabaseProbe> {
    const target = this.target;
    if (!target) {
      return { ok: false, kind: 'embedded', running: false, serverRunning: false, port: 0, pgvector: { available: false, reason: 'database not open' }, data: { built: false }, error: 'The database has not been opened yet.' };
    }
    if (target.engine && !target.engine.status().running) {
      return {
        ok: false,
        kind: target.kind,
        running: false,
        serverRunning: false,
        port: target.port,
        pgvector: { available: false, reason: 'database not running' },
        data: { built: false },
        error: `The embedded PostgreSQL server is not running (no live postmaster in ${this.paths.cluster}): it was stopped outside the app. Start it from Health or with \`zava-mcp db start\`.`,
      };
    }
    return { ...(await probeDatabase(target)), serverRunning: true };
  }

  async admin(): Promise<pg.Client> {
    return adminClient(this.require());
  }

  /** Drops the app's lease: the server stops unless a bridge or `db start` still holds it. */
  async release(): Promise<void> {
    await this.target?.engine?.release().catch((error: Error) => this.log.warn(`database: release failed: ${error.message}`));
  }
}
