/**
 * The guided lessons: each case of the post (and RFC 9293's rarer paths) as a script for the
 * engine, with the states it must show. Ids are stable: links, embeds and tests use them as
 * ?scenario=<id>. What each lesson says is in each language's own file (src/i18n/en/lessons.ts,
 * src/i18n/ko/lessons.ts), so a reader downloads one language.
 */
import type { Script, ScriptStep } from '../model/script';
import type { EndpointId, TcpState } from '../model/types';

export type ScenarioGroup = 'opening' | 'normal-close' | 'abnormal-close' | 'promises' | 'rarer';

export type ScenarioId =
  | 'three-way-handshake'
  | 'four-way-close'
  | 'server-closes-first'
  | 'close-wait-hang'
  | 'close-wait-pileup'
  | 'fin-wait-1-timeout'
  | 'fin-wait-2-timeout'
  | 'orphan-pileup'
  | 'time-wait'
  | 'time-wait-pileup'
  | 'simultaneous-open'
  | 'simultaneous-close'
  | 'connection-refused'
  | 'syn-lost'
  | 'abort-rst'
  | 'tcp-promises'
  | 'zero-window';

export interface Scenario {
  readonly id: ScenarioId;
  readonly group: ScenarioGroup;
  readonly script: Script;
  /** States each side must pass through, in order (others may come between). */
  readonly visits: Readonly<Partial<Record<EndpointId, readonly TcpState[]>>>;
  /** Where each side is when the lesson ends. */
  readonly final: Readonly<Record<EndpointId, TcpState>>;
  /** The ends whose application never calls close() in this lesson: their switch starts on. */
  readonly neverCloses?: readonly EndpointId[];
  /** A lesson about many sockets at once: the script is then one of them. */
  readonly fleet?: 'time-wait' | 'close-wait' | 'orphans';
}

