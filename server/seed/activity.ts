/**
 * A day of activity for the demo (PITCH_DEMO_ACTIVITY), so the board, the dashboard and the report
 * show something the first time: most people checked in from 12:30, the whole program run from
 * 13:30 with taps during each pitch, requests both ways, answers (accepted ones booked into the
 * earliest free place of the grid), and the first two rounds of meetings marked, some with an
 * outcome. Written as the handlers write it: the domain decides, and each step is one `mutate`
 * with the same change-log rows, so every store check and snapshot holds. Deterministic from the
 * seed: the same seed gives the same figures.
 */
import type { CheckinMethod, InterestLevel, MeetingOutcome, OrgKind } from '../../shared/model.js';
import type { ProgramControl } from '../../shared/protocol.js';
import { decideCheckIn } from '../domain/checkin.js';
import { decideInterest } from '../domain/interest.js';
import { mayMeet, outcomeProblem, pairOf } from '../domain/meetings.js';
import { applyControl, runningOrder } from '../domain/program.js';
import { findPlacement, meetingsPerOrg, slotsOf, zonedTime } from '../domain/slots.js';
import { takenPlaces } from '../store/booking-reads.js';
import type { PersonRecord, Store } from '../store/store.js';

export interface ActivityOptions {
  /** The same seed records the same day. */
  seed: number;
}

/** What was recorded, for the start-up line and the tests. */
export interface ActivitySummary {
  checkins: number;
  taps: number;
  requests: number;
  meetings: number;
  marked: number;
  outcomes: number;
}

const MINUTE = 60_000;
/** Times to the second, as a clock reads them (and as the INTEGER columns take them). */
const whole = (ms: number) => Math.round(ms / 1000) * 1000;
/** A venture keeps one slot free for a request that comes late: it never takes more than this. */
const MEETINGS_PER_VENTURE = 5;

const NOTES = ['資料がほしい', '費用感を聞きたい', '現場を見てほしい', '導入事例を知りたい', '社内で共有する'];
const FIRM_MESSAGES = [
  '発表を拝見しました。当社の現場でも使えるか、お話を伺いたいです。',
  '人手不足に悩んでいます。導入の流れと費用を教えてください。',
  '弊社の設備で試せるか相談させてください。',
];
const VENTURE_MESSAGES = [
  '御社の課題に、当社のサービスがお役に立てるかもしれません。15分お時間をいただけますか。',
  '地域の事例づくりにご協力いただける企業を探しています。',
];
const DECLINE_REASONS = ['今回は日程が合わず、後日ご連絡します。', ''];
const NEXT_STEPS = ['資料を送付', '現場見学を調整', '社内で検討', '見積もりを依頼'];
const OUTCOME_NOTES = ['来月に工場で打ち合わせ', '小さく試す範囲を相談中', '担当者どうしで継続'];

