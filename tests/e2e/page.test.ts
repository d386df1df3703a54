/**
 * The page in Debian's Chromium: it loads, shows both endpoints live, and they reach ESTABLISHED
 * and later CLOSED as the default lifecycle plays. Screenshots go to screenshots/ for a person.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
let server: ViteDevServer;
let browser: Browser;
let url: string;

beforeAll(async () => {
  server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
  await server.listen();
  url = server.resolvedUrls!.local[0]!;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
  mkdirSync('screenshots', { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the live readout', () => {
  it.each([
    ['desktop', 1280, 720],
    ['phone', 390, 844],
  ] as const)('plays the default lifecycle at %s size', async (name, width, height) => {
    const page = await browser.newPage({ viewport: { width, height }, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    const client = page.getByRole('region', { name: 'Client' }).getByRole('status');
    const serverState = page.getByRole('region', { name: 'Server' }).getByRole('status');
    await expect.poll(() => client.textContent(), { timeout: 15_000 }).toContain('ESTABLISHED');
    await expect.poll(() => serverState.textContent(), { timeout: 15_000 }).toContain('ESTABLISHED');
    await page.screenshot({ path: `screenshots/readout-${name}.png`, fullPage: true });
    await expect.poll(() => client.textContent(), { timeout: 30_000 }).toContain('CLOSED');
    await expect.poll(() => serverState.textContent(), { timeout: 30_000 }).toContain('CLOSED');
    expect(errors).toEqual([]);
    await page.close();
  });
});
