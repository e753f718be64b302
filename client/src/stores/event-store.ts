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
  seqs: { program: number; counts: number; interests: number; stats: number; leads: number; people: number };
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
  seqs: { program: -1, counts: -1, interests: -1, stats: -1, leads: -1, people: -1 },
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
    seqs: { program: s.seq, counts: s.seq, interests: s.seq, stats: s.seq, leads: s.seq, people: s.seq },
  });
}

export function applyProgram(fact: ProgramChanged): void {
  useEventStore.setState((state) =>
    fact.seq < state.seqs.program ? state : { program: fact.program, seqs: { ...state.seqs, program: fact.seq } },
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
    const byId = new Map(state.people.map((p) => [p.id, p]));
    for (const p of fact.people) byId.set(p.id, p);
    return { people: [...byId.values()], seqs: { ...state.seqs, people: fact.seq } };
  });
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
