/**
 * Both languages' core strings and the words that explain a moment, for the embed and the element:
 * one file a blog post loads, read in either language (an embedded run narrates every event as free
 * play does, in the same words).
 */
import { core as en } from './en/core';
import { core as ko } from './ko/core';
import { explain as enExplain } from './en/explain';
import { explain as koExplain } from './ko/explain';
import type { ExplainWords } from './explainStrings';
import type { Lang, Strings } from './strings';

export type EmbedStrings = Strings & ExplainWords;

export const STRINGS: Readonly<Record<Lang, EmbedStrings>> = { en: { ...en, ...enExplain }, ko: { ...ko, ...koExplain } };
