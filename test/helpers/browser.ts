import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { APP_ROOT } from '../../main/kernel/config/app-root.ts';

/** Debian's Chromium (installed by `npm test`'s set-up where apt and root are available). */
export const CHROMIUM = process.env.ZAVA_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep Chromium offline and quiet in a container (FACTS: Chromium on these machines). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why UI tests cannot run here, or undefined when they can. */
export function browserSkipReason(): string | undefined {
  return fs.existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (run \`npm test\` as root with apt, or set ZAVA_CHROMIUM)`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Where screenshots go: test-artifacts/screenshots/<name>.png. */
export const SCREENSHOTS = path.join(APP_ROOT, 'test-artifacts', 'screenshots');
