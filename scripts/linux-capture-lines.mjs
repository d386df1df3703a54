/**
 * `node scripts/linux-capture-lines.mjs`: writes src/exercises/linuxCaptures.ts, the Linux 6.18
 * captures the "read a capture" exercises ask about: what `tcpdump -n` printed for each (from
 * tests/fixtures/linux-pcap/*.tcpdump.txt, made by tools/linux-capture) and the last state Linux's
 * own ss saw each socket in (from the case's .json). Only the short ones (a question shows every
 * line). tests/unit/exercises.test.ts checks the module is what this writes.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const folder = new URL('tests/fixtures/linux-pcap/', root);
/** The longest capture asked about, in lines: more, and the question is a wall. */
const MAX_LINES = 12;
/** ss's spellings; a socket gone is CLOSED. */
const SS = { ESTAB: 'ESTABLISHED', 'SYN-RECV': 'SYN-RECEIVED', UNCONN: 'CLOSED' };

/** The module's text. */
export function captureModule() {
  const cases = readdirSync(folder)
    .filter((f) => f.endsWith('.tcpdump.txt'))
    .map((f) => f.slice(0, -'.tcpdump.txt'.length))
    .sort();
  const entries = [];
  for (const name of cases) {
    const text = readFileSync(new URL(`${name}.tcpdump.txt`, folder), 'utf8').trim();
    if (text.split('\n').length > MAX_LINES) continue;
    const facts = JSON.parse(readFileSync(new URL(`${name}.json`, folder), 'utf8'));
    const last = (e) => {
      const s = facts.states[e].at(-1) ?? 'CLOSED';
      return SS[s] ?? s;
    };
    entries.push(
      `  {\n    case: ${JSON.stringify(name)},\n    tcpdump: ${JSON.stringify(text)},\n    ss: { client: ${JSON.stringify(last('client'))}, server: ${JSON.stringify(last('server'))} },\n  },`,
    );
  }
  return `/**
 * Written by scripts/linux-capture-lines.mjs from tests/fixtures/linux-pcap (do not edit): the Linux
 * 6.18 captures the "read a capture" exercises ask about. Each is what \`tcpdump -n\` printed, and the
 * state Linux's ss last saw each socket in (CLOSED: the socket was gone).
 */
import type { TcpState } from '../model/types';

export interface LinuxCapture {
  readonly case: string;
  readonly tcpdump: string;
  readonly ss: { readonly client: TcpState; readonly server: TcpState };
}

export const LINUX_CAPTURES: readonly LinuxCapture[] = [
${entries.join('\n')}
];
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(new URL('src/exercises/linuxCaptures.ts', root), captureModule());
