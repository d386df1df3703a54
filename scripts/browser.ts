/**
 * What the browser tests and the benchmark share: Debian's Chromium with the flags this machine
 * needs, production builds into a fresh folder, and a plain static host for them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';

/** Flags Chromium needs here: as root, with no GPU, and no reaching out to the network. */
export const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `env` is Chromium's environment (the font test hides the system's Korean fonts with FONTCONFIG_FILE). */
export const launchChromium = (env?: Record<string, string>): Promise<Browser> =>
  chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS, ...(env ? { env } : {}) });

/** The configs `npm run build` runs, in its order (the first one empties the folder; practice.html is built before the app, whose offline worker precaches it). */
export const SITE_CONFIGS = ['vite.practice.config.ts', 'vite.config.ts', 'vite.embed.config.ts', 'vite.element.config.ts', 'vite.text.config.ts'] as const;

/** Build the given Vite configs into one fresh folder, as `npm run build` does (Vitest sets NODE_ENV=test, which would give React's dev JSX). */
export async function buildProduction(configs: readonly string[], out = mkdtempSync(join(tmpdir(), 'handshake-build-'))): Promise<string> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    for (const [i, configFile] of configs.entries()) await build({ configFile, logLevel: 'silent', build: { outDir: out, emptyOutDir: i === 0 } });
  } finally {
    process.env.NODE_ENV = before;
  }
  return out;
}

/** Remove a folder buildProduction made (each run makes fresh ones; they would pile up in /tmp). */
export const removeBuild = (folder: string | undefined): void => {
  if (folder) rmSync(folder, { recursive: true, force: true });
};

/** A plain static host for built files (no CORS headers, UTF-8), plus any extra pages by path; `/` is index.html unless a page takes it. */
export async function serveStatic(folder: string, pages: Readonly<Record<string, string>> = {}): Promise<{ server: Server; origin: string }> {
  const types: Record<string, string> = {
    html: 'text/html; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    css: 'text/css; charset=utf-8',
    svg: 'image/svg+xml',
    woff2: 'font/woff2',
    webmanifest: 'application/manifest+json',
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    // A page of the test's own: HTML unless its name says otherwise (an .svg to show as an image).
    if (pages[path] !== undefined) return void res.writeHead(200, { 'content-type': types[path.split('.').pop()!] ?? types.html! }).end(pages[path]);
    const file = path === '/' ? '/index.html' : path;
    const type = types[file.split('.').pop()!];
    // Names and one folder level only: nothing outside the build can be asked for.
    if (!type || !/^\/([\w-]+\/)?[\w.-]+$/.test(file) || file.includes('..')) return void res.writeHead(404).end();
    let body: Buffer;
    try {
      body = readFileSync(join(folder, file));
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
