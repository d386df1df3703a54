/**
 * Screenshots of the built site at the screens it is judged on: 1280x720, 1920x1080, 390x844,
 * presentation mode and a 700 px dark embed, at the start and after a few steps.
 * `npx tsx tools/shots.ts [outDir] [--no-build=<dist folder>] [--only=name,…]`; open the PNGs and look.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { busyServerCapture } from './captures/busy-server';
import { buildProduction, launchChromium, removeBuild, SITE_CONFIGS, serveStatic } from '../scripts/browser';
import { encodeRun } from '../src/player/shareLink';

/** A long run as a link (three 1 MB sends at mss 100, about 60,000 segments): its end is worked out a slice at a time. */
const LONG_RUN = encodeRun({
  config: { mss: 100 },
  steps: [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 0, endpoint: 'client', call: 'connect' },
    ...[100, 101, 102].map((at) => ({ at, endpoint: 'client' as const, call: 'send' as const, bytes: 1_000_000 })),
  ],
  t: 0,
});

const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith('--')) ?? '/tmp/shots';
const given = args.find((a) => a.startsWith('--no-build='))?.slice('--no-build='.length);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

interface Shot {
  name: string;
  path: string;
  width: number;
  height: number;
  /** Step forward this many times (the → key) before the picture; 'end' steps to the end. */
  steps?: number | 'end';
  clicks?: string[];
  waitMs?: number;
  /** A capture to open in the X-ray (a path), and which row of its list to open on the stage. */
  capture?: { file: string; open?: number };
}

const BUSY = '/tmp/shots-busy-server.pcap';
writeFileSync(BUSY, busyServerCapture(2000));
const CLOSE_WAIT = 'tests/fixtures/linux-pcap/close-wait-hang.pcap';
const MISSING_SYN = 'tests/fixtures/zeek-infer/missing-syn.pcap';
const ONE_SIDED = 'tests/fixtures/zeek-infer/missing-syn.server-only.pcap';

