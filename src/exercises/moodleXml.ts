/**
 * A set of exercises as a Moodle XML question bank (docs.moodle.org/en/Moodle_XML_format): a
 * category per kind, one multichoice question each with a single right answer, the engine's
 * explanation and its citation as the question's general feedback (no idnumber: a week's bank
 * imported beside another's would repeat one, and Moodle keeps them unique in a category), and
 * where it has one, the run's picture at the question's moment inside the question (an SVG file
 * the question carries).
 */
import type { ExerciseWords } from '../i18n/exerciseStrings';
import type { Exercise } from './generate';

const xml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[c as '&']};`);
const plain = (tag: string, text: string): string => `<${tag} format="plain_text"><text>${xml(text)}</text></${tag}>`;

/** A picture inside a question: an SVG file the question carries (Moodle's @@PLUGINFILE@@), shown under its words. */
export interface QuestionImage {
  readonly name: string;
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
}

/** Base64 of a text's UTF-8 bytes (btoa is in browsers and in Node). */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A question's text: plain, or with its picture (HTML, the file beside it in the question). */
function questionText(e: Exercise, image: QuestionImage | null): string {
  if (!image) return plain('questiontext', e.question);
  const html = `<p>${xml(e.question)}</p><p><img src="@@PLUGINFILE@@/${encodeURIComponent(image.name)}" alt="${xml(image.alt)}" width="${image.width}" height="${image.height}"></p>`;
  return `<questiontext format="html"><text><![CDATA[${html}]]></text><file name="${xml(image.name)}" path="/" encoding="base64">${base64(image.svg)}</file></questiontext>`;
}

/** The bank; `image` gives a question its picture (the command line and the dialog draw one with src/ui/momentSvg.ts), or none. */
export function toMoodleXml(set: readonly Exercise[], t: ExerciseWords, image: (e: Exercise) => QuestionImage | null = () => null): string {
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
      `    ${questionText(e, image(e))}`,
      `    ${plain('generalfeedback', why)}`,
      '    <defaultgrade>1</defaultgrade>',
      '    <penalty>0.3333333</penalty>',
      '    <hidden>0</hidden>',
      '    <single>true</single>',
      '    <shuffleanswers>0</shuffleanswers>',
      '    <answernumbering>abc</answernumbering>',
      ...e.choices.map(
        (c, i) =>
          // Why is the general feedback, shown to every student: not said again under the right answer.
          `    <answer fraction="${i === e.answer ? 100 : 0}" format="plain_text"><text>${xml(c)}</text><feedback format="plain_text"><text></text></feedback></answer>`,
      ),
      '  </question>',
    );
  }
  out.push('</quiz>', '');
  return out.join('\n');
}
