/**
 * The notice a phone shows: the organizer's words in the person's language, or in the other
 * language with a line saying so, and the app's default only when the organizer wrote none.
 */
import { describe, expect, it } from 'vitest';
import { noticeText } from './notice-text';

describe('noticeText', () => {
  it('shows the organizer’s text in the person’s own language', () => {
    expect(noticeText({ ja: '主催者の通知', en: 'Organizer notice' }, 'en')).toEqual({
      text: 'Organizer notice',
      shownIn: null,
    });
    expect(noticeText({ ja: '主催者の通知', en: 'Organizer notice' }, 'ja')).toEqual({
      text: '主催者の通知',
      shownIn: null,
    });
  });

  it('falls back to the organizer’s text in the other language, saying which', () => {
    expect(noticeText({ ja: '主催者の通知', en: null }, 'en')).toEqual({ text: '主催者の通知', shownIn: 'ja' });
    expect(noticeText({ ja: '主催者の通知', en: '  ' }, 'en')).toEqual({ text: '主催者の通知', shownIn: 'ja' });
    expect(noticeText({ ja: null, en: 'Organizer notice' }, 'ja')).toEqual({
      text: 'Organizer notice',
      shownIn: 'en',
    });
  });

  it('leaves the app’s default when the organizer wrote neither', () => {
    expect(noticeText({ ja: null, en: null }, 'en')).toEqual({ text: null, shownIn: null });
  });
});