/** mulberry32: a small, well-mixed generator, so a seed is a whole day. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function recordDemoActivity(
  store: Store,
  eventId: string,
  options: ActivityOptions,
  newId: () => string,
): ActivitySummary {
  const random = generator(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const event = store.getEvent(eventId)!;
  const clock = (time: string) => zonedTime(event.date, time, event.timeZone);
  const people = store.listPeople(eventId);
  const organizer = people.find((p) => p.role === 'organizer')!;
  const kindOf = new Map(store.organizations(eventId).map((o) => [o.id, o.kind]));
  const ventures = new Map(store.listVentures(eventId).map((v) => [v.id, v]));
  const program = store.program(eventId);
  const order = runningOrder(program.sessions, program.pitches);
  const grid = store.getGrid(eventId)!;
  const slots = slotsOf(grid, event.date, event.timeZone);
  const summary: ActivitySummary = { checkins: 0, taps: 0, requests: 0, meetings: 0, marked: 0, outcomes: 0 };

  // Steps are planned first, each at its time, and written in time order: the log reads as the day.
  const steps: { at: number; write: () => void }[] = [];
  const step = (at: number, write: () => void) => steps.push({ at, write });

  // ---- the door: ventures early, most others around one o'clock, a few late ----
  const arrived = new Map<string, number>();
  const doorsOpen = clock('12:30');
  for (const person of people) {
    if (person.role === 'organizer') continue;
    let at: number;
    if (person.role === 'venture') at = doorsOpen + random() * 25 * MINUTE;
    else if (random() < 0.1) continue;
    else if (random() < 0.08) at = clock('13:35') + random() * 45 * MINUTE;
    else at = doorsOpen + ((random() + random()) / 2) * 60 * MINUTE;
    at = whole(at);
    arrived.set(person.id, at);
    const method: CheckinMethod = random() < 0.8 ? 'qr' : 'search';
    const station = random() < 0.5 ? 'A' : 'B';
    step(at, () => checkIn(person, station, method, at));
  }

  function checkIn(person: PersonRecord, station: string, method: CheckinMethod, at: number) {
    store.mutate(eventId, organizer.id, at, () => {
      const decision = decideCheckIn(store.getCheckin(person.id), { station, method, at });
      if (decision.kind !== 'new') return { result: null, changes: [] };
      store.insertCheckin(eventId, person.id, decision.checkin);
      summary.checkins += 1;
      return { result: null, changes: [{ kind: 'checkin:added', data: { personId: person.id, ...decision.checkin } }] };
    });
  }

  // ---- the program: every pitch in running order, a break between sessions, then the end ----
  function control(command: ProgramControl, at: number) {
    const decided = applyControl(store.program(eventId).live, command, order, at);
    if (!decided.ok) throw new Error(`demo activity: ${decided.error.message}`);
    store.mutate(eventId, organizer.id, at, () => {
      store.setLive(eventId, decided.value);
      return { result: null, changes: [{ kind: 'program:control', data: { command, live: decided.value } }] };
    });
  }

  const tappers = people.filter((p) => p.role === 'firm' || p.role === 'partner');
  const keen = new Map(tappers.map((p) => [p.id, 0.3 + 0.7 * random()]));
  const presenterOf = new Map(people.filter((p) => p.role === 'venture').map((p) => [p.org!.id, p]));
  /** The first person of an organization who asked to meet a venture, and when. */
  const wantsToMeet = new Map<string, { person: PersonRecord; at: number }>();
  const pitchEnds = new Map<string, number>();
  let t = clock('13:30');
  order.forEach((pitch, i) => {
    if (i > 0 && pitch.sessionId !== order[i - 1]!.sessionId) {
      const end = t - MINUTE;
      step(end, () => control({ action: 'stop' }, end));
      t += 10 * MINUTE;
    }
    const start = t;
    step(start, () => control({ action: 'start', pitchId: pitch.id }, start));
    const venture = ventures.get(pitch.ventureId)!;
    const appeal = 0.25 + 0.5 * random();
    for (const person of tappers) {
      const came = arrived.get(person.id);
      if (came === undefined || came > start || random() > appeal * keen.get(person.id)!) continue;
      const level: InterestLevel = random() < 0.3 ? 'want-to-meet' : 'interested';
      const tags = venture.tags.filter(() => random() < 0.6);
      const note = level === 'want-to-meet' && random() < 0.3 ? pick(NOTES) : '';
      const at = whole(start + random() * pitch.durationSec * 1000);
      step(at, () => tap(person, venture.id, { level, tags, note }, at));
      const pair = `${person.org!.id} ${venture.id}`;
      if (level === 'want-to-meet' && !wantsToMeet.has(pair)) wantsToMeet.set(pair, { person, at });
    }
    pitchEnds.set(pitch.id, start + pitch.durationSec * 1000);
    t = start + pitch.durationSec * 1000 + MINUTE;
  });
  const programEnd = t - MINUTE;
  step(programEnd, () => control({ action: 'next' }, programEnd));

  function tap(
    person: PersonRecord,
    ventureId: string,
    chosen: { level: InterestLevel; tags: string[]; note: string },
    at: number,
  ) {
    const decided = decideInterest(
      { role: person.role, orgId: person.org?.id ?? null },
      { id: ventureId, kind: 'venture' },
      { ventureId, ...chosen, shareNote: false },
      at,
    );
    if (!decided.ok || !decided.value) throw new Error('demo activity: a tap was refused');
    const interest = decided.value;
    store.mutate(eventId, person.id, at, () => {
      store.upsertInterest(eventId, person.id, interest);
      summary.taps += 1;
      return {
        result: null,
        changes: [{ kind: 'interest:set', data: { personId: person.id, ventureId, interest } }],
      };
    });
  }

  // ---- requests: most firms that asked to meet send one; each venture asks a few firms itself ----
  const asked = new Set<string>();
  const planRequest = (from: PersonRecord, toOrg: string, message: string, at: number) => {
    const key = [from.org!.id, toOrg].sort().join(' ');
    if (asked.has(key) || !mayMeet(from.org!.kind, kindOf.get(toOrg)!).ok) return;
    asked.add(key);
    const id = newId();
    step(at, () => request(id, from, toOrg, message, at));
    // The other side answers within half an hour, before the meetings begin at three.
    const answerAt = whole(at + (3 + random() * 27) * MINUTE);
    const answer = random();
    if (answerAt > clock('14:58') || answer >= 0.85) return;
    step(answerAt, () => respond(id, answer < 0.7, answerAt));
  };
  for (const [pair, { person, at }] of wantsToMeet) {
    if (random() < 0.6) {
      planRequest(person, pair.split(' ')[1]!, pick(FIRM_MESSAGES), whole(at + (1 + random() * 7) * MINUTE));
    }
  }
  // A venture asks firms that came: its directory shows who is in the hall.
  const firmIds = [...new Set(tappers.filter((p) => p.role === 'firm' && arrived.has(p.id)).map((p) => p.org!.id))];
  for (const pitch of order) {
    const presenter = presenterOf.get(pitch.ventureId);
    if (!presenter) continue;
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
      const at = whole(pitchEnds.get(pitch.id)! + (5 + random() * 20) * MINUTE);
      planRequest(presenter, pick(firmIds), pick(VENTURE_MESSAGES), at);
    }
  }

  function request(id: string, from: PersonRecord, toOrg: string, message: string, at: number) {
    store.mutate(eventId, from.id, at, () => {
      store.insertRequest({ id, eventId, fromOrg: from.org!.id, toOrg, fromPerson: from.id, message, now: at });
      summary.requests += 1;
      return { result: null, changes: [{ kind: 'meeting:requested', data: { id, from: from.org!.id, to: toOrg } }] };
    });
  }

  /** An answer: accepted ones take the earliest free place, or are declined when the venture is full. */
  function respond(id: string, accept: boolean, at: number) {
    const request = store.requests(eventId, { ids: [id] })[0]!;
    const answerer = people.find((p) => p.org?.id === request.toOrgId && p.role !== 'organizer') ?? organizer;
    const { guest, venture } = pairOf(request.fromOrgId, request.toOrgId, (org) => kindOf.get(org) as OrgKind);
    const taken = takenPlaces(store, eventId);
    const placement =
      accept && (meetingsPerOrg(taken).get(venture) ?? 0) < MEETINGS_PER_VENTURE
        ? findPlacement(slots, grid.tables, taken, [guest, venture], { notBefore: at, capPerOrg: grid.capPerOrg })
        : null;
    store.mutate(eventId, answerer.id, at, () => {
      if (!placement) {
        store.setRequestStatus(id, 'declined', pick(DECLINE_REASONS), at);
        return { result: null, changes: [{ kind: 'meeting:declined', data: { id } }] };
      }
      const slot = slots.find((s) => s.start === placement.slotStart)!;
      const meetingId = newId();
      store.insertMeeting({
        id: meetingId,
        eventId,
        requestId: id,
        guestOrg: guest,
        ventureOrg: venture,
        slotStart: slot.start,
        slotEnd: slot.end,
        table: placement.table,
        now: at,
      });
      store.setRequestStatus(id, 'accepted', '', at);
      summary.meetings += 1;
      return {
        result: null,
        changes: [
          {
            kind: 'meeting:booked',
            data: { requestId: id, meetingId, slotStart: slot.start, table: placement.table },
          },
        ],
      };
    });
  }

  // One outer transaction: the demo gets its whole day or none of it, and 500 commits cost one.
  store.db.transaction(() => {
    steps.sort((a, b) => a.at - b.at);
    for (const s of steps) s.write();
    markMeetings();
  })();
  return summary;

  function markMeetings() {
    // ---- the first two rounds of meetings: marked as they end, some with what came of them ----
    const marks: { at: number; write: () => void }[] = [];
    for (const meeting of store.meetings(eventId)) {
      if (meeting.slotEnd > clock('15:45')) continue;
      const at = whole(meeting.slotEnd + random() * 4 * MINUTE);
      const held = random() < 0.9;
      const nextStep = held ? pick(NEXT_STEPS) : '';
      const outcome: MeetingOutcome | null =
        held && random() < 0.5 ? (random() < 0.7 ? 'follow-up' : 'poc-planned') : null;
      const note = pick(OUTCOME_NOTES);
      const marker = presenterOf.get(meeting.ventureOrgId) ?? organizer;
      marks.push({
        at,
        write: () =>
          store.mutate(eventId, marker.id, at, () => {
            const status = held ? 'held' : 'no-show';
            store.updateMeeting(meeting.id, { ...meeting, status, nextStep, now: at });
            summary.marked += 1;
            const changes: { kind: string; data: unknown }[] = [
              { kind: 'meeting:marked', data: { meetingId: meeting.id, status, nextStep } },
            ];
            if (outcome) {
              const recorded = { outcome, pocStartedOn: null, contractOn: null, note };
              const problem = outcomeProblem(status, recorded);
              if (problem) throw new Error(`demo activity: ${JSON.stringify(problem)}`);
              store.setMeetingOutcome(meeting.id, { ...recorded, now: at });
              summary.outcomes += 1;
              changes.push({ kind: 'meeting:outcome', data: { meetingId: meeting.id, ...recorded } });
            }
            return { result: null, changes };
          }),
      });
    }
    marks.sort((a, b) => a.at - b.at);
    for (const m of marks) m.write();
  }
}
