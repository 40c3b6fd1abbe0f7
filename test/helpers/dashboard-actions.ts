import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS } from './browser.ts';

// Browser globals used inside page.evaluate / addInitScript callbacks (they run in Chromium;
// this file is type-checked with the Node libs only, so they are declared here, type-only).
interface BrowserElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  remove(): void;
}
declare const window: { __progress: number[] };
declare const document: { querySelector(selector: string): BrowserElement | null };
declare const navigator: { clipboard: { readText(): Promise<string> } };
declare const MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };

/** One helper per thing a user does in the dashboard; tests read like the user's steps. */

export async function openDashboard(browser: Browser, loginUrl: string, viewport = { width: 1280, height: 800 }, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(loginUrl).origin });
  const page = await context.newPage();
  // Record every value the start-up progress bar shows, from the very first paint.
  await page.addInitScript(() => {
    const seen: number[] = [];
    window.__progress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role=progressbar]');
      const value = Number(bar?.getAttribute('aria-valuenow'));
      if (bar && seen.at(-1) !== value) seen.push(value);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto(loginUrl);
  return page;
}

export async function waitUntilReady(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.waitForSelector('main[data-app-phase=ready]', { timeout: timeoutMs });
}

export async function goTo(page: Page, id: 'health' | 'performance' | 'identity' | 'playground' | 'clients' | 'logs' | 'settings'): Promise<void> {
  await page.click(`[data-testid=nav-${id}]`);
  await page.waitForSelector(`main[data-page=${id}]`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

export async function probeStatus(page: Page, probe: 'database' | 'pgvector' | 'bridge' | 'embeddings'): Promise<string | null> {
  return page.getAttribute(`[data-testid=probe-${probe}]`, 'data-status');
}

export async function waitForProbe(page: Page, probe: 'database' | 'pgvector' | 'bridge' | 'embeddings', status: string, timeoutMs = 60_000): Promise<void> {
  await page.waitForSelector(`[data-testid=probe-${probe}][data-status=${status}]`, { timeout: timeoutMs });
}

/** Runs SQL in the playground; returns whether it failed and the first cell's raw value (cells show it formatted, the title keeps it). */
export async function runSql(page: Page, sql: string): Promise<{ isError: boolean; firstCell: string | null; errorCode: string | null }> {
  await goTo(page, 'playground');
  await page.click('[role=tab]:has-text("SQL")');
  await page.fill('[data-testid=sql-editor]', sql);
  await page.evaluate(() => document.querySelector('[data-testid=tool-result]')?.remove());
  await page.click('[data-testid=run-sql]');
  const result = page.locator('[data-testid=tool-result]');
  await result.waitFor({ timeout: 60_000 });
  const isError = (await result.getAttribute('data-is-error')) === 'true';
  return {
    isError,
    firstCell: isError ? null : await result.locator('[data-testid=result-table] tbody tr:first-child td:first-child').getAttribute('title'),
    errorCode: isError ? await result.locator('[data-testid=error-code]').first().textContent() : null,
  };
}

export async function switchIdentity(page: Page, slug: string): Promise<void> {
  await goTo(page, 'identity');
  await page.check(`[data-testid=identity-${slug}]`);
  await page.click('[data-testid=switch-identity]');
  await page.waitForFunction((s) => document.querySelector('[data-testid=visibility-proof] h2')?.textContent?.includes(s), slug, { timeout: 60_000 });
}

/** Semantic search in the playground; returns the number of result rows. */
export async function searchProducts(page: Page, text: string): Promise<number> {
  await goTo(page, 'playground');
  await page.click('[role=tab]:has-text("Semantic search")');
  await page.fill('[data-testid=search-input]', text);
  await page.click('[data-testid=run-search]');
  const result = page.locator('[data-testid=tool-result]');
  await result.waitFor({ timeout: 60_000 });
  return result.locator('tbody tr').count();
}

/** Copies a client's config with its button and returns what landed on the clipboard. */
export async function copyClientConfig(page: Page, client: 'claude' | 'vscode' | 'cursor'): Promise<string> {
  await goTo(page, 'clients');
  await page.waitForSelector(`[data-testid=copy-${client}]`);
  await page.click(`[data-testid=copy-${client}]`);
  await page.waitForSelector(`[data-testid=copy-${client}]:has-text("Copied")`);
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The number in the Performance page's Calls column for a tool (0 when absent). */
export async function callsShown(page: Page, tool: string): Promise<number> {
  await goTo(page, 'performance');
  await page.waitForSelector('[data-testid=perf-tools]');
  const cell = page.locator(`[data-testid=calls-${tool}]`);
  return (await cell.count()) ? Number(await cell.textContent()) : 0;
}
