/**
 * Issue 24's captures as people have them, dropped on the X-ray as a newcomer would: a gzipped
 * capture (as Zeek and many archives keep them), a tunnelled one (the inner connection listed),
 * packets in a tunnel the reader does not decode (named on the page, in English and Korean, never a
 * silent zero), and a damaged gzip (one clear line).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dropCapture as drop, withChromiumAndApp } from './harness';

const env = withChromiumAndApp();
const fixture = (name: string) => readFileSync(new URL(`../fixtures/zeek/${name}`, import.meta.url));

/** The VXLAN capture with every UDP datagram sent to OpenVPN's port (1194) instead (a tunnel the reader names but does not read). */
function asOpenVpn(pcap: Buffer): Uint8Array {
  const out = new Uint8Array(pcap);
  const v = new DataView(out.buffer);
  const little = out[0] === 0xd4;
  for (let off = 24; off + 16 <= out.length;) {
    const len = v.getUint32(off + 8, little);
    const frame = off + 16;
    // Ethernet, IPv4 (its header's length), UDP: the destination port.
    if (v.getUint16(frame + 12) === 0x0800 && out[frame + 14 + 9] === 17) v.setUint16(frame + 14 + (out[frame + 14]! & 15) * 4 + 2, 1194);
    off = frame + len;
  }
  return out;
}

const status = (page: Page) => page.locator('.capture-status').textContent();
const rows = (page: Page) => page.locator('table.connections tbody tr').allTextContents();

describe('captures as people have them, on the page', () => {
  it('a gzipped capture and a tunnelled one list their inner connections; what was left out is said, and why', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?capture=1&lang=en`);
    // The file picker offers gzipped files too.
    expect(await page.locator('.capture-view input[type=file]').getAttribute('accept')).toContain('.gz');

    await drop(page, 'vxlan-encapsulated-http.pcap.gz', fixture('vxlan-encapsulated-http.pcap.gz'));
    await expect.poll(() => status(page)).toContain('vxlan-encapsulated-http.pcap.gz: 12 packets, 1 TCP connection');
    // The connection inside the VXLAN tunnel, by its own addresses (not the tunnel's endpoints).
    const [vxlan] = await rows(page);
    expect(vxlan).toContain('172.16.11.201:40354');
    expect(vxlan).toContain('54.86.237.188:80');
    expect(await page.locator('.skipped-line').count()).toBe(0);

    await drop(page, 'gre-sample.pcap', fixture('gre-sample.pcap'));
    await expect.poll(() => status(page)).toContain('gre-sample.pcap: 40 packets, 1 TCP connection');
    const [gre] = await rows(page);
    expect(gre).toContain('66.59.111.190:40264');
    expect(gre).toContain('172.28.2.3:22');
    const line = page.locator('.skipped-line');
    expect(await line.textContent()).toBe('Left out: 18 not TCP (UDP, ICMP and the like: normal in any capture).');
    // The old catch-all is gone where the reason is known.
    expect(await status(page)).not.toContain('were not TCP over IP, or were damaged');
    const box = await line.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(720);

    await drop(page, 'openvpn.pcap', asOpenVpn(fixture('vxlan-encapsulated-http.pcap')));
    await expect.poll(() => status(page)).toContain('openvpn.pcap: 12 packets, 0 TCP connections');
    expect(await line.textContent()).toBe('Left out: 12 packets in a tunnel or link type we do not read: OpenVPN.');
    await page.close();
  });

  it('on a phone, in Korean: the tunnel not read is named; a damaged gzip gets one clear line', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'ko-KR' });
    await page.goto(`${env.url}?capture=1&lang=ko`);
    await drop(page, 'openvpn.pcap', asOpenVpn(fixture('vxlan-encapsulated-http.pcap')));
    const line = page.locator('.skipped-line');
    await expect.poll(() => line.textContent()).toBe('목록에서 뺀 패킷: 이 도구가 읽지 못하는 터널이나 링크 유형의 패킷 12개: OpenVPN.');
    // Wrapped within the phone's width, not cut off beside it.
    const box = await line.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);

    const cut = gzipSync(fixture('gre-sample.pcap')).subarray(0, 1500);
    await drop(page, 'cut.pcap.gz', cut);
    const alert = page.locator('.capture-status [role=alert]');
    await expect.poll(() => alert.textContent()).toBe('‘cut.pcap.gz’ 파일을 읽을 수 없습니다: gzip 파일이 손상되었거나 잘려서 압축을 풀 수 없습니다');
    expect(await page.locator('.capture-status p').count()).toBe(1);
    await page.close();
  });
});
