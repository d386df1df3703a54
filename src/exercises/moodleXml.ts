/**
 * A set of exercises as a Moodle XML question bank (docs.moodle.org/en/Moodle_XML_format): a
 * category per kind, one multichoice question each with a single right answer, the engine's
 * explanation and its citation as the question's general feedback and the right answer's.
 */
import type { ExerciseWords } from '../i18n/exerciseStrings';
import type { Exercise } from './generate';

const xml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[c as '&']};`);
const plain = (tag: string, text: string): string => `<${tag} format="plain_text"><text>${xml(text)}</text></${tag}>`;

export function toMoodleXml(set: readonly Exercise[], t: ExerciseWords): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>'];
  let category = '';
  for (const e of [...set].sort((a, b) => a.kind.localeCompare(b.kind))) {
    const name = `$course$/${t.bank}/${t.kindNames[e.kind]}`;
    if (name !== category) {
      category = name;
      out.push(`  <question type="category"><category><text>${xml(name)}</text></category></question>`);
    }
    const why = `${e.explanation} (${e.reference})`;
    out.push(
      '  <question type="multichoice">',
      `    <name><text>${xml(e.id)}</text></name>`,
      `    ${plain('questiontext', e.question)}`,
      `    ${plain('generalfeedback', why)}`,
      '    <defaultgrade>1</defaultgrade>',
      '    <penalty>0.3333333</penalty>',
      '    <hidden>0</hidden>',
      `    <idnumber>${xml(e.id)}</idnumber>`,
      '    <single>true</single>',
      '    <shuffleanswers>0</shuffleanswers>',
      '    <answernumbering>abc</answernumbering>',
      ...e.choices.map(
        (c, i) =>
          `    <answer fraction="${i === e.answer ? 100 : 0}" format="plain_text"><text>${xml(c)}</text><feedback format="plain_text"><text>${i === e.answer ? xml(why) : ''}</text></feedback></answer>`,
      ),
      '  </question>',
    );
  }
  out.push('</quiz>', '');
  return out.join('\n');
}
