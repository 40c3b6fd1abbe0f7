import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Browser, Page } from 'playwright-core';
import pg from 'pg';
import { dataPaths } from '../../main/kernel/config/paths.ts';
import { openDatabase, adminConfig, type DatabaseTarget } from '../../main/db/database.ts';
import { pickFreePort } from '../../main/db/postmaster.ts';
import { ensureRendererBuilt } from '../../main/web/renderer-build.ts';
import { browserSkipReason, launchBrowser } from '../helpers/browser.ts';
import { callsShown, copyClientConfig, goTo, openDashboard, runSql, screenshot, searchProducts, switchIdentity, waitForProbe, waitUntilReady } from '../helpers/dashboard-actions.ts';
import { startDashboard, type RunningDashboard } from '../helpers/web-dashboard.ts';
import { startEmbeddingsStub, type EmbeddingsStub } from '../helpers/embeddings-stub.ts';
import type { ZavaApi } from '../../main/kernel/contract.ts';

// Browser globals used inside page.evaluate callbacks (they run in Chromium; type-only here).
declare const window: { api: ZavaApi; __progress: number[] };
declare const document: { body: unknown; activeElement: { getAttribute(name: string): string | null } | null; querySelector(s: string): { textContent: string | null } | null };
declare const getComputedStyle: (element: unknown) => { backgroundColor: string };
declare const navigator: { clipboard: { readText(): Promise<string> } };

const skip = browserSkipReason();

