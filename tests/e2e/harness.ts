/** What the browser tests share: Debian's Chromium and the built site (scripts/browser.ts has the rest). */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { SITE_CONFIGS, launchChromium, serveStatic } from '../../scripts/browser';
import { builtSite } from '../builtSite';

export { launchChromium } from '../../scripts/browser';

/** Chromium for the whole file: launched before its tests, closed after. */
export function withChromium(): { readonly browser: Browser } {
  const env = {} as { browser: Browser };
  beforeAll(async () => {
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
  });
  return env;
}

/**
 * Chromium for the whole file and the app as users get it: the run's one production build
 * (tests/globalSetup.ts) on a static host of the file's own, at `url` (ending in "/"; `embed.html`
 * and `tcp-handshake.js` are beside `index.html`). A dev server compiled every module again for
 * each new page and worked the CPU the tests share; the build is made once while the unit tests run.
 */
export function withChromiumAndApp(): { readonly browser: Browser; readonly url: string } {
  const env = {} as { browser: Browser; url: string };
  let site: Server | undefined;
  beforeAll(async () => {
    const served = await serveStatic(await builtSite());
    site = served.server;
    env.url = `${served.origin}/`;
    env.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await env.browser?.close();
    site?.closeAllConnections();
    site?.close();
  });
  return env;
}

/**
 * The production build on a plain static host for the whole file or block: the host started before
 * its tests, stopped after. The build is the run's one build of the whole site (tests/globalSetup.ts),
 * which holds what each of `configs` makes (any of SITE_CONFIGS), with the other configs' files beside.
 */
export function withBuiltSite(configs: readonly string[], pages: Readonly<Record<string, string>> = {}): { readonly origin: string; readonly server: Server } {
  const unknown = configs.filter((c) => !(SITE_CONFIGS as readonly string[]).includes(c));
  if (unknown.length > 0) throw new Error(`the shared build is made of ${SITE_CONFIGS.join(', ')}, not ${unknown.join(', ')}`);
  const site = {} as { origin: string; server: Server };
  beforeAll(async () => {
    ({ server: site.server, origin: site.origin } = await serveStatic(await builtSite(), pages));
  }, 120_000);
  afterAll(() => {
    site.server?.closeAllConnections();
    site.server?.close();
  });
  return site;
}

/** Drop a file on the X-ray, as a user drags one from their file manager. */
export async function dropCapture(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const data = await page.evaluateHandle(
    ({ name, b64 }) => {
      const bin = atob(b64);
      const buf = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([buf], name));
      return dt;
    },
    { name, b64: Buffer.from(bytes).toString('base64') },
  );
  await page.dispatchEvent('.capture-view', 'dragover', { dataTransfer: data });
  await page.dispatchEvent('.capture-view', 'drop', { dataTransfer: data });
}
