/**
 * The UI language and its sentences. The first download carries the Japanese of the pages a phone
 * opens first; the English table is its own chunk, loaded before the first render for someone who
 * chose English, or when they switch. The sentences of later pages (the console, the door, the
 * board, the phone's own later pages) come with those pages (lazyPage), in the language in use (the
 * phone budget).
 */
import { create } from 'zustand';
import { ja, type FirstMessageKey, type MessageKey } from '../lib/messages';
import type { LaterMessageKey } from '../lib/messages-later';

export type Language = 'ja' | 'en';
const STORAGE_KEY = 'pm_lang';

function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja'; // storage blocked (private mode): Japanese, not remembered
  }
}

let english: Record<FirstMessageKey, string> | null = null;
let laterJa: Record<LaterMessageKey, string> | null = null;
let laterEn: Record<LaterMessageKey, string> | null = null;

/** Loads the English table once, and the later pages' English if their Japanese is here already. */
export async function loadEnglish(): Promise<void> {
  const [first, later] = await Promise.all([
    english ?? import('../lib/messages-en').then((m) => m.en),
    laterJa && (laterEn ?? import('../lib/messages-later-en').then((m) => m.enLater)),
  ]);
  english = first;
  laterEn = later;
}

/** The later pages' sentences, once, with their English for someone reading English. */
export async function loadLaterMessages(): Promise<void> {
  const english = useLanguage.getState().language === 'en';
  const [ja, en] = await Promise.all([
    laterJa ?? import('../lib/messages-later').then((m) => m.jaLater),
    english ? (laterEn ?? import('../lib/messages-later-en').then((m) => m.enLater)) : laterEn,
  ]);
  laterJa = ja;
  laterEn = en;
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
    const text = isFirst(key) ? (language === 'en' && english ? english : ja)[key] : later(key, language);
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  };
}

const isFirst = (key: MessageKey): key is FirstMessageKey => Object.hasOwn(ja, key);

/**
 * A later page's sentence. Its page loaded the table first (lazyPage); the key stands in should a
 * sentence ever be asked for before, so a wrong import shows as a key, not a blank or a crash.
 */
function later(key: LaterMessageKey, language: Language): string {
  const table = language === 'en' && laterEn ? laterEn : laterJa;
  return table?.[key] ?? key;
}

const translators: Record<Language, Translate> = { ja: translate('ja'), en: translate('en') };

/** The translate function for the current language; re-renders when it changes. */
export function useT(): Translate {
  return translators[useLanguage((s) => s.language)];
}
