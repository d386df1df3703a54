/** Both languages' core strings, for the embed and the element: one file a blog post loads, read in either language. */
import { core as en } from './en/core';
import { core as ko } from './ko/core';
import type { Lang, Strings } from './strings';

export const STRINGS: Readonly<Record<Lang, Strings>> = { en, ko };
