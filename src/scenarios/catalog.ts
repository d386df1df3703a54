/**
 * The guided lessons: each case of the post (and RFC 9293's rarer paths) as a script for the
 * engine, with what it teaches in Korean and English and the states it must show. Ids are stable:
 * links, embeds and tests use them as ?scenario=<id>.
 */
import type { Script, ScriptStep } from '../model/script';
import type { EndpointId, TcpState } from '../model/types';

export type ScenarioGroup = 'opening' | 'normal-close' | 'abnormal-close' | 'promises' | 'rarer';

export interface Words {
  readonly ko: string;
  readonly en: string;
}

export interface Scenario {
  readonly id: string;
  readonly group: ScenarioGroup;
  readonly title: Words;
  readonly script: Script;
  /** States each side must pass through, in order (others may come between). */
  readonly visits: Readonly<Partial<Record<EndpointId, readonly TcpState[]>>>;
  /** Where each side is when the lesson ends. */
  readonly final: Readonly<Record<EndpointId, TcpState>>;
  /** A lesson about many sockets at once: the script is then one of them. */
  readonly fleet?: 'time-wait' | 'close-wait';
  /** What to say when a side enters a state, keyed "client:FIN-WAIT-2" (the lesson's own narration). */
  readonly moments?: Readonly<Record<string, Words>>;
}

