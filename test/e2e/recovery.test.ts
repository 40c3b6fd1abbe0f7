import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt } from '../../main/web/renderer-build.ts';
import { browserSkipReason, launchBrowser } from '../helpers/browser.ts';
import { goTo, openDashboard, runSql, screenshot, waitForProbe, waitUntilReady } from '../helpers/dashboard-actions.ts';
import { startDashboard, type RunningDashboard } from '../helpers/web-dashboard.ts';
import type { ZavaApi } from '../../main/kernel/contract.ts';

// Browser globals used inside page.evaluate callbacks (they run in Chromium; type-only here).
declare const window: { api: ZavaApi; __progress: number[] };

const skip = browserSkipReason();

async function bridgePid(page: Page): Promise<number> {
  const res = await page.evaluate(() => window.api.invoke('bridge:get-state', {}));
  assert.ok(res.ok && res.data.pid, 'the bridge has a pid');
  return res.data.pid;
}

/** What the user sees when the bridge or the database is taken away from outside, and how it comes back. */
describe('recovery in the dashboard (Chromium)', { skip }, () => {
  let browser: Browser;
  let dashboard: RunningDashboard;
  let page: Page;

  before(async () => {
    await ensureRendererBuilt();
    browser = await launchBrowser();
    dashboard = await startDashboard();
    page = await openDashboard(browser, dashboard.loginUrl);
    await waitUntilReady(page);
  });

  after(async () => {
    await browser?.close();
    await dashboard?.stop();
  });

  test('a bridge killed from outside shows as restarting, with the reason, and recovers', async () => {
    await goTo(page, 'health');
    await waitForProbe(page, 'bridge', 'ok');
    const pid = await bridgePid(page);
    process.kill(pid, 'SIGKILL');
    await page.waitForSelector('.sidebar .badge[data-status=restarting]', { timeout: 10_000 });
    await screenshot(page, 'bridge-restarting');
    await page.waitForSelector('.sidebar .badge[data-status=ready]', { timeout: 60_000 });
    assert.notEqual(await bridgePid(page), pid);
    await waitForProbe(page, 'bridge', 'ok');
    const error = await page.textContent('[data-testid=probe-bridge-error]');
    assert.match(error ?? '', /killed by SIGKILL/);
    await screenshot(page, 'bridge-recovered');
    const one = await runSql(page, 'SELECT 1 AS one');
    assert.equal(one.firstCell, '1', JSON.stringify(one));
  });

  test('a database stopped from outside turns Health red with the reason, and green when it is back', async () => {
    await goTo(page, 'health');
    await waitForProbe(page, 'database', 'ok');
    const stop = dashboard.cli('db', 'stop');
    assert.equal(stop.status, 0, stop.stderr);
    await waitForProbe(page, 'database', 'error', 20_000);
    assert.match((await page.textContent('[data-testid=probe-database-error]')) ?? '', /not running|ECONNREFUSED|terminat|shutting down/i);
    await screenshot(page, 'health-database-down');
    const start = dashboard.cli('db', 'start');
    assert.equal(start.status, 0, start.stderr);
    await waitForProbe(page, 'database', 'ok', 30_000);
    await waitForProbe(page, 'bridge', 'ok', 60_000);
    await screenshot(page, 'health-database-back');
    const answer = await runSql(page, 'SELECT count(*) FROM retail.stores');
    assert.equal(answer.isError, false, answer.errorCode ?? '');
    assert.equal(answer.firstCell, '8');
  });
});
