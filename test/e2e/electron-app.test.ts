import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { APP_ROOT } from '../../main/kernel/config/app-root.ts';
import { buildElectronApp } from '../../main/build/electron-build.ts';
import { electronRuntime } from '../../main/build/electron-runtime.ts';
import { makeDataDir } from '../helpers/database.ts';
import { goTo, runSql, screenshot, waitForProbe, waitUntilReady } from '../helpers/dashboard-actions.ts';
import type { ZavaApi } from '../../main/kernel/contract.ts';

// Browser globals used inside page.evaluate callbacks (they run in Chromium; type-only here).
declare const window: { api: ZavaApi; __progress: number[] };

// Found without loading the `electron` package (its index would try to download the binary).
const runtime = electronRuntime();
const skip = runtime.ok ? undefined : `the desktop app cannot run here: ${runtime.reason}`;

/**
 * The same main flow as the web dashboard test, in the real Electron app (where a binary and a
 * display exist). Elsewhere each test is skipped with the reason, so the run's summary counts them.
 */
describe('desktop app (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir = '';

  before(async () => {
    if (skip) return;
    dataDir = makeDataDir('zava-electron-');
    await buildElectronApp();
    app = await _electron.launch({
      executablePath: runtime.ok ? runtime.binary : '',
      args: [APP_ROOT],
      env: { ...(process.env as Record<string, string>), ZAVA_DATA_DIR: dataDir, ZAVA_FIRST_RUN_SCALE: 'tiny' },
    });
    page = await app.firstWindow();
  });

  after(async () => {
    if (skip) return;
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens with the preload API, isolated from Node', { skip }, async () => {
    assert.equal(await page.evaluate(() => window.api.shell), 'electron');
    assert.equal(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require), 'undefined');
  });

  test('builds the first-run data, turns Health green and answers a query', { skip }, async () => {
    await waitUntilReady(page);
    await goTo(page, 'health');
    for (const probe of ['database', 'pgvector', 'bridge', 'embeddings'] as const) await waitForProbe(page, probe, 'ok');
    await screenshot(page, 'electron-health');
    const result = await runSql(page, 'SELECT count(*) FROM retail.stores');
    assert.equal(result.firstCell, '8');
  });
});
