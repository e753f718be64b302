/**
 * The event as this viewer sees it. Socket listeners write here with setState through the shared
 * reducers (shared/replica.ts), the same ones the server's tests use to check that every screen
 * equals a fresh snapshot after any command.
 */
import { create } from 'zustand';
import type {
  ChallengesChanged,
  CountsChanged,
  FitChanged,
  GridChanged,
  InterestChanged,
  LeadsChanged,
  MeetingsChanged,
  MyInterest,
  PeopleChanged,
  ProgramChanged,
  Snapshot,
  StatsChanged,
} from '../../../shared/model';
import { EMPTY_REPLICA, REDUCERS, replicaOf, type Replica } from '../../../shared/replica';

interface EventState extends Replica {
  loaded: boolean;
}

export const useEventStore = create<EventState>(() => ({ loaded: false, ...EMPTY_REPLICA }));

export function applySnapshot(s: Snapshot): void {
  useEventStore.setState({ loaded: true, ...replicaOf(s) });
}

export const applyProgram = (fact: ProgramChanged) =>
  useEventStore.setState((state) => REDUCERS['program:changed'](state, fact));
export const applyCounts = (fact: CountsChanged) =>
  useEventStore.setState((state) => REDUCERS['counts:changed'](state, fact));
export const applyInterest = (fact: InterestChanged) =>
  useEventStore.setState((state) => REDUCERS['interest:changed'](state, fact));
export const applyStats = (fact: StatsChanged) =>
  useEventStore.setState((state) => REDUCERS['stats:changed'](state, fact));
export const applyLeads = (fact: LeadsChanged) =>
  useEventStore.setState((state) => REDUCERS['leads:changed'](state, fact));
export const applyPeople = (fact: PeopleChanged) =>
  useEventStore.setState((state) => REDUCERS['people:changed'](state, fact));
export const applyMeetings = (fact: MeetingsChanged) =>
  useEventStore.setState((state) => REDUCERS['meetings:changed'](state, fact));
export const applyGrid = (fact: GridChanged) =>
  useEventStore.setState((state) => REDUCERS['grid:changed'](state, fact));
export const applyChallenges = (fact: ChallengesChanged) =>
  useEventStore.setState((state) => REDUCERS['challenges:changed'](state, fact));
export const applyFit = (fact: FitChanged) => useEventStore.setState((state) => REDUCERS['fit:changed'](state, fact));

/** Sets one interest locally before the server answers, so a tap feels instant. */
export function setMyInterestLocally(ventureId: string, interest: MyInterest | null): void {
  useEventStore.setState((state) => {
    const myInterests = { ...state.myInterests };
    if (interest) myInterests[ventureId] = interest;
    else delete myInterests[ventureId];
    return { myInterests };
  });
}