const SHOTS: Shot[] = [
  { name: 'free-1280', path: '/?lang=en', width: 1280, height: 720 },
  { name: 'zero-window-1280-12', path: '/?scenario=zero-window&lang=en', width: 1280, height: 720, steps: 12 },
  { name: 'zero-window-1280-5', path: '/?scenario=zero-window&lang=en', width: 1280, height: 720, steps: 5 },
  { name: 'zero-window-390-ko-5', path: '/?scenario=zero-window&lang=ko', width: 390, height: 844, steps: 5 },
  { name: 'zero-window-390-ko-12', path: '/?scenario=zero-window&lang=ko', width: 390, height: 844, steps: 12 },
  { name: 'zero-window-present-end', path: '/?scenario=zero-window&lang=en&present=1', width: 1280, height: 720, steps: 'end' },
  { name: 'long-run-1280', path: `/?run=${LONG_RUN}&lang=en`, width: 1280, height: 720, waitMs: 300 },
  { name: 'free-1280-connect', path: '/?lang=en', width: 1280, height: 720, clicks: ['listen()@server', 'connect()@client'], waitMs: 1500 },
  { name: 'four-way-1280-end', path: '/?scenario=four-way-close&lang=en', width: 1280, height: 720, steps: 'end' },
  { name: 'three-way-1280-3', path: '/?scenario=three-way-handshake&lang=en', width: 1280, height: 720, steps: 3 },
  { name: 'four-way-1920-4', path: '/?scenario=four-way-close&lang=en', width: 1920, height: 1080, steps: 6 },
  { name: 'four-way-390-4', path: '/?scenario=four-way-close&lang=ko', width: 390, height: 844, steps: 6 },
  { name: 'present-1280-4', path: '/?scenario=four-way-close&lang=ko&present=1', width: 1280, height: 720, steps: 6 },
  { name: 'present-1280-end', path: '/?scenario=fin-wait-1-timeout&lang=en&present=1', width: 1280, height: 720, steps: 'end' },
  { name: 'pileup-present', path: '/?scenario=close-wait-pileup&lang=en&present=1', width: 1280, height: 720 },
  { name: 'embed-700-dark', path: '/embed.html?scenario=three-way-handshake&lang=en&theme=dark&controls=minimal', width: 700, height: 600, steps: 2 },
  { name: 'embed-700-end', path: '/embed.html?scenario=four-way-close&lang=en&theme=dark', width: 700, height: 900, steps: 'end' },
  { name: 'dark-1280-syn-lost', path: '/?scenario=syn-lost&lang=ko&theme=dark', width: 1280, height: 720, steps: 'end' },
  { name: 'contrast-1280-close-wait', path: '/?scenario=close-wait-hang&lang=en&theme=contrast', width: 1280, height: 720, steps: 5 },
  { name: 'close-wait-hang-end', path: '/?scenario=close-wait-hang&lang=en', width: 1280, height: 720, steps: 'end' },
  { name: 'tw-pileup-present', path: '/?scenario=time-wait-pileup&lang=en&present=1', width: 1280, height: 720 },
  { name: 'capture-empty-1280', path: '/?capture=1&lang=en', width: 1280, height: 720 },
  { name: 'capture-list-1280', path: '/?capture=1&lang=en', width: 1280, height: 720, capture: { file: BUSY }, waitMs: 2500 },
  { name: 'capture-list-390-ko', path: '/?capture=1&lang=ko', width: 390, height: 844, capture: { file: BUSY }, waitMs: 2500 },
  { name: 'capture-open-1280', path: '/?capture=1&lang=en', width: 1280, height: 720, capture: { file: CLOSE_WAIT, open: 0 }, steps: 6 },
  { name: 'capture-open-1920', path: '/?capture=1&lang=en', width: 1920, height: 1080, capture: { file: CLOSE_WAIT, open: 0 }, steps: 9 },
  { name: 'capture-open-390-ko', path: '/?capture=1&lang=ko', width: 390, height: 844, capture: { file: CLOSE_WAIT, open: 0 }, steps: 6 },
  { name: 'capture-open-present', path: '/?capture=1&lang=en&present=1', width: 1280, height: 720, capture: { file: CLOSE_WAIT, open: 0 }, steps: 6 },
  { name: 'capture-busy-open-1280', path: '/?capture=1&lang=en', width: 1280, height: 720, capture: { file: BUSY, open: 4 }, steps: 'end' },
  { name: 'fin-wait-2-present-end', path: '/?scenario=fin-wait-2-timeout&lang=en&present=1', width: 1280, height: 720, steps: 'end' },
  { name: 'fin-wait-2-390-ko-end', path: '/?scenario=fin-wait-2-timeout&lang=ko', width: 390, height: 844, steps: 'end' },
  { name: 'tcp-promises-1920-end', path: '/?scenario=tcp-promises&lang=en', width: 1920, height: 1080, steps: 'end' },
  { name: 'refused-1280-end', path: '/?scenario=connection-refused&lang=en', width: 1280, height: 720, steps: 'end' },
  { name: 'orphan-pileup-1280', path: '/?scenario=orphan-pileup&lang=en', width: 1280, height: 720, waitMs: 200 },
  { name: 'orphan-pileup-present', path: '/?scenario=orphan-pileup&lang=en&present=1', width: 1280, height: 720 },
  { name: 'orphan-pileup-390-ko', path: '/?scenario=orphan-pileup&lang=ko', width: 390, height: 844 },
  { name: 'embed-390-four-way-end', path: '/embed.html?scenario=four-way-close&lang=ko', width: 390, height: 844, steps: 'end' },
  { name: 'fin-wait-2-present-11', path: '/?scenario=fin-wait-2-timeout&lang=en&present=1', width: 1280, height: 720, steps: 11 },
  { name: 'zero-window-present-8', path: '/?scenario=zero-window&lang=en&present=1', width: 1280, height: 720, steps: 8 },
  { name: 'four-way-390-ko-end', path: '/?scenario=four-way-close&lang=ko', width: 390, height: 844, steps: 'end' },
  { name: 'capture-syn-ack-start-1280', path: '/?capture=1&lang=en', width: 1280, height: 720, capture: { file: MISSING_SYN, open: 0 }, steps: 4 },
  { name: 'capture-one-sided-1280', path: '/?capture=1&lang=en', width: 1280, height: 720, capture: { file: ONE_SIDED, open: 0 }, steps: 6 },
  { name: 'capture-one-sided-390-ko', path: '/?capture=1&lang=ko', width: 390, height: 844, capture: { file: ONE_SIDED, open: 0 }, steps: 6 },
  { name: 'capture-one-sided-present', path: '/?capture=1&lang=en&present=1', width: 1280, height: 720, capture: { file: ONE_SIDED, open: 0 }, steps: 6 },
  { name: 'capture-open-1280-end', path: '/?capture=1&lang=en', width: 1280, height: 720, capture: { file: CLOSE_WAIT, open: 0 }, steps: 'end' },
  { name: 'phone-free-connect', path: '/?lang=ko', width: 390, height: 844, clicks: ['listen()@server', 'connect()@client'], waitMs: 1200 },
];

const folder = given ?? (await buildProduction(SITE_CONFIGS));
const { server, origin } = await serveStatic(folder);
const browser = await launchChromium();
mkdirSync(out, { recursive: true });
try {
  for (const shot of SHOTS.filter((s) => !only || only.includes(s.name))) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    await page.goto(origin + shot.path);
    await page.waitForTimeout(400);
    if (shot.capture) {
      await page.locator('.pick input').setInputFiles(shot.capture.file);
      await page.locator('.connections').waitFor();
      if (shot.capture.open !== undefined) {
        await page.locator('.open-connection').nth(shot.capture.open).click();
        await page.locator('.capture-bar').waitFor();
      }
    }
    for (const click of shot.clicks ?? []) {
      const [label, side] = click.split('@');
      await page.locator(`.head.${side}`).getByRole('button', { name: label, exact: true }).first().click();
    }
    // The app steps with the → key; an embed has no keys of its own, so its button is pressed.
    const embed = shot.path.startsWith('/embed');
    const step = () => (embed ? page.getByRole('button', { name: /Step forward|한 단계 앞으로/ }).click() : page.keyboard.press('ArrowRight'));
    for (let i = 0; i < (shot.steps === 'end' ? 40 : (shot.steps ?? 0)); i++) {
      if (embed && (await page.getByRole('button', { name: /Step forward|한 단계 앞으로/ }).isDisabled())) break;
      await step();
    }
    await page.waitForTimeout(shot.waitMs ?? 500);
    await page.screenshot({ path: `${out}/${shot.name}.png` });
    const full = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`${shot.name}: page height ${full}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
  if (!given) removeBuild(folder);
}
