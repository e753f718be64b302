/**
 * The event as one viewer sees it: a snapshot, then the facts that follow it. One reducer per fact,
 * pure, so the phone's store and the server's model-based test keep the same copy the same way and
 * a test can ask "does every screen now equal a fresh snapshot of the same viewer?".
 * Each slice keeps the sequence number it reflects, so a late fact never overwrites a newer one.
 */
import type { Challenges } from './challenges.js';
import type {
  ChallengesChanged,
  CountsChanged,
  EventInfo,
  EventStats,
  FitChanged,
  GridChanged,
  GridInfo,
  InterestChanged,
  InterestCount,
  Lead,
  LeadsChanged,
  MeetingInfo,
  MeetingRequestInfo,
  MeetingsChanged,
  MyInterest,
  PeopleChanged,
  PersonSummary,
  ProgramChanged,
  ProgramView,
  Snapshot,
  StatsChanged,
  VentureInfo,
  Viewer,
} from './model.js';
import type { ServerToClientEvents } from './protocol.js';

export interface Replica {
  event: EventInfo | null;
  viewer: Viewer | null;
  program: ProgramView | null;
  ventures: VentureInfo[];
  topics: string[];
  counts: Record<string, InterestCount>;
  myInterests: Record<string, MyInterest>;
  stats: EventStats | null;
  /** For a venture: the firms that asked to meet it. */
  leads: Lead[];
  /** For organizers: everyone registered, with their check-in. */
  people: PersonSummary[];
  grid: GridInfo | null;
  requests: MeetingRequestInfo[];
  meetings: MeetingInfo[];
  /** A firm's or partner's own challenges. */
  myChallenges: Challenges | null;
  /** For organizers: every organization's challenges. */
  orgChallenges: Record<string, Challenges>;
  /** For the board and organizers: fitting firms in the room, per venture. */
  fitInRoom: Record<string, number>;
  seqs: Record<
    'program' | 'counts' | 'interests' | 'stats' | 'leads' | 'people' | 'meetings' | 'grid' | 'challenges' | 'fit',
    number
  >;
}

export const EMPTY_REPLICA: Replica = {
  event: null,
  viewer: null,
  program: null,
  ventures: [],
  topics: [],
  counts: {},
  myInterests: {},
  stats: null,
  leads: [],
  people: [],
  grid: null,
  requests: [],
  meetings: [],
  myChallenges: null,
  orgChallenges: {},
  fitInRoom: {},
  seqs: {
    program: -1,
    counts: -1,
    interests: -1,
    stats: -1,
    leads: -1,
    people: -1,
    meetings: -1,
    grid: -1,
    challenges: -1,
    fit: -1,
  },
};

export function replicaOf(s: Snapshot): Replica {
  return {
    event: s.event,
    viewer: s.viewer,
    program: s.program,
    ventures: s.ventures,
    topics: s.topics,
    counts: s.counts,
    myInterests: Object.fromEntries(s.myInterests.map((i) => [i.ventureId, i])),
    stats: s.stats,
    leads: s.leads,
    people: s.people,
    grid: s.grid,
    requests: s.requests,
    meetings: s.meetings,
    myChallenges: s.myChallenges,
    orgChallenges: s.orgChallenges,
    fitInRoom: s.fitInRoom,
    seqs: {
      program: s.seq,
      counts: s.seq,
      interests: s.seq,
      stats: s.seq,
      leads: s.seq,
      people: s.seq,
      meetings: s.seq,
      grid: s.seq,
      challenges: s.seq,
      fit: s.seq,
    },
  };
}

function upsert<T extends { id: string }>(list: readonly T[], changed: readonly T[]): T[] {
  const byId = new Map(list.map((x) => [x.id, x]));
  for (const x of changed) byId.set(x.id, x);
  return [...byId.values()];
}

type Fact<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];
type Reducer<E extends keyof ServerToClientEvents> = (state: Replica, fact: Fact<E>) => Replica;

/** Every fact the server sends, and what it does to a viewer's copy: a missing one is a compile error. */
export const REDUCERS: { [E in keyof ServerToClientEvents]: Reducer<E> } = {
  'program:changed': (state, fact: ProgramChanged) =>
    fact.seq < state.seqs.program
      ? state
      : {
          ...state,
          program: fact.program,
          ventures: fact.ventures,
          event: fact.event,
          topics: fact.topics,
          seqs: { ...state.seqs, program: fact.seq },
        },
  'counts:changed': (state, fact: CountsChanged) =>
    fact.seq < state.seqs.counts
      ? state
      : { ...state, counts: { ...state.counts, ...fact.counts }, seqs: { ...state.seqs, counts: fact.seq } },
  'interest:changed': (state, fact: InterestChanged) => {
    if (fact.seq < state.seqs.interests) return state;
    const myInterests = { ...state.myInterests };
    if (fact.interest) myInterests[fact.ventureId] = fact.interest;
    else delete myInterests[fact.ventureId];
    return { ...state, myInterests, seqs: { ...state.seqs, interests: fact.seq } };
  },
  'stats:changed': (state, fact: StatsChanged) =>
    fact.seq < state.seqs.stats ? state : { ...state, stats: fact.stats, seqs: { ...state.seqs, stats: fact.seq } },
  'leads:changed': (state, fact: LeadsChanged) =>
    fact.seq < state.seqs.leads ? state : { ...state, leads: fact.leads, seqs: { ...state.seqs, leads: fact.seq } },
  // Upserts the people in the fact (a check-in, an undo, a registration, a correction, an import).
  'people:changed': (state, fact: PeopleChanged) =>
    fact.seq < state.seqs.people
      ? state
      : { ...state, people: upsert(state.people, fact.people), seqs: { ...state.seqs, people: fact.seq } },
  'meetings:changed': (state, fact: MeetingsChanged) =>
    fact.seq < state.seqs.meetings
      ? state
      : {
          ...state,
          requests: upsert(state.requests, fact.requests),
          meetings: upsert(state.meetings, fact.meetings).sort((a, b) => a.slotStart - b.slotStart),
          seqs: { ...state.seqs, meetings: fact.seq },
        },
  'grid:changed': (state, fact: GridChanged) =>
    fact.seq < state.seqs.grid ? state : { ...state, grid: fact.grid, seqs: { ...state.seqs, grid: fact.seq } },
  // One organization's challenges: the viewer's own (a firm's phone), and the organizers' table.
  'challenges:changed': (state, fact: ChallengesChanged) => {
    if (fact.seq < state.seqs.challenges) return state;
    const own = state.viewer?.kind === 'person' && state.viewer.org?.id === fact.orgId;
    const orgChallenges = { ...state.orgChallenges };
    if (fact.challenges) orgChallenges[fact.orgId] = fact.challenges;
    else delete orgChallenges[fact.orgId];
    return {
      ...state,
      myChallenges: own ? fact.challenges : state.myChallenges,
      // Only organizers keep the table (a firm's phone hears its own organization only).
      orgChallenges:
        state.viewer?.kind === 'person' && state.viewer.role === 'organizer' ? orgChallenges : state.orgChallenges,
      seqs: { ...state.seqs, challenges: fact.seq },
    };
  },
  'fit:changed': (state, fact: FitChanged) =>
    fact.seq < state.seqs.fit ? state : { ...state, fitInRoom: fact.fitInRoom, seqs: { ...state.seqs, fit: fact.seq } },
};

/** Applies one fact by name. */
export function applyFact<E extends keyof ServerToClientEvents>(state: Replica, event: E, fact: Fact<E>): Replica {
  return (REDUCERS[event] as Reducer<E>)(state, fact);
}
