/**
 * The UI language. Japanese is in the first download; the English table is its own chunk, loaded
 * before the first render for someone who chose English, or when they switch (the phone budget).
 */
import { create } from 'zustand';
import { ja, type MessageKey } from '../lib/messages';

export type Language = 'ja' | 'en';
const STORAGE_KEY = 'pm_lang';

function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja'; // storage blocked (private mode): Japanese, not remembered
  }
}

let english: Record<MessageKey, string> | null = null;

/** Loads the English table once. */
export async function loadEnglish(): Promise<void> {
  english ??= (await import('../lib/messages-en')).en;
}

interface LanguageState {
  language: Language;
  toggle: () => void;
}

function apply(language: Language): void {
  document.documentElement.lang = language;
  useLanguage.setState({ language });
}

export const useLanguage = create<LanguageState>((_set, get) => ({
  language: initialLanguage(),
  toggle: () => {
    const language = get().language === 'ja' ? 'en' : 'ja';
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // not remembered, still switched
    }
    if (language === 'ja' || english) apply(language);
    // Offline with no cached chunk the switch waits: Japanese stays rather than keys showing.
    else
      loadEnglish().then(
        () => apply('en'),
        () => undefined,
      );
  },
}));

/**
 * Before the first render: the English table for someone who chose English. If it cannot load
 * (offline, never cached), the page opens in Japanese for now.
 */
export async function languageReady(): Promise<void> {
  if (useLanguage.getState().language !== 'en') return;
  try {
    await loadEnglish();
  } catch {
    useLanguage.setState({ language: 'ja' });
  }
  document.documentElement.lang = useLanguage.getState().language;
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(language: Language): Translate {
  return (key, vars) => {
    // English is only ever chosen once loaded (toggle, languageReady); Japanese stands in before.
    const table: Record<MessageKey, string> = language === 'en' && english ? english : ja;
    const text: string = table[key];
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  };
}

const translators: Record<Language, Translate> = { ja: translate('ja'), en: translate('en') };

/** The translate function for the current language; re-renders when it changes. */
export function useT(): Translate {
  return translators[useLanguage((s) => s.language)];
}