const CLASSROOM = { preset: 'classroom', seed: 9293 } as const;
const open: ScriptStep[] = [
  { at: 0, endpoint: 'server', call: 'listen' },
  { at: 500, endpoint: 'client', call: 'connect' },
];
/** By 3 s the handshake (three 600 ms trips) is over. */
const OPEN_AT = 3000;

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'three-way-handshake',
    group: 'opening',
    title: { en: 'The 3-way handshake', ko: '3-way 핸드셰이크' },
    moments: {
      'client:SYN-SENT': {
        en: 'The client picks its initial sequence number and sends it in a SYN.',
        ko: '클라이언트가 자신의 초기 순서 번호를 정해 SYN에 실어 보냅니다.',
      },
      'server:SYN-RECEIVED': {
        en: "One segment, two jobs: the SYN+ACK acknowledges the client's number and carries the server's own.",
        ko: '세그먼트 하나가 두 가지 일을 합니다. SYN+ACK는 클라이언트의 번호를 확인하고 서버 자신의 번호를 함께 보냅니다.',
      },
      'client:ESTABLISHED': {
        en: 'The client has heard its SYN acknowledged: it may send data already, even before its ACK arrives.',
        ko: '클라이언트는 자기 SYN이 확인된 것을 들었습니다. 자기 ACK가 도착하기 전에도 이미 데이터를 보낼 수 있습니다.',
      },
      'server:ESTABLISHED': {
        en: 'The last ACK tells the server its SYN was heard too. Both sides now agree on both numbers.',
        ko: '마지막 ACK로 서버도 자기 SYN이 전달되었음을 압니다. 이제 양쪽이 두 번호에 합의했습니다.',
      },
    },
    script: { config: CLASSROOM, steps: open },
    visits: { client: ['SYN-SENT', 'ESTABLISHED'], server: ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED'] },
    final: { client: 'ESTABLISHED', server: 'ESTABLISHED' },
  },
  {
    id: 'four-way-close',
    group: 'normal-close',
    title: { en: 'The 4-way close, client first', ko: '4-way 종료: 클라이언트가 먼저' },
    moments: {
      'client:FIN-WAIT-1': {
        en: 'close() sends a FIN: "I have nothing more to send." The client may still receive.',
        ko: 'close()가 FIN을 보냅니다. "더 보낼 것이 없다"는 뜻이며, 받는 것은 아직 가능합니다.',
      },
      'server:CLOSE-WAIT': {
        en: 'The server acknowledges the FIN and tells its application: the other side is done. Now it is up to the application.',
        ko: '서버는 FIN을 확인하고 애플리케이션에 상대가 끝났음을 알립니다. 이제 공은 애플리케이션에 넘어갔습니다.',
      },
      'client:FIN-WAIT-2': {
        en: 'Half closed: the client has its FIN acknowledged and waits for the server to finish.',
        ko: '반쯤 닫혔습니다. 클라이언트의 FIN은 확인되었고, 이제 서버가 끝내기를 기다립니다.',
      },
      'server:LAST-ACK': {
        en: "The server's application called close(): the second FIN goes out.",
        ko: '서버 애플리케이션이 close()를 불러 두 번째 FIN이 나갑니다.',
      },
      'client:TIME-WAIT': {
        en: 'The client acknowledges the last FIN and lingers, in case that ACK is lost.',
        ko: '클라이언트는 마지막 FIN에 ACK를 보내고, 그 ACK가 유실될 경우에 대비해 잠시 남습니다.',
      },
    },
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
    title: { en: 'The 4-way close, server first', ko: '4-way 종료: 서버가 먼저' },
    moments: {
      'server:FIN-WAIT-1': {
        en: 'This time the server closes first, so the server walks the FIN_WAIT path.',
        ko: '이번에는 서버가 먼저 닫으므로 서버가 FIN_WAIT 경로를 걷습니다.',
      },
      'client:CLOSE-WAIT': { en: 'The client is the one waiting for its application now.', ko: '이제 자기 애플리케이션을 기다리는 쪽은 클라이언트입니다.' },
      'server:TIME-WAIT': { en: 'And the server is the one left holding a TIME_WAIT socket.', ko: '그리고 TIME_WAIT 소켓을 떠안는 쪽은 서버입니다.' },
    },
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
    title: { en: 'CLOSE_WAIT that never ends', ko: '끝나지 않는 CLOSE_WAIT' },
    moments: {
      'server:CLOSE-WAIT': {
        en: 'The FIN arrived; the kernel did its part. From here only the application can move the server on, and it never will.',
        ko: 'FIN이 도착했고 커널은 할 일을 다 했습니다. 이제 서버를 움직일 수 있는 것은 애플리케이션뿐인데, 끝내 움직이지 않습니다.',
      },
      'client:FIN-WAIT-2': {
        en: "The client's FIN was acknowledged, so the network is fine: the silence that follows is the server's application.",
        ko: '클라이언트의 FIN이 확인되었으니 네트워크는 멀쩡합니다. 뒤따르는 침묵은 서버 애플리케이션 탓입니다.',
      },
      'client:CLOSED': {
        en: 'The client stops waiting (its FIN_WAIT_2 timeout). The server never will.',
        ko: '클라이언트는 기다리기를 그만둡니다(FIN_WAIT_2 시간 제한). 서버는 결코 그만두지 않습니다.',
      },
    },
    script: { config: CLASSROOM, steps: [...open, { at: OPEN_AT, endpoint: 'client', call: 'close' }], until: 14_000 },
    visits: { client: ['FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSED'], server: ['CLOSE-WAIT'] },
    final: { client: 'CLOSED', server: 'CLOSE-WAIT' },
  },
  {
    id: 'close-wait-pileup',
    group: 'abnormal-close',
    fleet: 'close-wait',
    title: { en: 'CLOSE_WAIT piling up until the server hangs', ko: '서버가 멈출 때까지 쌓이는 CLOSE_WAIT' },
    script: { config: CLASSROOM, steps: [...open, { at: OPEN_AT, endpoint: 'client', call: 'close' }], until: 14_000 },
    visits: { server: ['ESTABLISHED', 'CLOSE-WAIT'] },
    final: { client: 'CLOSED', server: 'CLOSE-WAIT' },
  },
  {
    id: 'fin-wait-1-timeout',
    group: 'abnormal-close',
    title: { en: 'FIN_WAIT_1 with no answer', ko: '답이 없는 FIN_WAIT_1' },
    moments: {
      'client:FIN-WAIT-1': {
        en: 'The FIN goes into the void. Watch the retransmissions: each waits twice as long as the last.',
        ko: 'FIN이 허공으로 사라집니다. 재전송을 지켜보세요. 매번 앞의 두 배를 기다립니다.',
      },
      'client:CLOSED': {
        en: 'Out of retries: the kernel drops the socket on its own. Nothing was ever acknowledged.',
        ko: '재시도가 바닥났습니다. 커널이 스스로 소켓을 버립니다. 끝내 아무것도 확인받지 못했습니다.',
      },
    },
    script: {
      config: CLASSROOM,
      steps: [
        ...open,
        { at: OPEN_AT - 100, network: 'block', direction: 'client->server' },
        { at: OPEN_AT - 100, network: 'block', direction: 'server->client' },
        { at: OPEN_AT, endpoint: 'client', call: 'close' },
      ],
    },
    visits: { client: ['FIN-WAIT-1', 'CLOSED'] },
    final: { client: 'CLOSED', server: 'ESTABLISHED' },
  },
  {
    id: 'fin-wait-2-timeout',
    group: 'abnormal-close',
    title: { en: 'FIN_WAIT_2 with no FIN', ko: 'FIN이 오지 않는 FIN_WAIT_2' },
    moments: {
      'client:FIN-WAIT-2': {
        en: 'FIN acknowledged, no FIN back. Whether the client waits for ever depends on one thing: did its application close the socket, or only shut down sending?',
        ko: 'FIN은 확인되었는데 돌아오는 FIN이 없습니다. 클라이언트가 영원히 기다릴지는 한 가지에 달렸습니다. 애플리케이션이 소켓을 닫았는지, 아니면 보내기만 멈췄는지.',
      },
      'client:CLOSED': {
        en: 'The closed socket gave up after tcp_fin_timeout. Next, the same story after shutdown().',
        ko: '닫힌 소켓은 tcp_fin_timeout 뒤 포기했습니다. 다음은 shutdown() 뒤의 같은 이야기입니다.',
      },
      'client:FIN-WAIT-1': {
        en: 'shutdown() sends the same FIN, but the application keeps the socket.',
        ko: 'shutdown()도 같은 FIN을 보내지만, 애플리케이션은 소켓을 계속 쥐고 있습니다.',
      },
    },
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
    id: 'time-wait',
    group: 'normal-close',
    title: { en: 'Why TIME_WAIT waits', ko: 'TIME_WAIT가 기다리는 까닭' },
    moments: {
      'client:TIME-WAIT': {
        en: 'The client answers the FIN and waits. Its ACK is about to be lost.',
        ko: '클라이언트가 FIN에 답하고 기다립니다. 그 ACK는 곧 유실됩니다.',
      },
      'server:CLOSED': {
        en: 'The repeated FIN was answered from TIME_WAIT, so the server closes cleanly instead of meeting a RST.',
        ko: '다시 온 FIN에 TIME_WAIT가 답했기에, 서버는 RST를 만나지 않고 깔끔하게 닫힙니다.',
      },
    },
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
    title: { en: 'TIME_WAIT piling up on a busy client', ko: '바쁜 클라이언트에 쌓이는 TIME_WAIT' },
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
    title: { en: 'Simultaneous open', ko: '동시 열기' },
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
    title: { en: 'Simultaneous close', ko: '동시 닫기' },
    moments: {
      'client:CLOSING': {
        en: 'A FIN arrived while the client was still waiting for the ACK of its own: CLOSING.',
        ko: '자기 FIN의 ACK를 기다리는 중에 상대의 FIN이 도착했습니다. CLOSING입니다.',
      },
      'client:TIME-WAIT': {
        en: 'Both FINs are acknowledged; both sides linger in TIME_WAIT.',
        ko: '두 FIN이 모두 확인되었고, 양쪽 모두 TIME_WAIT에 머뭅니다.',
      },
    },
    script: { config: CLASSROOM, steps: [...open, { at: OPEN_AT, endpoint: 'client', call: 'close' }, { at: OPEN_AT, endpoint: 'server', call: 'close' }] },
    visits: { client: ['FIN-WAIT-1', 'CLOSING', 'TIME-WAIT', 'CLOSED'], server: ['FIN-WAIT-1', 'CLOSING', 'TIME-WAIT', 'CLOSED'] },
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    id: 'connection-refused',
    group: 'rarer',
    title: { en: 'Connection refused', ko: '연결 거부' },
    moments: {
      'client:CLOSED': {
        en: 'RST+ACK: "nobody here". connect() fails at once with connection refused.',
        ko: 'RST+ACK는 "여기 아무도 없다"는 답입니다. connect()는 곧바로 연결 거부로 실패합니다.',
      },
    },
    script: { config: CLASSROOM, steps: [{ at: 500, endpoint: 'client', call: 'connect' }] },
    visits: { client: ['SYN-SENT', 'CLOSED'] },
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    id: 'syn-lost',
    group: 'rarer',
    title: { en: 'A lost SYN', ko: '유실된 SYN' },
    moments: {
      'server:SYN-RECEIVED': {
        en: 'The retransmitted SYN got through; from here it is an ordinary handshake, only later.',
        ko: '다시 보낸 SYN이 도착했습니다. 여기서부터는 평범한 핸드셰이크이고, 조금 늦었을 뿐입니다.',
      },
    },
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
    title: { en: 'abort(): closing with RST', ko: 'abort(): RST로 끊기' },
    moments: {
      'client:CLOSED': {
        en: 'abort() sends one RST and forgets the connection: no FIN, no TIME_WAIT.',
        ko: 'abort()는 RST 하나를 보내고 연결을 잊습니다. FIN도 TIME_WAIT도 없습니다.',
      },
      'server:CLOSED': {
        en: 'The RST arrives: the server’s application gets "connection reset".',
        ko: 'RST가 도착하고, 서버 애플리케이션은 "연결 재설정" 오류를 받습니다.',
      },
    },
    script: { config: CLASSROOM, steps: [...open, { at: OPEN_AT, endpoint: 'client', call: 'abort' }] },
    visits: { client: ['ESTABLISHED', 'CLOSED'], server: ['ESTABLISHED', 'CLOSED'] },
    final: { client: 'CLOSED', server: 'CLOSED' },
  },
  {
    id: 'tcp-promises',
    group: 'promises',
    title: { en: "TCP's promises, on real data", ko: '데이터로 보는 TCP의 약속' },
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
];

export const SCENARIO_GROUPS: readonly ScenarioGroup[] = ['opening', 'normal-close', 'abnormal-close', 'promises', 'rarer'];

export const findScenario = (id: string): Scenario | undefined => SCENARIOS.find((s) => s.id === id);

/** The lessons as the menu lists them, group by group: the keys 1 to 9 open the first nine. */
export const MENU_ORDER: readonly Scenario[] = SCENARIO_GROUPS.flatMap((g) => SCENARIOS.filter((s) => s.group === g));
