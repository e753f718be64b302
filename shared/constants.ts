/**
 * Protocol constants with no dependencies, so the client can use them without bundling zod.
 */

/** Bumped on any incompatible change; a client on another version is told to reload. */
export const PROTOCOL_VERSION = 1;

/** Standard topic tags of the programme; an event may add its own. */
export const STANDARD_TOPICS = ['生産性向上', '業務効率化・省力化', '雇用確保', '遊休資産の活用', '人材育成'] as const;

export const LIMITS = {
  idLength: 64,
  noteLength: 1000,
  tagLength: 40,
  tagsPerInterest: 12,
  maxExtendSec: 30 * 60,
  titleLength: 120,
  maxPitchSec: 60 * 60,
  scanLength: 512,
  /**
   * The oldest check-in a station may send up after deciding it offline (its `ageMs`): a day. Here,
   * not in protocol.ts, so the station's page can cap its queue without bundling zod.
   */
  maxCheckinAgeMs: 86_400_000,
  messageLength: 500,
  /** 2 MiB of CSV, base64-encoded. */
  importBase64Chars: Math.ceil((2 * 1024 * 1024) / 3) * 4,
} as const;

export const SESSION_COOKIE = 'pm_session';

/** The socket.io namespace of the connection check (/check): open to anyone, answers a ping. */
export const CHECK_NAMESPACE = '/check';

/** The connection check's page, opened at the public address with no sign-in. */
export const CHECK_PAGE = '/check';
