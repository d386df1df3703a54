/**
 * The Linux captures kept with their ss states (tests/fixtures/linux-pcap, made by
 * tools/linux-capture/capture-pcaps.sh): each case's run, its connection (client port 40000), and
 * the engine settings the kernel ran with (tcp_fin_timeout, tcp_orphan_retries), for the capture
 * reader's tests.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { connectionsOf, type Connection } from '../src/capture/connections';
import { readCapture } from '../src/capture/read';
import type { ConfigOverrides } from '../src/model/config';
import type { EndpointId } from '../src/model/types';

export const LINUX_PCAP_DIR = new URL('./fixtures/linux-pcap/', import.meta.url);

/** The cases that have both their ss states and their pcap. */
export const LINUX_PCAP_CASES = readdirSync(LINUX_PCAP_DIR)
  .filter((f) => f.endsWith('.json') && existsSync(new URL(f.replace(/\.json$/, '.pcap'), LINUX_PCAP_DIR)))
  .map((f) => f.replace(/\.json$/, ''));

export interface LinuxPcapCase {
  readonly run: { readonly states: Record<EndpointId, string[]>; readonly sysctls: Record<string, string> };
  /** The case's connection, if the capture holds it. */
  readonly conn: Connection | undefined;
  readonly config: ConfigOverrides;
}

export function linuxPcapCase(id: string): LinuxPcapCase {
  const run = JSON.parse(readFileSync(new URL(`${id}.json`, LINUX_PCAP_DIR), 'utf8')) as LinuxPcapCase['run'];
  const capture = readCapture(new Uint8Array(readFileSync(new URL(`${id}.pcap`, LINUX_PCAP_DIR))));
  const orphanRetries = Number(run.sysctls.tcp_orphan_retries ?? 0);
  return {
    run,
    conn: connectionsOf(capture.segments).find((c) => c.client.endsWith(':40000')),
    config: {
      preset: 'linux',
      finWait2TimeoutMs: Number(run.sysctls.tcp_fin_timeout ?? 60) * 1000,
      ...(orphanRetries > 0 ? { finRetries: orphanRetries } : {}),
    },
  };
}
