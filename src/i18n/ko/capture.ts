/** 캡처 엑스레이의 문구(한국어). */
import type { CaptureStrings } from '../captureStrings';

const s = (x: number) => `${x.toLocaleString('ko', { maximumFractionDigits: 3 })}초`;

export const capture: CaptureStrings = {
  replay: {
    sendWhyCaptured: (who, flags, why) =>
      why.inferred === 'unseen'
        ? `캡처에는 없는 세그먼트입니다. 캡처에는 반대 방향만 담겨 있어서, ${who}의 ${flags}는 상대가 확인한 내용으로 추론했습니다.`
        : why.inferred === 'missed'
          ? `캡처가 놓친 세그먼트입니다. ${who}가 다음에 캡처된 세그먼트는 이 바이트 뒤에서 시작하고 상대가 이 바이트를 확인했으므로, ${who}의 ${flags}를 추론했습니다.`
          : why.inferred === 'opening'
            ? `캡처에는 없는 세그먼트입니다. 캡처가 SYN+ACK부터 시작되므로 그 앞에 ${who}의 ${flags}가 있었을 것이라 추론했습니다.`
            : why.assumed
              ? `캡처에는 없는 세그먼트입니다. 캡처가 연결이 열린 뒤에 시작되어, 첫 캡처 세그먼트가 보여 주는 상태까지 두 끝을 데려오려고 ${who}의 ${flags}를 가정했습니다.`
              : why.departs
                ? why.departs.kind === 'not-open'
                  ? `캡처에서 ${who}가 ${flags}를 보냅니다. 그런데 모델의 ${who}는 ${why.departs.state} 상태라 이런 세그먼트를 보내지 않습니다. 캡처가 여기서 모델과 어긋납니다. 캡처가 놓친 패킷이 있거나, RFC 9293과 리눅스 방식대로 동작하지 않는 끝입니다. 추론은 다음 세그먼트부터 이어집니다.`
                  : `캡처에서 ${who}가 ${flags}를 보내는데, 모델의 ${who}(${why.departs.state})에는 이를 설명할 호출도 규칙도 타이머도 없습니다. 캡처가 여기서 모델과 어긋납니다. 추론은 다음 세그먼트부터 이어집니다.`
                : why.resend > 0
                  ? `캡처에서 ${who}가 ${flags}를 다시 보냅니다(${why.resend + 1}번째 사본). 시점은 모델이 아니라 실제 ${who}의 재전송(타이머, 또는 상대의 중복 ACK)이 정했습니다.`
                  : `캡처에서 ${who}가 ${flags}를 보냅니다. 확인 응답이나 윈도 갱신이며, 보낸 시점은 실제 ${who}가 정했습니다(모델이라면 다른 때에, 또는 다른 세그먼트에 실어 보냈을 것입니다).`,
    causeTimerSooner: (who, timer) =>
      `캡처를 보면 상대의 다음 세그먼트가 왔을 때 ${who}에는 이미 연결이 없었습니다(리셋으로 답함). ${who}의 ${timer}는 모델보다 일찍 끝난 것입니다. 실제 호스트의 설정이 더 짧거나, 다르게 셉니다.`,
    causeCallInferred: (who, call) =>
      `${who} 애플리케이션이 여기서 ${call}()를 호출했을 것입니다. 캡처에는 호출이 보이지 않으므로, 다음에 나간 세그먼트로 추론했습니다${call === 'shutdown' || call === 'close' ? '(그 뒤에도 소켓이 바이트를 받았다면 shutdown(), 아니면 close())' : call === 'abort' ? '(또는 읽지 않은 바이트가 남은 채 close(). 리눅스는 두 경우 모두 리셋합니다)' : ''}.`,
  },
  title: '캡처 엑스레이',
  intro:
    '패킷 캡처 파일(tcpdump·tshark·Wireshark가 쓰는 .pcap 또는 .pcapng, gzip으로 압축한 것도 가능)을 열거나 tcpdump -n 출력을 붙여 넣으세요. 안에 든 TCP 연결마다 모델로 다시 재생해서, 양 끝이 어떤 상태였고 왜 그랬는지 보여 줍니다.',
  privacy: '파일은 이 페이지 안에서만 읽습니다. 브라우저 밖으로 나가는 것은 없습니다.',
  pick: '파일 고르기…',
  drop: '또는 여기에 끌어다 놓기',
  pasteLabel: '또는 tcpdump -n 출력 붙여 넣기',
  pastePlaceholder: '12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0',
  pasteGo: '텍스트 읽기',
  reading: (packets) => `읽는 중… 지금까지 패킷 ${packets}개`,
  failed: (name, reason) => `${name ? `‘${name}’ 파일을 ` : ''}읽을 수 없습니다: ${reason}`,
  clientGuessed: '추정: 캡처에 SYN이 없어 어느 쪽이 연결을 열었는지 추론했습니다',
  summary: (file, packets, connections, n) => `${file}: 패킷 ${n(packets)}개, TCP 연결 ${n(connections)}개`,
  cutShort: '파일이 패킷 중간에서 끝납니다. 잘린 파일입니다. 잘리기 전까지만 읽었습니다.',
  refusals: {
    'not-capture': '패킷 캡처가 아닙니다(pcap, pcapng 파일도 tcpdump -n 텍스트도 아님)',
    'cut-short': '첫 패킷이 나오기 전에 파일이 잘렸습니다',
    damaged: '파일이 손상되었습니다(헤더가 맞지 않음)',
    'too-large': '붙여 넣기에는 텍스트가 너무 깁니다(캡처 파일로 저장해서 여세요)',
    'no-tcp': 'tcpdump -n이 출력하는 TCP 패킷 줄이 하나도 없습니다',
    gzip: 'gzip 파일이 손상되었거나 잘려서 압축을 풀 수 없습니다',
  },
  skipped: (reasons) => `목록에서 뺀 패킷: ${reasons.join('; ')}.`,
  skippedWhy: {
    notTcp: (packets) => `TCP가 아닌 패킷 ${packets}개(UDP, ICMP 등: 어느 캡처에나 있는 정상 패킷)`,
    notIp: (packets) => `IP가 아닌 패킷 ${packets}개(ARP 같은 링크 계층 프레임)`,
    fragment: (packets) => `IP 패킷의 조각 ${packets}개(각 패킷을 완성한 조각에서 전체를 읽음)`,
    unreassembled: (packets) => `끝내 다 모이지 않은 IP 패킷 조각 ${packets}개(빠진 조각, 너무 늦은 조각, 너무 큰 패킷)`,
    cutOff: (packets) => `TCP 헤더가 끝나기 전에 캡처가 잘라 낸 패킷 ${packets}개`,
    damaged: (packets) => `손상된 패킷 ${packets}개`,
    unread: (packets, names) => `이 도구가 읽지 못하는 터널이나 링크 유형의 패킷 ${packets}개: ${names}`,
  },
  none: 'TCP 연결이 없습니다.',
  columns: {
    client: '클라이언트',
    server: '서버',
    start: '시작',
    duration: '길이',
    segments: '세그먼트',
    bytes: '바이트',
    verdict: '판정',
    ends: '끝 상태 (클라이언트 / 서버)',
  },
  sortBy: (column) => `${column} 기준 정렬`,
  verdictMeaning: {
    S0: 'SYN만 있고 응답이 없음',
    S1: '열렸고, 캡처 안에서 닫히지 않음',
    SF: '열리고 순서대로 닫힘(양방향 FIN)',
    REJ: '거부됨: SYN에 리셋으로 답함',
    S2: '열림. 클라이언트만 FIN을 보내고 서버는 보내지 않음',
    S3: '열림. 서버만 FIN을 보내고 클라이언트는 보내지 않음',
    RSTO: '열린 뒤 클라이언트가 리셋함',
    RSTR: '열린 뒤 서버가 리셋함',
    RSTOS0: 'SYN 뒤에 클라이언트가 리셋했고, SYN+ACK는 없음',
    RSTRH: 'SYN 없이 SYN+ACK가 보였고, 서버가 리셋함',
    SH: 'SYN 뒤에 클라이언트가 FIN을 보냈고, 응답은 없음',
    SHR: 'SYN 없이 SYN+ACK가 보였고, 서버가 FIN을 보냄',
    OTH: 'SYN도 닫힘도 보이지 않음: 캡처가 연결 중간에 시작됨(또는 SYN+ACK만 있음)',
  },
  resetAfterClose: { client: '이후 클라이언트가 리셋을 보냄', server: '이후 서버가 리셋을 보냄' },
  finWithoutSyn: '클라이언트의 FIN이 있고 캡처된 응답은 없음. SYN도 캡처되지 않음(캡처가 연결이 열린 뒤에 시작했거나 한쪽만 봄)',
  history: {
    label: 'Zeek 이력',
    legend: 'Zeek의 history: 일어난 일마다 글자 하나를 순서대로 적습니다. 대문자는 Zeek이 originator로 본 쪽, 소문자는 responder 쪽이 한 일입니다.',
    kinds: {
      syn: 'SYN',
      'syn-ack': 'SYN+ACK',
      ack: '순수 ACK',
      data: '데이터',
      fin: 'FIN',
      rst: '리셋',
      'bad-checksum': '체크섬 오류',
      gap: '내용 공백(확인응답은 왔지만 캡처에 없는 바이트)',
      retransmission: '같은 바이트 재전송',
      'zero-window': '0 윈도',
      'fin-rst': 'FIN과 RST를 함께 보냄',
      'multi-flag': 'SYN과 FIN 또는 RST를 함께 보냄',
      flipped: 'Zeek이 연결 방향을 뒤집음(처음 본 패킷이 연결을 연 쪽의 것이 아님)',
      partial: '분석이 중간에 멈춤',
    },
    who: { client: '클라이언트', server: '서버' },
    step: (letter, kind, who, atLeast) => `${letter} = ${who ? `${who} ` : ''}${kind}${atLeast > 1 ? ` (${atLeast.toLocaleString('ko')}번 이상)` : ''}`,
  },
  census: '캡처가 끝날 때 남아 있던 소켓',
  censusHelp:
    '캡처가 끝날 때 아직 소켓을 쥐고 있던 각 연결의 끝을 상태별로 센 것입니다(ss가 세는 방식이며, CLOSED인 끝은 소켓이 없습니다). CLOSE-WAIT나 TIME-WAIT가 많다면 글에서 경고한 소켓 누적입니다. 캡처 안에서 같은 주소와 포트가 나중에 다시 쓰인 연결은 가장 나중 연결로 한 번만 셉니다.',
  censusNone: '없음: 모든 끝이 닫혔습니다',
  counting: (known, total) => `각 끝의 상태를 계산하는 중: 연결 ${total}개 중 ${known}개 재생…`,
  filterHelp: '이 상태인 끝이 있는 연결만 보기',
  filtered: (state, count) => `${state}인 끝이 있는 연결 ${count}개.`,
  showAll: '모두 보기',
  days: (days) => `${days}일`,
  reused: '재사용됨',
  reusedHelp: '캡처 안에서 같은 주소와 포트가 나중에 다시 열렸습니다. 소켓은 그 나중 연결이 쥐고 있으므로 이 연결은 집계에 넣지 않습니다.',
  censusRow: (count) => `${count}`,
  openConnection: '열기',
  back: '연결 목록',
  vantage: (toClient, toServer, from) =>
    from === 'handshake'
      ? `이 캡처는 클라이언트에서 약 ${toClient}, 서버에서 약 ${toServer} 떨어진 곳에서 떴습니다(핸드셰이크 시간으로 추정).`
      : from === 'given'
        ? `캡처 지점은 클라이언트에서 ${toClient}, 서버에서 ${toServer} 떨어져 있습니다.`
        : '시간을 잴 핸드셰이크가 없어서, 세그먼트가 캡처된 순간 도착한 것으로 봅니다.',
  captureEnd: '캡처 끝',
  anomalies: '눈여겨볼 점',
  noAnomalies: '이상한 점이 없습니다. 정상적인 연결입니다.',
  anomaly: {
    retransmission: (a, who) => `${who}가 ${a.flags}를 다시 보냈습니다(${a.copy}번째 사본).${a.lost ? ' 이 사본도 유실되었습니다.' : ''}`,
    lost: (a, who) => `${who}의 ${a.flags}는 도착하지 못했습니다. 다시 보내야 했거나, 상대가 그것을 받지 못한 듯 움직였습니다.`,
    'fin-unanswered': (a, who) =>
      `${who}의 FIN은 캡처 안에서 끝내 확인되지 않았습니다${a.lost ? '(가는 길에 유실됨)' : ''}. ${who}는 FIN을 다시 보내며 그 ACK를 기다렸습니다.`,
    reset: (a, who) =>
      (a.reason === 'abort'
        ? `${who}가 연결을 리셋했습니다. 애플리케이션이 연결을 강제로 끊었습니다(또는 읽지 않은 바이트가 남은 채 닫았습니다. 리눅스는 두 경우를 똑같이 처리합니다).`
        : a.reason === 'no-connection'
          ? `${who}는 ${a.answers === null ? '세그먼트' : `패킷 ${a.answers}`}에 리셋으로 답했습니다. 그 세그먼트를 받을 연결이 더는 없었습니다.`
          : a.reason === 'unacceptable-ack'
            ? `${who}는 ${a.answers === null ? '세그먼트' : `패킷 ${a.answers}`}에 리셋으로 답했습니다. 핸드셰이크가 끝나기 전이라 받아들일 수 없는 ACK 번호였습니다(SYN 바로 다음 번호가 아님).`
            : a.reason === 'data-after-close'
              ? `${who}가 연결을 리셋했습니다. 애플리케이션이 이미 닫은 소켓에 바이트${a.answers === null ? '' : `(패킷 ${a.answers})`}가 도착했습니다.`
              : `${who}가 모델의 어떤 규칙으로도 설명되지 않는 리셋을 보냈습니다.`) + (a.lost ? ' 그 리셋은 도착하지 못했습니다.' : ''),
    departs: (a, who) =>
      (a.departs.kind === 'not-open'
        ? `${who}의 ${a.flags}는 모델과 어긋납니다. 모델의 ${who}는 ${a.departs.state} 상태라 이런 세그먼트를 보내지 않습니다.`
        : `${who}의 ${a.flags}는 모델과 어긋납니다. 어떤 호출도 규칙도 타이머도 이를 설명하지 않습니다.`) + (a.lost ? ' 도착하지도 못했습니다.' : ''),
    'close-wait': (a, who) =>
      `${who}는 ${s(a.seconds)} 동안 CLOSE-WAIT에 머물렀습니다${a.ended ? '' : '(캡처가 끝날 때까지)'}. 애플리케이션이 close()를 호출하지 않았습니다.`,
    'fin-wait-2-timeout': (a, who) =>
      a.sooner
        ? `${who}의 FIN-WAIT-2는 상대의 FIN이 오기 전에 이미 끝나 있었습니다(FIN이 연결을 찾지 못해 리셋으로 답함). tcp_fin_timeout이 리눅스 기본값 60초보다 짧습니다.`
        : `${who}는 타이머(tcp_fin_timeout)로 FIN-WAIT-2를 벗어났습니다. 상대의 FIN은 끝내 오지 않았습니다.`,
    'gave-up': (a, who) =>
      a.sooner
        ? `상대의 다음 세그먼트가 오기 전에 ${who}는 이미 ${a.state}에서 포기했습니다(연결을 찾지 못함). 재시도가 모델보다 일찍 끝났습니다.`
        : `${who}는 ${a.state}에서 포기했습니다. 재시도를 다 써서 연결이 사라졌습니다.`,
    'time-wait-beyond': (a, who) => `캡처가 끝날 때 ${who}는 아직 TIME-WAIT입니다. 대기는 ${s(a.endsAt)}에 끝납니다.`,
    'keep-alive': (a, who) =>
      `${who}가 킵얼라이브를 보냈습니다(다음 바이트보다 하나 앞의 ${a.flags}). 한가한 연결이 아직 살아 있는지 묻는 것이며, 재전송이 아닙니다.${a.lost ? ' 도착하지 못했습니다.' : ''}`,
    'window-probe': (a, who) =>
      `${who}가 상대의 0 윈도를 탐침했습니다(${a.flags}). 받을 자리가 생겼는지 묻는 것이며, 재전송이 아닙니다.${a.lost ? ' 도착하지 못했습니다.' : ''}`,
    'mid-connection': () => '캡처가 핸드셰이크 뒤에 시작됩니다. 연결 시작은 가정한 것(점선)이라, 첫 패킷 전의 상태는 추측입니다.',
    'inferred-opening': () => '캡처가 서버의 SYN+ACK부터 시작됩니다. 그 앞의 클라이언트 SYN은 추론한 것입니다(점선).',
    'one-direction': (a, who) => `캡처에는 한쪽 방향만 담겼습니다. ${who}의 세그먼트 ${a.segments}개는 상대가 확인한 내용으로 추론한 것입니다(점선).`,
    missed: (a, who) =>
      `캡처가 패킷 ${a.before} 앞에서 ${who}가 보낸 ${a.bytes.toLocaleString('ko')}바이트를 놓쳤습니다. 상대가 그 바이트를 확인했으므로 추론해 넣었습니다(점선). 캡처가 따라가지 못하면 패킷을 빠뜨립니다.`,
  },
  beyondEnd: '캡처의 마지막 패킷 이후입니다. 여기서부터는 모델이 예측한 것을 보여 줍니다.',
  forkHint: '여기서 호출이나 네트워크 동작을 하면 이 순간부터 캡처가 시뮬레이터로 갈라집니다.',
  forked: '갈라졌습니다. 이제부터는 캡처가 남긴 상태에서 이어 가는 시뮬레이터입니다.',
  packet: (n, flags, d) =>
    [
      `캡처의 패킷 ${n}(${flags}): 윈도 필드 ${d.win}`,
      d.mss !== undefined ? `MSS ${d.mss}` : '',
      d.windowScale !== undefined ? `윈도 스케일 ${d.windowScale}` : '',
      d.sackPermitted ? 'SACK 허용' : '',
      d.timestamp ? `타임스탬프 ${d.timestamp.value}/${d.timestamp.echo}` : '',
    ]
      .filter(Boolean)
      .join(', '),
};
