/** The on-demand parts' words in both languages (./viewStrings.ts says why both). */
import type { Lang } from './strings';
import type { ViewStrings } from './viewStrings';
import { views as en } from './en/views';
import { views as ko } from './ko/views';

export const viewWords: Readonly<Record<Lang, ViewStrings>> = { en, ko };
