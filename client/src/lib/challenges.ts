/**
 * Challenges (課題) as people read them: a category key in the person's language (省力化, Labor
 * saving), an event topic as it is spelled. Venture topics hold category keys beside event topics
 * (shared/challenges.ts), so every list of them is shown through here, never as raw keys.
 */
import { isChallengeCategory, type Challenges } from '../../../shared/challenges';
import type { MessageKey } from './messages';
import type { Translate } from '../stores/language-store';

/** One challenge or topic, short: 省力化 for 'efficiency', ドローン for ドローン. */
export function challengeLabel(t: Translate, value: string): string {
  return isChallengeCategory(value) ? t(`challenge.short.${value}` as MessageKey) : value;
}

/** A list of challenges or topics, joined the way the language lists words. */
export function challengeList(t: Translate, values: readonly string[], separator = '・'): string {
  return values.map((value) => challengeLabel(t, value)).join(separator);
}

/** All an organization stated: categories, topics, then its own line. */
export function describeChallenges(t: Translate, challenges: Challenges): string {
  const words = [...challenges.categories, ...challenges.topics].map((value) => challengeLabel(t, value));
  return [...words, ...(challenges.note ? [challenges.note] : [])].join('・');
}