const CLASSROOM = { preset: 'classroom', seed: 9293 } as const;
const open: ScriptStep[] = [
  { at: 0, endpoint: 'server', call: 'listen' },
  { at: 500, endpoint: 'client', call: 'connect' },
];
/** By 3 s the handshake (three 600 ms trips) is over. */
const OPEN_AT = 3000;
/** The wire cut both ways just before a close: the peer has vanished, nothing is answered. */
const cutBothWays: ScriptStep[] = [
  { at: OPEN_AT - 100, network: 'block', direction: 'client->server' },
  { at: OPEN_AT - 100, network: 'block', direction: 'server->client' },
];

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'three-way-handshake',
    group: 'opening',
    script: { config: CLASSROOM, steps: open },
    visits: { client: ['SYN-SENT', 'ESTABLISHED'], server: ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED'] },
    final: { client: 'ESTABLISHED', server: 'ESTABLISHED' },
  },
  {
    id: 'four-way-close',
    group: 'normal-close',
    script: {
      config: CLASSROOM,
      steps: [...open, { at: OPEN_AT, endpoint: 'client', call: 'close' }, { at: OPEN_AT + 2500, endpoint: 'server', call: 'close' }],
    },
    visits: { client: ['FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSED'], server: ['CLOSE-WAIT', 'LAST-ACK', 'CLOSED'] },
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    id: 'server-closes-first',
    group: 'normal-close',
    script: {
      config: CLASSROOM,
      steps: [...open, { at: OPEN_AT, endpoint: 'server', call: 'close' }, { at: OPEN_AT + 2500, endpoint: 'client', call: 'close' }],
    },
    visits: { server: ['FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSED'], client: ['CLOSE-WAIT', 'LAST-ACK', 'CLOSED'] },
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    id: 'close-wait-hang',
    group: 'abnormal-close',
    neverCloses: ['server'],
    script: { config: CLASSROOM, steps: [...open, { at: OPEN_AT, endpoint: 'client', call: 'close' }], until: 14_000 },
    visits: { client: ['FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSED'], server: ['CLOSE-WAIT'] },
    final: { client: 'CLOSED', server: 'CLOSE-WAIT' },
  },
  {
    id: 'close-wait-pileup',
    group: 'abnormal-close',
    fleet: 'close-wait',
    script: { config: CLASSROOM, steps: [...open, { at: OPEN_AT, endpoint: 'client', call: 'close' }], until: 14_000 },
    visits: { server: ['ESTABLISHED', 'CLOSE-WAIT'] },
    final: { client: 'CLOSED', server: 'CLOSE-WAIT' },
  },
  {
    id: 'fin-wait-1-timeout',
    group: 'abnormal-close',
    script: {
      config: CLASSROOM,
      steps: [...open, ...cutBothWays, { at: OPEN_AT, endpoint: 'client', call: 'close' }],
    },
    visits: { client: ['FIN-WAIT-1', 'CLOSED'] },
    final: { client: 'CLOSED', server: 'ESTABLISHED' },
  },
  {
    id: 'fin-wait-2-timeout',
    group: 'abnormal-close',
    script: {
      config: CLASSROOM,
      steps: [
        ...open,
        { at: OPEN_AT, endpoint: 'client', call: 'close' },
        { at: 11_000, endpoint: 'server', call: 'abort' },
        { at: 11_500, endpoint: 'server', call: 'listen' },
        { at: 12_000, endpoint: 'client', call: 'connect' },
        { at: 14_500, endpoint: 'client', call: 'shutdown' },
      ],
      until: 24_000,
    },
    visits: { client: ['FIN-WAIT-2', 'CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2'] },
    final: { client: 'FIN-WAIT-2', server: 'CLOSE-WAIT' },
  },
  {
    // The post's last sentence: a server whose clients vanish closes, and its orphans pile up until memory runs out.
    // After fin-wait-2-timeout in the menu (number 10), so the keys 1 to 9 open what they always did.
    id: 'orphan-pileup',
    group: 'abnormal-close',
    fleet: 'orphans',
    script: {
      config: CLASSROOM,
      steps: [...open, ...cutBothWays, { at: OPEN_AT, endpoint: 'server', call: 'close' }],
    },
    visits: { server: ['FIN-WAIT-1', 'CLOSED'] },
    final: { client: 'ESTABLISHED', server: 'CLOSED' },
  },
  {
    id: 'time-wait',
    group: 'normal-close',
    script: {
      config: CLASSROOM,
      steps: [
        ...open,
        { at: OPEN_AT, endpoint: 'client', call: 'close' },
        { at: OPEN_AT + 2500, endpoint: 'server', call: 'close' },
        { at: OPEN_AT + 2900, network: 'drop-next', direction: 'client->server' },
      ],
    },
    visits: { client: ['FIN-WAIT-2', 'TIME-WAIT', 'CLOSED'], server: ['LAST-ACK', 'CLOSED'] },
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    id: 'time-wait-pileup',
    group: 'normal-close',
    fleet: 'time-wait',
    script: {
      config: CLASSROOM,
      steps: [...open, { at: OPEN_AT, endpoint: 'client', call: 'close' }, { at: OPEN_AT + 500, endpoint: 'server', call: 'close' }],
    },
    visits: { client: ['TIME-WAIT', 'CLOSED'] },
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    id: 'simultaneous-open',
    group: 'rarer',
    script: {
      config: CLASSROOM,
      steps: [
        { at: 500, endpoint: 'client', call: 'connect' },
        { at: 500, endpoint: 'server', call: 'connect' },
      ],
    },
    visits: { client: ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED'], server: ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED'] },
    final: { client: 'ESTABLISHED', server: 'ESTABLISHED' },
  },
  {
    id: 'simultaneous-close',
    group: 'rarer',
    script: { config: CLASSROOM, steps: [...open, { at: OPEN_AT, endpoint: 'client', call: 'close' }, { at: OPEN_AT, endpoint: 'server', call: 'close' }] },
    visits: { client: ['FIN-WAIT-1', 'CLOSING', 'TIME-WAIT', 'CLOSED'], server: ['FIN-WAIT-1', 'CLOSING', 'TIME-WAIT', 'CLOSED'] },
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    id: 'connection-refused',
    group: 'rarer',
    script: { config: CLASSROOM, steps: [{ at: 500, endpoint: 'client', call: 'connect' }] },
    visits: { client: ['SYN-SENT', 'CLOSED'] },
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    id: 'syn-lost',
    group: 'rarer',
    script: {
      config: CLASSROOM,
      steps: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 400, network: 'drop-next', direction: 'client->server' },
        { at: 500, endpoint: 'client', call: 'connect' },
      ],
    },
    visits: { client: ['SYN-SENT', 'ESTABLISHED'], server: ['SYN-RECEIVED', 'ESTABLISHED'] },
    final: { client: 'ESTABLISHED', server: 'ESTABLISHED' },
  },
  {
    id: 'abort-rst',
    group: 'rarer',
    script: { config: CLASSROOM, steps: [...open, { at: OPEN_AT, endpoint: 'client', call: 'abort' }] },
    visits: { client: ['ESTABLISHED', 'CLOSED'], server: ['ESTABLISHED', 'CLOSED'] },
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    id: 'tcp-promises',
    group: 'promises',
    script: {
      config: CLASSROOM,
      steps: [
        ...open,
        // Held back 600 ms: enough to be overtaken, short enough that its ACK beats the RTO.
        { at: OPEN_AT - 1, network: 'delay-next', direction: 'client->server', byMs: 600 },
        { at: OPEN_AT, endpoint: 'client', call: 'send', bytes: 2000 },
        { at: 8999, network: 'drop-next', direction: 'client->server' },
        { at: 9000, endpoint: 'client', call: 'send', bytes: 500 },
      ],
    },
    visits: { client: ['ESTABLISHED'], server: ['ESTABLISHED'] },
    final: { client: 'ESTABLISHED', server: 'ESTABLISHED' },
  },
  {
    // A receiver that stops reading: its window closes, the sender probes it, a read() opens it.
    id: 'zero-window',
    group: 'promises',
    script: {
      // Every segment ACKed at once (ackDelayMs 0): the lesson is about the window, not about delayed ACKs.
      config: { ...CLASSROOM, rcvBufBytes: 2000, serverReads: 'when-called', rtoMs: 1300, ackDelayMs: 0 },
      steps: [
        ...open,
        // As soon as the client is connected.
        { at: 1700, endpoint: 'client', call: 'send', bytes: 3000 },
        // After one probe and its answer (rtoMs 1300, above the 1.2 s round trip): the window opens, and the last 1000 bytes follow.
        { at: 5400, endpoint: 'server', call: 'read' },
      ],
      // Ends as the last bytes arrive (their ACK is on its way): the diagram fits a 1280x720 screen whole.
      until: 6700,
    },
    visits: { client: ['ESTABLISHED'], server: ['ESTABLISHED'] },
    final: { client: 'ESTABLISHED', server: 'ESTABLISHED' },
  },
];

export const SCENARIO_GROUPS: readonly ScenarioGroup[] = ['opening', 'normal-close', 'abnormal-close', 'promises', 'rarer'];

export const findScenario = (id: string): Scenario | undefined => SCENARIOS.find((s) => s.id === id);

/** The lessons as the menu lists them, group by group: the keys 1 to 9 open the first nine. */
export const MENU_ORDER: readonly Scenario[] = SCENARIO_GROUPS.flatMap((g) => SCENARIOS.filter((s) => s.group === g));
