/** What the browser tests of the app share: opening it, and a student's moves on it. */
import type { Browser, Page } from 'playwright-core';

/** A page of the app at `env.url`, and the errors it throws (to be none). */
export function opener(env: { readonly browser: Browser; readonly url: string }) {
  return async (width = 1280, height = 720): Promise<{ page: Page; errors: string[] }> => {
    const page = await env.browser.newPage({ viewport: { width, height }, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.url);
    return { page, errors };
  };
}

export const state = (page: Page, who: 'Client' | 'Server') => page.getByRole('region', { name: who }).getByRole('status');
export const press = (page: Page, who: 'Client' | 'Server', call: string) =>
  page.getByRole('region', { name: who }).getByRole('button', { name: call, exact: true }).click();
export const timeline = (page: Page, name: string) => page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name, exact: true });

/** The server listens, the client connects, and the handshake runs to its end. */
export async function openConnection(page: Page) {
  await press(page, 'Server', 'listen()');
  await press(page, 'Client', 'connect()');
  await runOut(page);
}

/** Step forward until nothing is pending (the engine decides when that is). */
export async function runOut(page: Page, max = 60) {
  for (let i = 0; i < max && (await timeline(page, 'Step forward').isEnabled()); i++) await timeline(page, 'Step forward').click();
}

/** What of the ss -tan panel is cut at its edge (a line running past the panel, or scrolled within it): nothing, at any size. */
export async function ssCut(page: Page): Promise<string[]> {
  await page.locator('.panel.ss').waitFor();
  return page.evaluate(() => {
    const panel = document.querySelector('.panel.ss')!.getBoundingClientRect();
    return [...document.querySelectorAll('.panel.ss pre, .panel.ss .ss-host')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > panel.right + 0.5)
      .map((e) => `${window.innerWidth}: ${e.textContent}`);
  });
}
