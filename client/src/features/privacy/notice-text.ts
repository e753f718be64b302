/**
 * Which of the organizer's texts a phone shows as the privacy notice (issue 19). The person's own
 * language when the organizer wrote it; otherwise the organizer's text in the other language, said
 * to be shown in it, rather than the app's default: everyone acknowledges the organizer's words,
 * not a generic text that may promise something else. The app's default only when neither is written.
 */
import type { PrivacyNotice } from '../../../../shared/privacy';

export type NoticeLanguage = 'ja' | 'en';

export interface NoticeText {
  /** The organizer's text to show, or null for the app's default in the person's language. */
  text: string | null;
  /** The language the text is in when it is not the person's own (a line says so), else null. */
  shownIn: NoticeLanguage | null;
}

export function noticeText(notice: Pick<PrivacyNotice, 'ja' | 'en'>, language: NoticeLanguage): NoticeText {
  const other: NoticeLanguage = language === 'en' ? 'ja' : 'en';
  const written = (text: string | null) => (text !== null && text.trim() !== '' ? text : null);
  const own = written(notice[language]);
  if (own !== null) return { text: own, shownIn: null };
  const fallback = written(notice[other]);
  return fallback !== null ? { text: fallback, shownIn: other } : { text: null, shownIn: null };
}
