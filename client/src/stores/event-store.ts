/**
 * The event as this viewer sees it. Socket listeners write here with setState; each slice keeps the
 * sequence number it reflects, so a late fact never overwrites a newer snapshot.
 */
import { create } from 'zustand';
import type {
  CountsChanged,
  EventInfo,
  EventStats,
  InterestChanged,
  InterestCount,
  Lead,
  LeadsChanged,
  GridChanged,
  GridInfo,
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
} from '../../../shared/model';

interface EventState {
  loaded: boolean;
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
  seqs: {
    program: number;
    counts: number;
    interests: number;
    stats: number;
    leads: number;
    people: number;
    meetings: number;
    grid: number;
  };
}

export const useEventStore = create<EventState>(() => ({
  loaded: false,
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
  seqs: { program: -1, counts: -1, interests: -1, stats: -1, leads: -1, people: -1, meetings: -1, grid: -1 },
}));

export function applySnapshot(s: Snapshot): void {
  useEventStore.setState({
    loaded: true,
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
    seqs: {
      program: s.seq,
      counts: s.seq,
      interests: s.seq,
      stats: s.seq,
      leads: s.seq,
      people: s.seq,
      meetings: s.seq,
      grid: s.seq,
    },
  });
}

export function applyProgram(fact: ProgramChanged): void {
  useEventStore.setState((state) =>
    fact.seq < state.seqs.program
      ? state
      : {
          program: fact.program,
          ventures: fact.ventures,
          event: fact.event,
          topics: fact.topics,
          seqs: { ...state.seqs, program: fact.seq },
        },
  );
}

export function applyCounts(fact: CountsChanged): void {
  useEventStore.setState((state) =>
    fact.seq < state.seqs.counts
      ? state
      : { counts: { ...state.counts, ...fact.counts }, seqs: { ...state.seqs, counts: fact.seq } },
  );
}

export function applyInterest(fact: InterestChanged): void {
  useEventStore.setState((state) => {
    if (fact.seq < state.seqs.interests) return state;
    const myInterests = { ...state.myInterests };
    if (fact.interest) myInterests[fact.ventureId] = fact.interest;
    else delete myInterests[fact.ventureId];
    return { myInterests, seqs: { ...state.seqs, interests: fact.seq } };
  });
}

export function applyStats(fact: StatsChanged): void {
  useEventStore.setState((state) =>
    fact.seq < state.seqs.stats ? state : { stats: fact.stats, seqs: { ...state.seqs, stats: fact.seq } },
  );
}

export function applyLeads(fact: LeadsChanged): void {
  useEventStore.setState((state) =>
    fact.seq < state.seqs.leads ? state : { leads: fact.leads, seqs: { ...state.seqs, leads: fact.seq } },
  );
}

/** Upserts the people in the fact (a check-in, an undo, a registration, an import). */
export function applyPeople(fact: PeopleChanged): void {
  useEventStore.setState((state) => {
    if (fact.seq < state.seqs.people) return state;
    return { people: upsert(state.people, fact.people), seqs: { ...state.seqs, people: fact.seq } };
  });
}

function upsert<T extends { id: string }>(list: T[], changed: T[]): T[] {
  const byId = new Map(list.map((x) => [x.id, x]));
  for (const x of changed) byId.set(x.id, x);
  return [...byId.values()];
}

export function applyMeetings(fact: MeetingsChanged): void {
  useEventStore.setState((state) =>
    fact.seq < state.seqs.meetings
      ? state
      : {
          requests: upsert(state.requests, fact.requests),
          meetings: upsert(state.meetings, fact.meetings).sort((a, b) => a.slotStart - b.slotStart),
          seqs: { ...state.seqs, meetings: fact.seq },
        },
  );
}

export function applyGrid(fact: GridChanged): void {
  useEventStore.setState((state) =>
    fact.seq < state.seqs.grid ? state : { grid: fact.grid, seqs: { ...state.seqs, grid: fact.seq } },
  );
}

/** Sets one interest locally before the server answers, so a tap feels instant. */
export function setMyInterestLocally(ventureId: string, interest: MyInterest | null): void {
  useEventStore.setState((state) => {
    const myInterests = { ...state.myInterests };
    if (interest) myInterests[ventureId] = interest;
    else delete myInterests[ventureId];
    return { myInterests };
  });
}
