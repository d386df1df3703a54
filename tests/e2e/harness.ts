/** What the browser tests share: Debian's Chromium and a dev server (scripts/browser.ts has the rest). */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { buildProduction, launchChromium, removeBuild, serveStatic } from '../../scripts/browser';

export { launchChromium } from '../../scripts/browser';

export async function startDevServer(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
  await server.listen();
  return { server, url: server.resolvedUrls!.local[0]! };
}

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

/** Chromium and a dev server for the whole file, started before its tests and stopped after. */
export function withChromiumAndDevServer(): { readonly browser: Browser; readonly url: string } {
  const env = {} as { browser: Browser; url: string; server: ViteDevServer };
  beforeAll(async () => {
    ({ server: env.server, url: env.url } = await startDevServer());
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** A production build of `configs` on a plain static host for the whole file or block: built before its tests, removed after. */
export function withBuiltSite(configs: readonly string[], pages: Readonly<Record<string, string>> = {}): { readonly origin: string; readonly server: Server } {
  const site = {} as { origin: string; server: Server; folder: string };
  beforeAll(async () => {
    site.folder = await buildProduction(configs);
    ({ server: site.server, origin: site.origin } = await serveStatic(site.folder, pages));
  }, 120_000);
  afterAll(() => {
    site.server?.closeAllConnections();
    site.server?.close();
    removeBuild(site.folder);
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
