import { buildProduction, launchChromium, removeBuild, SITE_CONFIGS, serveStatic } from './scripts/browser';
import { startTrace, pageThread } from './bench/browser';
const folder = process.env.SITE ?? (await buildProduction(SITE_CONFIGS));
const { server, origin } = await serveStatic(folder);
const b = await launchChromium();
const page = await b.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(`${origin}/?scenario=four-way-close&lang=en`);
await page.locator('svg.sequence').waitFor();
await page.waitForTimeout(800);
if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
if (process.env.HIDE) await page.addStyleTag({ content: `${process.env.HIDE} { display: none !important; }` });
await page.waitForTimeout(200);
await page.evaluate("(function f() { requestAnimationFrame(f); })()");
const tr = await startTrace(b);
if (process.env.KEYPLAY) await page.keyboard.press(' '); else await page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Play', exact: true }).click();
await page.waitForTimeout(4000);
const ev = pageThread(await tr.stop());
const sum = new Map<string, { n: number; t: number }>();
for (const e of ev) { const k = e.name; const v = sum.get(k) ?? { n: 0, t: 0 }; v.n++; v.t += (e.tdur ?? e.dur ?? 0) / 1000; sum.set(k, v); }
console.log([...sum].sort((a, b) => b[1].t - a[1].t).slice(0, 25).map(([k, v]) => `${k.padEnd(28)} n=${String(v.n).padStart(5)} ms=${v.t.toFixed(1)}`).join('\n'));
// Layout roots and paint rects
const lay = ev.filter((e) => e.name === 'Layout').slice(0, 400);
const roots = new Map<string, number>();
for (const e of lay) { const d = (e.args as any)?.endData?.rootNode ?? (e.args as any)?.beginData?.frame; const k = JSON.stringify((e.args as any)?.beginData?.dirtyObjects ?? '') + ' ' + JSON.stringify((e.args as any)?.beginData?.totalObjects ?? ''); roots.set(k, (roots.get(k) ?? 0) + 1); }
console.log('layout dirty/total:', [...roots].slice(0, 10));
const paints = ev.filter((e) => e.name === 'Paint');
const pr = new Map<string, number>();
for (const e of paints) { const d = (e.args as any)?.data; const k = `${d?.nodeId} ${JSON.stringify(d?.clip)?.slice(0, 60)}`; pr.set(k, (pr.get(k) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000); }
console.log('paints:', [...pr].sort((a, b) => b[1] - a[1]).slice(0, 10));
const styles = ev.filter((e) => e.name === 'UpdateLayoutTree' || e.name === 'RecalculateStyles');
console.log('style elementCount sample:', styles.slice(0, 2000).map((e) => (e.args as any)?.elementCount ?? (e.args as any)?.beginData?.elementCount).filter(Boolean).slice(0, 30).join(','));
await b.close(); server.close(); if (!process.env.SITE) removeBuild(folder);
