/**
 * An embed carries the words of the one-connection lessons only (the pile-ups' load with the app's
 * strings): every lesson an embed can open must have them, in both languages, and the app's strings
 * must still hold every lesson's.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios/catalog';
import { STRINGS } from '../../src/i18n/embedStrings';
import { app as en } from '../../src/i18n/en/app';
import { app as ko } from '../../src/i18n/ko/app';
import { parseLink } from '../../src/player/links';

describe("the embed's lesson words", () => {
  it('cover every lesson an embed opens, and no pile-up (which an embed never opens)', () => {
    for (const s of SCENARIOS) {
      const opened = parseLink(`?scenario=${s.id}`, 'embed').scenario === s.id;
      expect(opened, s.id).toBe(!s.fleet);
      for (const lang of ['en', 'ko'] as const) {
        const words = (STRINGS[lang].lessons as Record<string, { title: string } | undefined>)[s.id];
        if (opened) expect(words?.title, `${lang} ${s.id}`).toBeTruthy();
        else expect(words, `${lang} ${s.id}`).toBeUndefined();
      }
    }
  });

  it("leave the app's strings with every lesson's words, the pile-ups' included", () => {
    for (const s of SCENARIOS) {
      expect(en.lessons[s.id].title, s.id).toBeTruthy();
      expect(ko.lessons[s.id].title, s.id).toBeTruthy();
    }
  });
});
