// Screenshots of every dashboard page (light and dark) and of the MCP App in the test host,
// into resources/screenshots/, for the README. Real parts: `zava-mcp web` on tiny data in a
// temp data dir, a real bridge, Debian's Chromium. Run: node --import tsx scripts/screenshots.ts
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { APP_ROOT } from '../main/kernel/config/app-root.ts';
import { appHostPage, showToolResult } from '../test/helpers/app-host.ts';
import { startBridge } from '../test/helpers/bridge.ts';
import { browserSkipReason, launchBrowser } from '../test/helpers/browser.ts';
import { goTo, openDashboard, waitUntilReady } from '../test/helpers/dashboard-actions.ts';
import { startDashboard } from '../test/helpers/web-dashboard.ts';

const OUT = path.join(APP_ROOT, 'resources', 'screenshots');
const PAGES = ['health', 'performance', 'identity', 'playground', 'clients', 'logs', 'settings'] as const;
const MONTHLY =
  "SELECT to_char(o.order_date, 'YYYY-MM') AS month, sum(oi.total_amount) AS revenue FROM retail.orders o JOIN retail.order_items oi ON oi.order_id = o.order_id WHERE o.order_date >= '2024-01-01' GROUP BY 1 ORDER BY 1";
const BY_CATEGORY =
  'SELECT c.category_name AS category, sum(oi.total_amount) AS revenue FROM retail.order_items oi JOIN retail.products p ON p.product_id = oi.product_id JOIN retail.categories c ON c.category_id = p.category_id GROUP BY 1 ORDER BY 2 DESC';

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  process.stderr.write(`screenshots: ${path.relative(APP_ROOT, file)}\n`);
}

/** Fills the playground's SQL editor and runs the query; waits for its result. */
async function runQuery(page: Page, sql: string): Promise<void> {
  await goTo(page, 'playground');
  await page.click('[role=tab]:has-text("SQL")');
  await page.waitForSelector('[data-testid=sql-editor]');
  await page.fill('[data-testid=sql-editor]', sql);
  await page.click('[data-testid=run-sql]');
  await page.waitForSelector('[data-testid=tool-result] [data-testid=result-table]', { timeout: 60_000 });
  await page.waitForTimeout(300);
}

/** Health while the first build runs: neutral "starting" cards, never red. */
async function firstStart(page: Page): Promise<void> {
  try {
    await goTo(page, 'health');
    await page.waitForSelector('[data-testid=probe-database][data-status=pending]', { timeout: 10_000 });
    await shoot(page, 'health-first-start-light');
  } catch (error) {
    process.stderr.write(`screenshots: no first-start shot (${(error as Error).message.split('\n')[0]})\n`);
  }
}

async function dashboardPages(browser: Browser, loginUrl: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    const page = await openDashboard(browser, loginUrl, { width: 1280, height: 860 }, theme);
    if (theme === 'light') await firstStart(page);
    await waitUntilReady(page);
    // Some traffic first, so Performance has calls to chart.
    for (const sql of [MONTHLY, BY_CATEGORY, 'SELECT count(*) AS orders FROM retail.orders']) await runQuery(page, sql);
    for (const id of PAGES) {
      if (id === 'playground') {
        await runQuery(page, MONTHLY);
        await shoot(page, `playground-sql-${theme}`, true);
        await runQuery(page, BY_CATEGORY);
        await shoot(page, `playground-bars-${theme}`, true);
        continue;
      }
      await goTo(page, id);
      if (id === 'performance') await page.waitForSelector('[data-testid=latency-chart] canvas');
      if (id === 'health') await page.waitForSelector('[data-testid=probe-bridge][data-status=ok]', { timeout: 60_000 });
      await page.waitForTimeout(400);
      await shoot(page, `${id}-${theme}`);
    }
    await page.context().close();
  }
}

async function mcpApp(browser: Browser, dataDir: string): Promise<void> {
  const bridge = await startBridge(dataDir, 'head-office');
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 700 } });
    await page.setContent(await appHostPage());
    const shots: [string, string, Record<string, unknown>, 'light' | 'dark'][] = [
      ['mcp-app-sales-by-month', 'execute_sales_query', { postgresql_query: MONTHLY }, 'light'],
      ['mcp-app-store-performance-dark', 'get_store_performance', {}, 'dark'],
      ['mcp-app-products', 'semantic_search_products', { query_description: 'cordless drill with a battery', max_rows: 6 }, 'light'],
      ['mcp-app-kpi-dark', 'execute_sales_query', { postgresql_query: 'SELECT count(DISTINCT o.order_id) AS orders, sum(oi.total_amount) AS revenue, avg(oi.total_amount) AS avg_item_value FROM retail.orders o JOIN retail.order_items oi ON oi.order_id = o.order_id' }, 'dark'],
    ];
    for (const [name, tool, args, theme] of shots) {
      await showToolResult(page, bridge.client, tool, args, theme);
      await page.waitForTimeout(300);
      await shoot(page, name, true);
    }
  } finally {
    await bridge.close();
  }
}

async function main(): Promise<void> {
  const skip = browserSkipReason();
  if (skip) throw new Error(skip);
  fs.mkdirSync(OUT, { recursive: true });
  const dashboard = await startDashboard({ scale: 'tiny' });
  const browser = await launchBrowser();
  try {
    await dashboardPages(browser, dashboard.loginUrl);
    await mcpApp(browser, dashboard.dataDir);
  } finally {
    await browser.close();
    await dashboard.stop();
  }
}

await main();
