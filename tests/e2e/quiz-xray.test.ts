/**
 * Two small things a reader met (issue 23): the quiz's question straddled its box's top border,
 * and the X-ray list's end-state column never said which state was the client's.
 */
import { describe, expect, it } from 'vitest';
import { busyServerCapture } from '../../tools/captures/busy-server';
import { dropCapture as drop, withChromiumAndApp } from './harness';

const env = withChromiumAndApp();

describe('the quiz question', () => {
  for (const [lang, quizName] of [
    ['en', 'Quiz me: ask before each state change'],
    ['ko', undefined],
  ] as const) {
    it(`sits inside its box, clear of the border (${lang})`, async () => {
      const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${env.url}?scenario=three-way-handshake&lang=${lang}`);
      const quiz = quizName ? page.getByRole('region', { name: quizName }) : page.locator('.quiz');
      await quiz.getByRole('switch').click();
      const fieldset = quiz.locator('fieldset');
      await fieldset.waitFor();
      const box = (await fieldset.boundingBox())!;
      const legend = (await quiz.locator('legend').boundingBox())!;
      const border = await fieldset.evaluate((f) => parseFloat(getComputedStyle(f).borderTopWidth));
      expect(border).toBeGreaterThan(0);
      // Wholly below the top border line and within the box on every side.
      expect(legend.y).toBeGreaterThanOrEqual(box.y + border);
      expect(legend.x).toBeGreaterThan(box.x);
      expect(legend.x + legend.width).toBeLessThan(box.x + box.width);
      // The choices come after it, not beside or under it.
      const first = (await quiz.locator('.choice').first().boundingBox())!;
      expect(first.y).toBeGreaterThanOrEqual(legend.y + legend.height);
      expect(first.y + first.height).toBeLessThanOrEqual(box.y + box.height);
      await page.close();
    });
  }
});

describe("the X-ray list's end states", () => {
  for (const [lang, heading, drawn] of [
    ['en', 'Ends in (client / server)', /^FIN-WAIT-2 \/ CLOSE-WAIT$/],
    ['ko', '끝 상태 (클라이언트 / 서버)', /^FIN-WAIT-2 \/ CLOSE-WAIT$/],
  ] as const) {
    it(`say which is the client's and which the server's (${lang})`, async () => {
      const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`${env.url}?capture=1&lang=${lang}`);
      await page.locator('.capture-view').waitFor();
      await drop(page, 'busy.pcap', busyServerCapture(60));
      await page.locator('table.connections tbody tr').first().waitFor();
      const headings = (await page.locator('table.connections thead th').allTextContents()).map((h) => h.replace(/[▲▼]/g, '').trim());
      const column = headings.indexOf(heading);
      expect(column, headings.join(' | ')).toBeGreaterThanOrEqual(0);
      // The column under that heading: a connection whose server never called close() ends with the client in FIN-WAIT-2 and the server in CLOSE-WAIT, in that order.
      await expect
        .poll(async () => (await page.locator(`table.connections tbody tr td:nth-child(${column + 1})`).allTextContents()).some((c) => drawn.test(c)), {
          timeout: 20_000,
        })
        .toBe(true);
      await page.close();
    });
  }
});
