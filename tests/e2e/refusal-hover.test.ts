/**
 * A newcomer clicks listen() on the server and connect() on the client, and leaves the pointer
 * where it is. connect() is then refused ("connection already exists"), but its reason must not pop
 * up over the client's other controls and timer for the whole handshake: the pointer that made the
 * call is not told why it is refused now. Moved away and back, it is (as before).
 */
import { describe, expect, it } from 'vitest';
import { withChromiumAndApp } from './harness';

const env = withChromiumAndApp();

describe('a call just made, the pointer resting on it', () => {
  it('connect() clicked: its refusal stays hidden while the pointer rests there, and shows when hovered again', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?lang=en`);
    await page.getByRole('region', { name: 'Server' }).getByRole('button', { name: 'listen()' }).click();
    const connect = page.getByRole('region', { name: 'Client' }).getByRole('button', { name: 'connect()' });
    await connect.click();
    const reason = page
      .getByRole('region', { name: 'Client' })
      .locator('.call')
      .filter({ has: page.getByRole('button', { name: 'connect()' }) })
      .locator('.reason');
    await reason.waitFor({ state: 'attached' });
    expect(await reason.textContent()).toBe('connection already exists');
    // Well past the tooltip's 0.6 s delay, the pointer still on the button: hidden.
    await page.waitForTimeout(1200);
    expect(await reason.evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden');
    // Away and back: the reason shows.
    await page.mouse.move(640, 600);
    await connect.hover();
    await expect.poll(() => reason.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    await page.close();
  }, 60_000);
});
