// The external server's template: the run's external-server pass (scripts/run-tests.mjs) builds
// one database at TEMPLATE_BUILD on Debian's PostgreSQL the managed way (a CREATEROLE-only admin
// runs the ordinary `db reset` through ZAVA_DATABASE_URL), and each of its files clones it
// (`CREATE DATABASE … TEMPLATE …`) instead of building its own. Run as a script it builds the
// template, prints its descriptor's path, and drops it when its stdin closes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { openDatabase } from '../../main/db/database.ts';
import { RolePasswords, syncIdentities } from '../../main/db/roles.ts';
import { resetDatabase } from '../../main/dataset/reset.ts';
import { dataPaths, type DataPaths } from '../../main/kernel/config/paths.ts';
import { createExternalDatabase, externalTestUrl, type ExternalDatabase } from './external-database.ts';
import { copyRolePasswords, descriptorFromEnv, serveUntilStdinEnds, templateDescriptorSchema } from './template-descriptor.ts';
import { TEMPLATE_BUILD } from './test-server.ts';

export type ExternalTemplate = z.infer<typeof templateDescriptorSchema>;

/** The external pass's template, when scripts/run-tests.mjs built one (ZAVA_TEST_EXTERNAL_TEMPLATE names its descriptor). */
export function externalTemplateFromEnv(): ExternalTemplate | undefined {
  return descriptorFromEnv('ZAVA_TEST_EXTERNAL_TEMPLATE', templateDescriptorSchema);
}

/**
 * A database of this file's own on the external server, cloned from the template and owned by
 * the managed admin. Identity roles are cluster-wide and a file before this one may have rebuilt
 * them with passwords of its own, so the admin re-syncs them from the template's passwords (as
 * the app does on every build), copied into `paths.secrets`.
 */
export async function cloneExternalTemplate(superuserUrl: string, template: ExternalTemplate, paths: DataPaths): Promise<ExternalDatabase> {
  const database = await createExternalDatabase(superuserUrl, { template: template.template });
  try {
    copyRolePasswords(template.rolesFile, paths.secrets);
    const admin = new pg.Client({ connectionString: database.appUrl });
    await admin.connect();
    try {
      await syncIdentities(admin, new RolePasswords(paths.secrets));
    } finally {
      await admin.end();
    }
    return database;
  } catch (error) {
    await database.drop().catch(() => undefined);
    throw error;
  }
}

async function buildExternalTemplate(superuserUrl: string): Promise<{ descriptor: string; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zava-test-external-'));
  const paths = dataPaths(dir);
  const database = await createExternalDatabase(superuserUrl);
  const stop = async () => {
    await database.drop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    process.env.ZAVA_DATABASE_URL = database.appUrl;
    const build = await resetDatabase(await openDatabase(paths), TEMPLATE_BUILD);
    const name = new URL(database.appUrl).pathname.slice(1);
    const descriptor = path.join(dir, 'external-template.json');
    const template: ExternalTemplate = { template: decodeURIComponent(name), rolesFile: path.join(paths.secrets, 'roles.json'), build };
    fs.writeFileSync(descriptor, JSON.stringify(template), { mode: 0o600 });
    return { descriptor, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const url = externalTestUrl();
  if (!url) throw new Error('external-template.ts needs ZAVA_TEST_EXTERNAL_URL (the external server superuser URL)');
  serveUntilStdinEnds(await buildExternalTemplate(url));
}
