/**
 * A SCORM 1.2 package of exercise sets, for a course's LMS (Moodle plays SCORM 1.2 best): the
 * practice page (one self-contained file, practice.html), the Hangul faces it draws Korean with,
 * one small launch page per SCO that opens practice.html with that SCO's set in its link, and
 * imsmanifest.xml naming them (no schemaLocation: it would name XSD files a package need not
 * carry, and strict validators flag the missing ones). No server of ours: the page finds the LMS's API itself
 * (src/practice/scorm.ts). The same options always make the same package.
 *
 * Framework-free: the command line and the instructor's dialog on the page both call it, each
 * with the practice page it has (built by Vite, or fetched from the site it runs on).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Scenario } from '../scenarios/catalog';
import { courseQuery, type CourseOptions } from './course';
import { EXERCISE_LESSONS, type ExerciseStrings } from './generate';

/** The page a package carries: practice.html's text and the files it names (by their path beside it: fonts/hangul-400-….woff2, favicon.svg). */
export interface PracticePageFiles {
  readonly html: string;
  readonly files: Readonly<Record<string, Uint8Array>>;
}

/** One SCO: a set of its own, under its own title in the LMS's table of contents. */
export interface ScoPlan {
  readonly id: string;
  readonly title: string;
  readonly options: CourseOptions;
}

export interface PackageOptions extends CourseOptions {
  readonly lang: 'en' | 'ko';
  /** One SCO holding the whole set, or one SCO a lesson (each lesson's own questions, up to `count`). */
  readonly scos: 'one' | 'per-lesson';
}

/** The files beside it that practice.html names: its @font-face rules' fonts and its icon (relative paths, one folder deep at most). */
export const linkedFiles = (html: string): string[] => [
  ...new Set([...html.matchAll(/(?:url\(["']?|<link [^>]*href=["'])(?:\.\/)?([\w-]+(?:\/[\w.-]+)?\.(?:woff2|svg))["')]/g)].map((m) => m[1]!)),
];

/** Whether practice.html is one file that fetches no script (as the build makes it; Vite's dev server's page loads its modules from /src). */
export const selfContained = (html: string): boolean => html.includes('<div id="root">') && !/<script[^>]*\ssrc=/.test(html);

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The SCOs a package holds. */
export function scoPlans(o: PackageOptions, words: ExerciseStrings): ScoPlan[] {
  const set: CourseOptions = { seed: o.seed, count: o.count, kinds: o.kinds, lessons: o.lessons, mastery: o.mastery, perLearner: o.perLearner };
  // Under the package's title (the organization's), each item is named by what it asks alone.
  if (o.scos === 'one') return [{ id: 'set', title: words.exercises.practice.title, options: set }];
  const lessons: readonly Scenario['id'][] = o.lessons ?? EXERCISE_LESSONS.map((l) => l.id);
  return lessons.map((id) => ({ id, title: words.lessons[id as keyof typeof words.lessons].title, options: { ...set, lessons: [id] } }));
}

/** practice.html's link for a SCO (`sco=1`: inside a package, with no lessons page to go back to). */
export const scoLink = (plan: ScoPlan, lang: 'en' | 'ko'): string => `practice.html?${courseQuery(plan.options)}&lang=${lang}&sco=1`;

/** A SCO's launch page: it opens practice.html with the SCO's set (in the same window, so the LMS's API stays where the page looks for it). */
export function launchPage(plan: ScoPlan, lang: 'en' | 'ko'): string {
  const link = scoLink(plan, lang);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${xml(plan.title)}</title>
<meta http-equiv="refresh" content="0; url=${xml(link)}">
<script>location.replace(${JSON.stringify(link).replace(/</g, '\\u003c')} + location.hash)</script>
</head>
<body><p><a href="${xml(link)}">${xml(plan.title)}</a></p></body>
</html>
`;
}

/** imsmanifest.xml: one organization, an item per SCO (with the pass mark as adlcp:masteryscore), the page and fonts as a shared asset. */
export function manifest(plans: readonly ScoPlan[], o: PackageOptions, title: string, files: readonly string[]): string {
  const items = plans
    .map(
      (p) => `      <item identifier="item-${p.id}" identifierref="sco-${p.id}" isvisible="true">
        <title>${xml(p.title)}</title>${o.mastery === null ? '' : `\n        <adlcp:masteryscore>${o.mastery}</adlcp:masteryscore>`}
      </item>`,
    )
    .join('\n');
  const resources = plans
    .map(
      (p) => `    <resource identifier="sco-${p.id}" type="webcontent" adlcp:scormtype="sco" href="sco-${p.id}.html">
      <file href="sco-${p.id}.html"/>
      <dependency identifierref="practice-page"/>
    </resource>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="handshake-lab-${o.seed}-${o.lang}" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="handshake-lab">
    <organization identifier="handshake-lab">
      <title>${xml(title)}</title>
${items}
    </organization>
  </organizations>
  <resources>
${resources}
    <resource identifier="practice-page" type="webcontent" adlcp:scormtype="asset">
${files.map((f) => `      <file href="${xml(f)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

/** Every file's date in the zip: fixed, so the same options make the same bytes. */
const MTIME = new Date('2026-01-01T00:00:00Z');

/** The package's files (path to bytes or text), before zipping: what a test reads, and what `scormZip` packs. */
export function scormFiles(o: PackageOptions, words: ExerciseStrings, page: PracticePageFiles): Record<string, string | Uint8Array> {
  const plans = scoPlans(o, words);
  const linked = linkedFiles(page.html);
  const missing = linked.filter((f) => page.files[f] === undefined);
  if (missing.length > 0) throw new Error(`the practice page names files it was not given: ${missing.join(', ')}`);
  const title = words.exercises.course.packageTitle(o.seed);
  const files: Record<string, string | Uint8Array> = {
    'imsmanifest.xml': manifest(plans, o, title, ['practice.html', ...linked]),
    'practice.html': page.html,
  };
  for (const p of plans) files[`sco-${p.id}.html`] = launchPage(p, o.lang);
  for (const f of linked) files[f] = page.files[f]!;
  return files;
}

/** The package as a zip (imsmanifest.xml at its root, as SCORM's packaging says). */
export function scormZip(files: Readonly<Record<string, string | Uint8Array>>): Uint8Array {
  const zippable: Zippable = {};
  for (const [path, body] of Object.entries(files)) {
    const bytes = typeof body === 'string' ? strToU8(body) : body;
    // woff2 is compressed already: stored as it is.
    zippable[path] = [bytes, { level: path.endsWith('.woff2') ? 0 : 9, mtime: MTIME }];
  }
  return zipSync(zippable);
}
