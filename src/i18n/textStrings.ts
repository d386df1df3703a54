/**
 * The words a run written as text says when it needs a fix, in both languages: they load with the
 * text's reader (tcp-handshake-text.js, the app's rail), not with every post that embeds a lesson.
 * Where a text cannot be read, the reason itself is the reader's own English line
 * (src/player/runText.ts); its place, and an expected state the run disagrees with, are said in the
 * reader's language.
 */
import type { Lang } from './strings';

export interface TextWords {
  /** In place of a figure whose text needs a fix. */
  badText: (problem: string) => string;
  /** The place and the reason. */
  place: (line: number, column: number, reason: string) => string;
  /** An expected state the run disagrees with: at `at`, the side holds `states` (several when it passes through them in one instant), not `expected`. */
  disagrees: (at: string, side: 'client' | 'server', states: readonly string[], expected: string) => string;
}

export const TEXT_WORDS: Readonly<Record<Lang, TextWords>> = {
  en: {
    badText: (problem) => `This run's text needs a fix: ${problem}`,
    place: (line, column, reason) => `line ${line}, column ${column}: ${reason}`,
    disagrees: (at, side, states, expected) =>
      `at ${at} the ${side} ${states.length === 1 ? `is ${states[0]}` : `goes ${states.join(' → ')}`}, not ${expected}`,
  },
  ko: {
    badText: (problem) => `실행을 적은 글에 고칠 곳이 있습니다: ${problem}`,
    place: (line, column, reason) => `${line}행 ${column}열: ${reason}`,
    disagrees: (at, side, states, expected) =>
      `${at}에 ${side === 'client' ? '클라이언트' : '서버'}는 ${states.length === 1 ? `${states[0]} 상태입니다` : `${states.join(' → ')} 순서로 바뀝니다`}. ${expected} 상태가 아닙니다`,
  },
};
