/** 연습 문제의 한국어 문구 (../exerciseStrings.ts 참고). */
import type { ExerciseWords } from '../exerciseStrings';

export const exercises: ExerciseWords = {
  bank: '핸드셰이크 랩',
  kindNames: { 'next-state': '다음 상태', 'ack-number': '확인 응답 번호' },
  nextState: {
    before: (who, state) => `${who}는 지금 ${state} 상태입니다.`,
    ask: (who) => `그 직후 ${who}는 어떤 상태일까요?`,
  },
  ackNumber: {
    sent: (peer, flags, seq, bytes) => `${peer}가 seq=${seq}${bytes > 0 ? `, 데이터 ${bytes}바이트` : ''}인 ${flags} 세그먼트를 보냈고, 그것이 도착했습니다.`,
    ask: (who, flags) =>
      `그다음 ${who}가 보내는 세그먼트는 ${flags}입니다. 이 세그먼트의 확인 응답 번호(ack)는 얼마일까요? (번호는 Wireshark처럼 각 쪽의 첫 번호부터 셉니다.)`,
    because: (seq, bytes, syn, fin, ack) =>
      bytes === 0 && !syn && !fin
        ? `ack는 다음에 받을 바이트 번호입니다. 그 세그먼트에는 데이터도 SYN도 FIN도 없어 번호가 그대로입니다: ${ack}.`
        : `ack는 다음에 받을 바이트 번호입니다: ${seq}${bytes > 0 ? ` + ${bytes}바이트` : ''}${syn ? ' + SYN의 1' : ''}${fin ? ' + FIN의 1' : ''} = ${ack}.`,
  },
  practice: {
    title: '연습',
    progress: (n, of, right) => `${of}문제 중 ${n}번째 · 지금까지 ${right}개 정답`,
    check: '확인',
    next: '다음 문제',
    right: '정답입니다.',
    wrong: (answer) => `아쉽습니다. 정답은 ${answer}입니다.`,
    finished: (right, of) => `${of}문제 중 ${right}개를 맞혔습니다.`,
    again: '같은 문제 다시 풀기',
    another: (count) => `다른 ${count}문제`,
    recorded: (score, status) =>
      `강좌에 100점 만점에 ${score}점이 기록되었습니다${status === 'completed' ? '' : status === 'passed' ? ' (통과)' : ' (통과 못 함)'}. 이제 이 페이지를 닫아도 됩니다.`,
    resumed: (answered) => `지난번에 멈춘 곳부터 이어서 풉니다: ${answered}문제 답함.`,
    review: '틀린 문제 다시 보기',
    yourAnswer: (answer) => `내 답: ${answer}.`,
    markRight: '정답',
    markWrong: '내 답, 오답',
    before: '묻는 순간 바로 전의 실행',
    after: '그 직후의 실행: 엔진이 한 일',
  },
  rfc: (section, title) => `RFC 9293 ${section}절 (${title})`,
  sysctl: (name) => `리눅스의 ${name}`,
};
