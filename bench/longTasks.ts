/** The page thread's long tasks, watched from now (PerformanceObserver 'longtask'): `longest()` since the last `reset()`, in ms. */
import type { Page } from 'playwright-core';

export async function watchTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  return {
    reset: () => page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0)),
    longest: () => page.evaluate(() => (window as unknown as { __longest: number }).__longest),
  };
}
