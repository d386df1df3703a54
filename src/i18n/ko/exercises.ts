/** 연습 문제의 한국어 문구 (../exerciseStrings.ts 참고). */
import type { ExerciseWords } from '../exerciseStrings';

export const exercises: ExerciseWords = {
  bank: '핸드셰이크 랩',
  kindNames: { 'next-state': '다음 상태', 'ack-number': '확인 응답 번호' },
  fromLesson: (title) => `(${title})`,
  dataRun: '데이터를 주고받는 연결',
  nextState: {
    before: (who, state) => `${who}는 지금 ${state} 상태입니다.`,
    ask: (who) => `그 직후 ${who}는 어떤 상태일까요?`,
  },
  ackNumber: {
    sent: (peer, flags, seq, bytes) => `${peer}가 seq=${seq}${bytes > 0 ? `, 데이터 ${bytes}바이트` : ''}인 ${flags} 세그먼트를 보냈고, 그것이 도착했습니다.`,
    ask: (who, flags) => `이어서 ${who}가 ${flags} 세그먼트를 보냅니다. 이 세그먼트의 확인 응답 번호(ack)는 얼마일까요?`,
    because: (seq, bytes, syn, fin, ack) =>
      `ack는 다음에 받을 바이트 번호입니다: ${seq}${bytes > 0 ? ` + ${bytes}바이트` : ''}${syn ? ' + SYN의 1' : ''}${fin ? ' + FIN의 1' : ''} = ${ack}.`,
  },
  rfc: (section, title) => `RFC 9293 ${section}절 (${title})`,
  sysctl: (name) => `리눅스의 ${name}`,
};
