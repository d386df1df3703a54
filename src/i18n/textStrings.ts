/**
 * The words a figure written as text says when its text needs a fix, in both languages: they load
 * with the text's reader (tcp-handshake-text.js), not with every post that embeds a lesson.
 */
import type { Lang } from './strings';

export const TEXT_WORDS: Readonly<Record<Lang, { badText: (problem: string) => string }>> = {
  en: { badText: (problem) => `This run's text needs a fix: ${problem}` },
  ko: { badText: (problem) => `실행을 적은 글에 고칠 곳이 있습니다: ${problem}` },
};
