import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { RESOURCE_MIME_TYPE } from '@modelcontextprotocol/ext-apps/server';
import { appHostPage, showToolResult, type HostWindow } from '../helpers/app-host.ts';
import { startBridge, type BridgeHandle } from '../helpers/bridge.ts';
import { browserSkipReason, launchBrowser, SCREENSHOTS } from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const skip = browserSkipReason();

describe('the MCP App result view in a test host', { skip }, () => {
  let db: TestDatabase;
  let bridge: BridgeHandle;
  let browser: Browser;
  let page: Page;

  before(async () => {
    db = await createTestDatabase({ scale: 'tiny' });
    [bridge, browser] = await Promise.all([startBridge(db.dataDir, 'head-office'), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    await page.setContent(await appHostPage());
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await bridge?.close();
    await db?.close();
  });

  test('the three result tools link the view, served as one self-contained mcp-app document', async () => {
    const { tools } = await bridge.client.listTools();
    for (const name of ['execute_sales_query', 'get_store_performance', 'semantic_search_products']) {
      const meta = tools.find((t) => t.name === name)?._meta as Record<string, any> | undefined;
      assert.equal(meta?.ui?.resourceUri, 'ui://zava/result-view.html', name);
      assert.equal(meta?.['ui/resourceUri'], 'ui://zava/result-view.html', name);
    }
    assert.equal(tools.find((t) => t.name === 'get_current_utc_date')?._meta, undefined);
    const { contents } = await bridge.client.readResource({ uri: 'ui://zava/result-view.html' });
    assert.equal(contents[0]?.mimeType, RESOURCE_MIME_TYPE);
    const html = (contents[0] as { text: string }).text;
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|url\(\s*['"]?https?:/i, 'nothing loaded from elsewhere');
  });

  test('sales by month draws lines and a sortable table from the real bridge', async () => {
    const sql = "SELECT to_char(o.order_date, 'YYYY-MM') AS month, sum(oi.total_amount) AS revenue FROM retail.orders o JOIN retail.order_items oi ON oi.order_id = o.order_id GROUP BY 1 ORDER BY 1";
    const { frame, result } = await showToolResult(page, bridge.client, 'execute_sales_query', { postgresql_query: sql });
    const rows = (result.structuredContent as { n: number }).n;
    assert.equal(await frame.getAttribute('#view', 'data-chart'), 'line');
    assert.ok(await frame.$('.chart canvas'), 'uPlot drew a canvas');
    assert.equal(await frame.locator('.data-table tbody tr').count(), rows);
    // Sorting by revenue (descending first for numbers) puts the largest on top.
    await frame.click('.data-table th:nth-child(2) button');
    const firstTwo = await frame.locator('.data-table tbody tr td:nth-child(2)').evaluateAll((cells) => cells.slice(0, 2).map((c) => Number(c.textContent!.replace(/[^\d.]/g, ''))));
    assert.ok(firstTwo[0]! >= firstTwo[1]!, `sorted descending: ${firstTwo}`);
    await frame.click('[data-testid="download-csv"]');
    await page.waitForFunction(() => (globalThis as unknown as HostWindow).downloads.length > 0);
    const [download] = await page.evaluate(() => (globalThis as unknown as HostWindow).downloads);
    assert.match(download!.text, /^month,revenue\r\n\d{4}-\d\d,/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'mcp-app-sales-by-month.png'), fullPage: true });
  });

  test('store performance draws bars per store with the insights, in the host’s dark theme', async () => {
    const { frame } = await showToolResult(page, bridge.client, 'get_store_performance', {}, 'dark');
    assert.equal(await frame.getAttribute('#view', 'data-chart'), 'bar');
    assert.equal(await frame.getAttribute('html', 'data-theme'), 'dark');
    const background = await frame.$eval('html', (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    assert.ok(background.match(/\d+/g)!.slice(0, 3).every((c) => Number(c) < 80), `a dark background, got ${background}`);
    assert.ok((await frame.locator('.notes li').count()) > 0, 'insights shown');
    assert.equal(await frame.locator('.data-table tbody tr').count(), 8, 'all eight stores for head office');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'mcp-app-store-performance-dark.png'), fullPage: true });
  });

  test('a tool error shows its code and hint instead of a chart', async () => {
    const { frame } = await showToolResult(page, bridge.client, 'execute_sales_query', { postgresql_query: 'SELECT nope FROM retail.orders' });
    assert.equal(await frame.getAttribute('#view', 'data-state'), 'error');
    assert.match((await frame.textContent('.error')) ?? '', /DATABASE_ERROR|VALIDATION_ERROR/);
  });
});
