/**
 * A set of exercises as a GIFT question bank (Moodle's plain-text format: docs.moodle.org/en/GIFT_format):
 * one multiple-choice question each, in a category per kind, the engine's explanation and its
 * citation as the question's general feedback (shown whatever was chosen). Moodle's Question bank > Import reads it.
 */
import type { ExerciseWords } from '../i18n/exerciseStrings';
import type { Exercise } from './generate';

/** GIFT's special characters, escaped with a backslash; a line break as \n (a question is one line). */
export const giftText = (text: string): string => text.replace(/[~=#{}:\\]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

export function toGift(set: readonly Exercise[], t: ExerciseWords, heading: string): string {
  const lines = [`// ${heading.replace(/\n/g, ' ')}`, ''];
  let category = '';
  const inOrder = [...set].sort((a, b) => a.kind.localeCompare(b.kind));
  for (const e of inOrder) {
    const name = `${t.bank}/${t.kindNames[e.kind]}`;
    if (name !== category) {
      category = name;
      lines.push(`$CATEGORY: $course$/${name}`, '');
    }
    lines.push(`::${giftText(e.id)}::${giftText(e.question)} {`);
    e.choices.forEach((c, i) => lines.push(i === e.answer ? `  =${giftText(c)}` : `  ~${giftText(c)}`));
    // The general feedback (####): every student sees why, the ones who chose wrong above all.
    lines.push(`  ####${giftText(`${e.explanation} (${e.reference})`)}`, '}', '');
  }
  return lines.join('\n');
}
