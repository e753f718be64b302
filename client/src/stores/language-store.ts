import { create } from 'zustand';
import { en, ja, type MessageKey } from '../lib/messages';

export type Language = 'ja' | 'en';
const STORAGE_KEY = 'pm_lang';

function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja'; // storage blocked (private mode): Japanese, not remembered
  }
}

interface LanguageState {
  language: Language;
  toggle: () => void;
}

export const useLanguage = create<LanguageState>((set, get) => ({
  language: initialLanguage(),
  toggle: () => {
    const language = get().language === 'ja' ? 'en' : 'ja';
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // not remembered, still switched
    }
    document.documentElement.lang = language;
    set({ language });
  },
}));

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(language: Language): Translate {
  const table = language === 'en' ? en : ja;
  return (key, vars) => {
    const text: string = table[key];
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  };
}

const translators: Record<Language, Translate> = { ja: translate('ja'), en: translate('en') };

/** The translate function for the current language; re-renders when it changes. */
export function useT(): Translate {
  return translators[useLanguage((s) => s.language)];
}
