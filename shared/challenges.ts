/**
 * Challenges (課題): what a firm or partner wants solved, in the city plan's five categories plus the
 * event's own topics and a line of free text, and how well a venture fits them. A venture addresses
 * challenges through its profile topics, which may hold the five category keys beside event topics.
 * Pure and free of zod, so the server (import, scheduler, board count) and the client (directory
 * order, live card) compute one fit from one rule.
 */
import { searchKey, trimText } from './text.js';

/** The plan's five categories, in the plan's order (生産性向上, 業務効率化・省力化, 雇用確保, 遊休資産の活用, 人材育成). */
export const CHALLENGE_CATEGORIES = ['productivity', 'efficiency', 'hiring', 'idle-assets', 'training'] as const;
export type ChallengeCategory = (typeof CHALLENGE_CATEGORIES)[number];

export interface Challenges {
  categories: ChallengeCategory[];
  /** Event topics, as the organization chose them (spelling kept; compared folded). */
  topics: string[];
  /** One line in the organization's own words. */
  note: string;
}

export const CHALLENGE_LIMITS = {
  /** A topic is a tag: the same bound as the venture profile's topics. */
  topicLength: 40,
  topics: 12,
  noteLength: 200,
} as const;

export const NO_CHALLENGES: Challenges = { categories: [], topics: [], note: '' };

/**
 * Words that name each category in an import cell or a typed line: the key, the plan's Japanese name
 * and its parts, and the English label. Recognition only; what a person reads is in messages.ts.
 */
const CATEGORY_NAMES: Record<ChallengeCategory, readonly string[]> = {
  productivity: ['productivity', '生産性向上', '生産性', 'せいさんせいこうじょう', 'productivity improvement'],
  efficiency: [
    'efficiency',
    '業務効率化・省力化',
    '業務効率化',
    '省力化',
    '効率化',
    'しょうりょくか',
    'labor saving',
    'labour saving',
    'operational efficiency',
  ],
  hiring: ['hiring', '雇用確保', '雇用', '人手不足', 'こようかくほ', 'recruitment', 'employment'],
  'idle-assets': [
    'idle-assets',
    '遊休資産の活用',
    '遊休資産',
    '遊休資産活用',
    'ゆうきゅうしさん',
    'idle assets',
    'unused assets',
  ],
  training: ['training', '人材育成', '育成', 'じんざいいくせい', 'skills', 'talent development'],
};

const CATEGORY_BY_KEY = new Map<string, ChallengeCategory>(
  CHALLENGE_CATEGORIES.flatMap((category) =>
    CATEGORY_NAMES[category].map((name) => [searchKey(name), category] as const),
  ),
);

export function isChallengeCategory(value: string): value is ChallengeCategory {
  return (CHALLENGE_CATEGORIES as readonly string[]).includes(value);
}

/** The category a word names (key, Japanese or English, any width or case), or null. */
export function categoryOf(word: string): ChallengeCategory | null {
  return CATEGORY_BY_KEY.get(searchKey(word)) ?? null;
}

/** Whether an organization has said anything about its challenges. */
export function hasChallenges(challenges: Challenges | null | undefined): challenges is Challenges {
  return (
    challenges != null && (challenges.categories.length > 0 || challenges.topics.length > 0 || challenges.note !== '')
  );
}

/** Separators a person types between challenges: 、，, ; ； ・ is not one (業務効率化・省力化 is one name). */
const SEPARATORS = /[、,，;；\n]+/u;

/**
 * Reads a typed list (an import cell, a form line): each word that names a category becomes that
 * category, each that is one of the event's topics becomes that topic (in the event's spelling), and
 * the rest are kept in the free text in the order typed, so nothing a person wrote is lost.
 */
export function readChallenges(text: string, eventTopics: readonly string[]): Challenges {
  const topicByKey = new Map(eventTopics.map((topic) => [searchKey(topic), topic] as const));
  const categories = new Set<ChallengeCategory>();
  const topics: string[] = [];
  const rest: string[] = [];
  for (const raw of text.split(SEPARATORS)) {
    const word = trimText(raw);
    if (word === '') continue;
    const category = categoryOf(word);
    const topic = topicByKey.get(searchKey(word));
    if (category) categories.add(category);
    else if (topic !== undefined) {
      if (!topics.includes(topic)) topics.push(topic);
    } else rest.push(word);
  }
  return {
    categories: CHALLENGE_CATEGORIES.filter((c) => categories.has(c)),
    topics,
    note: rest.join('、'),
  };
}

export interface ChallengeFit {
  /** 0 when nothing is shared; grows toward 1 with each shared challenge. */
  score: number;
  /** The firm's categories (keys, in the plan's order) and topics (its spelling) the venture addresses. */
  shared: string[];
}

/**
 * How well a venture fits a firm's challenges. Each shared challenge halves the distance to 1, so
 * more shared is always higher, and a firm that lists many challenges is not marked down for it
 * (a share of its list would be). Venture topics that name a category count as that category.
 */
export function challengeFit(firm: Challenges | null, ventureTopics: readonly string[]): ChallengeFit {
  return firm ? fitWith(firm, addressedBy(ventureTopics)) : { score: 0, shared: [] };
}

/**
 * What a venture's topics address, folded once: each topic's search key and the category it names.
 * A count over many firms (the board's) folds each venture once, not once per firm.
 */
export function addressedBy(ventureTopics: readonly string[]): ReadonlySet<string> {
  const addressed = new Set<string>();
  for (const topic of ventureTopics) {
    addressed.add(searchKey(topic));
    const category = categoryOf(topic);
    if (category) addressed.add(category);
  }
  return addressed;
}

/** challengeFit against a venture's topics already folded by `addressedBy`. */
export function fitWith(firm: Challenges, addressed: ReadonlySet<string>): ChallengeFit {
  const shared = [
    ...firm.categories.filter((category) => addressed.has(category)),
    ...firm.topics.filter((topic) => addressed.has(searchKey(topic))),
  ];
  return { score: 1 - 0.5 ** shared.length, shared };
}

/**
 * Several statements of one company's challenges as one (an import's rows of a company, two
 * registrations merged): every category and topic once, the lines in order, within the bounds.
 */
export function joinChallenges(parts: readonly Challenges[]): Challenges {
  const categories = new Set(parts.flatMap((p) => p.categories));
  const notes = [...new Set(parts.map((p) => p.note).filter((n) => n !== ''))];
  return {
    categories: CHALLENGE_CATEGORIES.filter((c) => categories.has(c)),
    topics: [...new Set(parts.flatMap((p) => p.topics))].slice(0, CHALLENGE_LIMITS.topics),
    note: [...notes.join('、')].slice(0, CHALLENGE_LIMITS.noteLength).join(''),
  };
}
