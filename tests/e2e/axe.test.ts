/** axe-core on every view, in Debian's Chromium: no violations. */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { withChromiumAndApp } from './harness';

const env = withChromiumAndApp();

describe('accessibility (axe-core)', () => {
  it.each([
    ['the main page', '', 'light'],
    ['the main page, dark', '', 'dark'],
    ['a lesson', '?scenario=four-way-close', 'light'],
    ['the high-contrast theme', '?scenario=four-way-close&theme=contrast', 'light'],
    ['the dark theme chosen on a light system', '?theme=dark', 'light'],
    ['a pile-up', '?scenario=time-wait-pileup', 'light'],
    ['presentation mode', '?scenario=three-way-handshake&present=1', 'light'],
    ['presentation mode, free play (its calls shown)', '?present=1', 'light'],
    ['practice', 'practice.html?seed=7', 'light'],
    ['practice, dark', 'practice.html?seed=7', 'dark'],
    ['the embed', 'embed.html?scenario=syn-lost&controls=full', 'light'],
    ['the embed, dark', 'embed.html?scenario=syn-lost&theme=dark', 'dark'],
  ] as const)('%s has no violations', async (_, path, scheme) => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(env.url + path);
    await page.locator('.app, .practice-page').first().waitFor();
    await page.waitForTimeout(500); // let fade-ins finish, so colours are final
    const results = await new AxeBuilder({ page }).analyze();
    const found = results.violations.map(
      (v) =>
        `${v.id}: ${v.nodes.length} (${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')})`,
    );
    expect(found).toEqual([]);
    await context.close();
  });
});