/** The dashboard's main flow in real Chromium, against a real database and the real bridge. */
describe('web dashboard (Chromium, real database and bridge)', { skip }, () => {
  let browser: Browser;
  let dashboard: RunningDashboard;
  let page: Page;
  let target: DatabaseTarget;
  /** The OpenAI-compatible embeddings server, answering from this process (the dashboard is a child). */
  let stub: EmbeddingsStub;
  const superuser = async (sql: string) => {
    const client = new pg.Client(adminConfig(target));
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  before(async () => {
    await ensureRendererBuilt();
    browser = await launchBrowser();
    stub = await startEmbeddingsStub({ apiKey: 'sk-e2e-good', dimensions: 64 });
    dashboard = await startDashboard();
    page = await openDashboard(browser, dashboard.loginUrl);
  });

  after(async () => {
    await target?.engine?.release();
    await browser?.close();
    await dashboard?.stop();
    await stub?.close();
  });

  test('first-run progress completes and the app becomes ready; Health is never red meanwhile', async () => {
    // Poll Health from the page while the first build runs: every card not yet OK must be pending.
    const statuses = new Set<string>();
    let ready = false;
    const watching = (async () => {
      while (!ready) {
        const report = await page.evaluate(() => window.api.invoke('health:get-report', {})).catch(() => undefined);
        if (report?.ok) for (const [name, probe] of Object.entries(report.data)) if (typeof probe === 'object') statuses.add(`${name}:${probe.status}`);
        await new Promise((r) => setTimeout(r, 400));
      }
    })();
    await waitUntilReady(page).finally(() => (ready = true));
    await watching;
    assert.deepEqual([...statuses].filter((s) => s.endsWith(':error')), [], `health during the first start: ${[...statuses].join(', ')}`);
    assert.ok([...statuses].some((s) => s.endsWith(':pending')), `a pending card was shown: ${[...statuses].join(', ')}`);
    const seen = await page.evaluate(() => window.__progress);
    assert.ok(seen.length >= 2, `progress values seen: ${JSON.stringify(seen)}`);
    assert.ok(seen.at(-1)! >= 90, `progress reached ${seen.at(-1)}`);
    const state = await page.evaluate(() => window.api.invoke('app:get-state', {}));
    assert.ok(state.ok && state.data.phase === 'ready' && state.data.readyAt);
    target = await openDatabase(dataPaths(dashboard.dataDir));
  });

  test('Health shows all green from real probes', async () => {
    await goTo(page, 'health');
    for (const probe of ['database', 'pgvector', 'bridge', 'embeddings'] as const) await waitForProbe(page, probe, 'ok');
    await screenshot(page, 'health');
  });

  test('switching from Seattle to head office changes what the playground counts, to the superuser numbers', async () => {
    const perStore = await superuser('SELECT s.store_name, count(o.*)::int AS n FROM retail.stores s LEFT JOIN retail.orders o USING (store_id) GROUP BY 1');
    const seattleTruth = perStore.find((r) => r.store_name === 'Zava Retail Seattle')!.n;
    const allTruth = perStore.reduce((sum, r) => sum + r.n, 0);
    const asSeattle = await runSql(page, 'SELECT count(*) FROM retail.orders');
    assert.equal(Number(asSeattle.firstCell), seattleTruth);
    await screenshot(page, 'playground-sql');
    await switchIdentity(page, 'head-office');
    await screenshot(page, 'identity');
    const asHeadOffice = await runSql(page, 'SELECT count(*) FROM retail.orders');
    assert.equal(Number(asHeadOffice.firstCell), allTruth);
    assert.ok(allTruth > seattleTruth);
  });

  test('a semantic search returns products, and an SQL error shows its code', async () => {
    const before = { sql: await callsShown(page, 'execute_sales_query'), search: await callsShown(page, 'semantic_search_products') };
    const rows = await searchProducts(page, 'cordless drill');
    assert.ok(rows > 0, 'search rows');
    await screenshot(page, 'playground-search');
    const failed = await runSql(page, 'SELECT no_such_column FROM retail.orders');
    assert.equal(failed.isError, true);
    assert.equal(failed.errorCode, 'DATABASE_ERROR');
    await screenshot(page, 'playground-error');
    // The Performance page counts exactly the calls just made (from every bridge process).
    await page.waitForFunction(() => true);
    const after = { sql: await callsShown(page, 'execute_sales_query'), search: await callsShown(page, 'semantic_search_products') };
    assert.equal(after.search - before.search, 1);
    assert.equal(after.sql - before.sql, 1);
    await page.waitForSelector('[data-testid=latency-chart]');
    await screenshot(page, 'performance');
  });

  test('the Claude Desktop config copied from the Clients page starts a working bridge', async () => {
    const copied = await copyClientConfig(page, 'claude');
    await screenshot(page, 'clients');
    const config = JSON.parse(copied) as { mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }> };
    const [name, server] = Object.entries(config.mcpServers)[0]!;
    assert.equal(name, 'zava-head-office');
    const transport = new StdioClientTransport({ command: server.command, args: server.args, env: server.env, stderr: 'pipe' });
    const client = new Client({ name: 'claude-desktop-stand-in', version: '1.0.0' });
    try {
      await client.connect(transport);
      const tools = (await client.listTools()).tools.map((t) => t.name);
      for (const tool of ['get_multiple_table_schemas', 'execute_sales_query', 'semantic_search_products', 'get_current_utc_date']) assert.ok(tools.includes(tool), tool);
    } finally {
      await client.close();
    }
  });

  test('turning on HTTP in Settings gives a URL and token that a client can use', async () => {
    const port = await pickFreePort();
    await goTo(page, 'settings');
    await page.check('[data-testid=http-enabled]');
    await page.fill('[data-testid=http-port]', String(port));
    await page.click('[data-testid=save-settings]');
    await page.waitForSelector('.note:has-text("Saved")');
    await goTo(page, 'clients');
    await page.waitForSelector('[data-testid=http-config][data-status=ready]', { timeout: 60_000 });
    const url = await page.textContent('[data-testid=http-url]');
    assert.equal(url, `http://127.0.0.1:${port}/mcp`);
    await page.click('[data-testid=copy-http-token]');
    const token = await page.evaluate(() => navigator.clipboard.readText());
    await screenshot(page, 'clients-http');
    const client = new Client({ name: 'http-client', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url!), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    try {
      assert.ok((await client.listTools()).tools.some((t) => t.name === 'execute_sales_query'));
    } finally {
      await client.close();
    }
  });

  test('Logs and Settings pages render, and every page is readable at 1920×1080 and in dark mode', async () => {
    await goTo(page, 'logs');
    await page.waitForFunction(() => (document.querySelector('[data-testid=log-view]')?.textContent ?? '').includes('bridge'));
    await screenshot(page, 'logs');
    await goTo(page, 'settings');
    await page.waitForSelector('[data-testid=data-dir]');
    await screenshot(page, 'settings');
    const wide = await openDashboard(browser, dashboard.loginUrl, { width: 1920, height: 1080 }, 'dark');
    await waitUntilReady(wide);
    for (const id of ['health', 'performance', 'identity', 'playground'] as const) {
      await goTo(wide, id);
      await wide.waitForTimeout(600);
      await screenshot(wide, `${id}-1920-dark`);
    }
    const background = await wide.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(15, 19, 24)', 'dark theme from prefers-color-scheme');
    await wide.context().close();
    await page.click('[data-testid=theme-toggle]');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark', 'the toggle overrides the system theme');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(15, 19, 24)', 'the chosen dark theme applies on a light system');
    await page.click('[data-testid=theme-toggle]');
    await page.click('[data-testid=theme-toggle]');
  });

  test('Settings rebuilds the database only after the typed confirmation, with progress', async () => {
    await goTo(page, 'settings');
    await page.click('[data-testid=open-reset]');
    const confirm = page.locator('dialog button[type=submit]');
    assert.equal(await confirm.isDisabled(), true);
    await page.fill('[data-testid=reset-confirm]', 'RESET');
    await page.selectOption('dialog select', 'tiny');
    await screenshot(page, 'settings-reset-dialog');
    await confirm.click();
    await page.waitForSelector('[data-testid=startup-banner][data-phase=building]', { timeout: 30_000 });
    await waitUntilReady(page);
    await goTo(page, 'health');
    await waitForProbe(page, 'database', 'ok');
    await waitForProbe(page, 'bridge', 'ok');
  });

  test('Settings builds the vectors of another provider with progress, and search then uses them', async () => {
    await goTo(page, 'settings');
    await page.selectOption('[data-testid=embeddings-provider]', 'openai-compatible');
    await page.fill('[data-testid=embeddings-model]', 'stub-embed');
    await page.fill('[data-testid=embeddings-base-url]', stub.baseURL);
    await page.fill('[data-testid=embeddings-dimensions]', '64');
    assert.equal(await page.isDisabled('[data-testid=build-embeddings]'), true, 'unsaved provider settings cannot be built');
    await page.click('[data-testid=save-settings]');
    await page.waitForSelector('.note:has-text("Saved")');
    await page.fill('[data-testid=embeddings-api-key]', 'sk-e2e-good');
    await page.click('[data-testid=save-api-key]');
    await page.waitForSelector('text=(set; stored encrypted or 0600, never shown)');
    // Slow answers so the running state (progress bar, "N of M", Cancel) is on screen for a while.
    stub.behaviour.delayMs = 1_500;
    // Keyboard: focus the button and press Enter.
    await page.focus('[data-testid=build-embeddings]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=embeddings-build][data-status=running] [role=progressbar]', { timeout: 30_000 });
    // The first batch lands: "N of M" with N > 0, and the bar moves.
    await page.waitForFunction(() => /^[1-9]\d* of \d+ products/.test(document.querySelector('[data-testid=embeddings-count]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const bar = Number(await page.getAttribute('[data-testid=embeddings-build] [role=progressbar]', 'aria-valuenow'));
    assert.ok(bar > 0 && bar < 100, `progress bar at ${bar}%`);
    assert.equal(await page.isVisible('[data-testid=cancel-embeddings]'), true);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'cancel-embeddings', 'focus moves to Cancel');
    await screenshot(page, 'settings-embeddings-running');
    stub.behaviour.delayMs = 0;
    await page.waitForSelector('[data-testid=embeddings-build][data-status=done]', { timeout: 120_000 });
    const result = (await page.textContent('[data-testid=embeddings-result]')) ?? '';
    const port = new URL(stub.baseURL).port;
    assert.match(result, new RegExp(`Built \\d+ vectors for compat@127\\.0\\.0\\.1:${port}:stub-embed:64`));
    assert.ok(stub.requests.length > 0 && stub.requests.every((r) => r.authorization === 'Bearer sk-e2e-good'));
    await page.locator('[data-testid=embeddings-build]').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-embeddings');
    await page.click('[data-testid=theme-toggle]');
    await page.locator('[data-testid=embeddings-build]').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-embeddings-dark');
    await page.click('[data-testid=theme-toggle]');
    await page.click('[data-testid=theme-toggle]');
    // The bridge restarted onto the new set: the playground's search answers with the stub's model.
    const asked = stub.requests.length;
    assert.ok((await searchProducts(page, 'paint bucket with lid')) > 0, 'search rows');
    assert.ok(stub.requests.length > asked, 'the query was embedded by the chosen provider');
  });
});
