/**
 * Sends facts to the rooms that may see them, after the change is committed. Interest counts and
 * the door figures are coalesced: a storm of taps marks ventures dirty and one flush per window sends the latest counts,
 * so the board re-renders a few times a second, not once per tap. The people, requests and meetings
 * changed in one turn (a group commit's check-ins or accepts) go out as one fact per room at its end.
 *
 * Two windows: a venture's interest count (what a pitch's room watches move) every `flushMs` (40 ms);
 * the door figures and the fitting firms in the room, which are counted over the whole event (a
 * join over every check-in: 5–6 ms at 4,000 people, issue 18's profile of the door), every
 * `slowMs` (250 ms) or, when the recount itself grows, 200 times as long as it took (up to 2 s): it
 * then holds the event loop for at most 0.5% of the time, so a scan at the door rarely waits on it.
 */
import { performance } from 'node:perf_hooks';
import type { Server } from 'socket.io';
import type { GridInfo, MyInterest, PersonSummary } from '../../shared/model.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.js';
import type { Facts } from '../commands/context.js';
import type { Store } from '../store/store.js';
import { rooms } from './principal.js';
import { publicEvent, topicsOf } from '../commands/views.js';

export type Io = Server<ClientToServerEvents, ServerToClientEvents>;

export class Publisher implements Facts {
  private readonly dirty = new Map<string, Set<string>>();
  private readonly dirtyStats = new Set<string>();
  /** Events whose count of fitting firms in the room may have moved. */
  private readonly dirtyFit = new Set<string>();
  /** People changed this turn, per event: the highest seq, and each person's summary (null: read it at the end). */
  private readonly pendingPeople = new Map<string, { seq: number; people: Map<string, PersonSummary | null> }>();
  /** Requests and meetings changed this turn, per event, with the highest seq. */
  private readonly pendingMeetings = new Map<
    string,
    { seq: number; requestIds: Set<string>; meetingIds: Set<string> }
  >();
  /** A microtask will send what this turn changed. */
  private turnScheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private slowTimer: NodeJS.Timeout | null = null;
  /** How long the last recount of the door figures and fitting firms took, ms. */
  private slowCostMs = 0;

  constructor(
    private readonly io: Io,
    private readonly store: Store,
    private readonly flushMs = 40,
    private readonly slowMs = 250,
  ) {}

  programChanged(eventId: string, seq: number): void {
    const event = this.store.getEvent(eventId)!;
    this.io.to(rooms.event(eventId)).emit('program:changed', {
      seq,
      program: this.store.program(eventId),
      ventures: this.store.listVentures(eventId),
      event: publicEvent(event),
      topics: topicsOf(event),
    });
    // A venture's topics, or the ventures themselves, may have changed what fits.
    this.fitDirty(eventId);
  }

  /**
   * One person's interest changed: they (on every device) hear at once; counts follow in the next
   * flush. When the change adds or removes a firm that asked to meet, the venture gets its new list.
   */
  interestChanged(
    eventId: string,
    personId: string,
    ventureId: string,
    interest: MyInterest | null,
    seq: number,
    leadsTouched: boolean,
  ): void {
    this.io.to(rooms.person(personId)).emit('interest:changed', { seq, ventureId, interest });
    if (leadsTouched) {
      this.io.to(rooms.org(ventureId)).emit('leads:changed', { seq, ventureId, leads: this.store.leadsFor(ventureId) });
    }
    let ventures = this.dirty.get(eventId);
    if (!ventures) this.dirty.set(eventId, (ventures = new Set()));
    ventures.add(ventureId);
    this.timer ??= setTimeout(() => this.flushCounts(), this.flushMs);
  }

  /**
   * Check-ins or registrations changed: organizers and reception stations get the people, the board
   * the figures. The people of one turn go out in one fact per event at its end (a group commit's
   * sixty check-ins are one message to each station, not sixty), each as last changed: `known`
   * summaries (a check-in's answer, read in its transaction) are sent as they are, the others read then.
   */
  doorChanged(eventId: string, personIds: readonly string[], seq: number, known?: readonly PersonSummary[]): void {
    const { people } = this.pendingOf(this.pendingPeople, eventId, seq, () => ({ seq, people: new Map() }));
    for (const id of personIds) {
      // Deleted first, so the list keeps the order of the last changes.
      people.delete(id);
      people.set(id, known?.find((p) => p.id === id) ?? null);
    }
    this.statsDirty(eventId);
    // A check-in (or its undo, or a person moved to another company) changes who is in the room.
    this.fitDirty(eventId);
  }

  /**
   * An organization's challenges changed: its own people and the organizers get them, the ventures it
   * asked to meet get their lists with them, and the board's count follows in the next flush.
   */
  challengesChanged(eventId: string, orgId: string, seq: number): void {
    const challenges = this.store.records.organizations.challenges(orgId);
    this.io.to([rooms.org(orgId), rooms.organizers(eventId)]).emit('challenges:changed', { seq, orgId, challenges });
    this.leadsChanged(this.store.records.organizations.leadVenturesOf(orgId), seq);
    this.fitDirty(eventId);
  }

  /**
   * A registration was corrected: every list that names the person hears it (the organizers' people
   * and requests, both parties of the requests the person sent, the leads of ventures they asked to meet).
   */
  personChanged(eventId: string, personId: string, seq: number): void {
    this.doorChanged(eventId, [personId], seq);
    const { requestIds, leadVentureIds } = this.store.namesOfPerson(personId);
    if (requestIds.length) this.meetingsChanged(eventId, requestIds, [], seq);
    for (const ventureId of leadVentureIds) {
      this.io.to(rooms.org(ventureId)).emit('leads:changed', { seq, ventureId, leads: this.store.leadsFor(ventureId) });
    }
  }

  /** These ventures' lists of firms that asked to meet them changed (a firm's name, its people). */
  leadsChanged(ventureIds: readonly string[], seq: number): void {
    for (const ventureId of ventureIds) {
      this.io.to(rooms.org(ventureId)).emit('leads:changed', { seq, ventureId, leads: this.store.leadsFor(ventureId) });
    }
  }

  /** The fitting firms in the room are recounted once per slow window, as the door figures are. */
  private fitDirty(eventId: string): void {
    this.dirtyFit.add(eventId);
    this.slowTimer ??= setTimeout(() => this.flushSlow(), this.slowWindow());
  }

  /** The door figures are recounted once per slow window, not once per check-in. */
  private statsDirty(eventId: string): void {
    this.dirtyStats.add(eventId);
    this.slowTimer ??= setTimeout(() => this.flushSlow(), this.slowWindow());
  }

  /** The slow window: `slowMs`, or 200 times the last recount's cost, at most 2 s. */
  private slowWindow(): number {
    return Math.min(2000, Math.max(this.slowMs, 200 * this.slowCostMs));
  }

  /**
   * Requests and meetings changed: both organizations of each, and the organizers, hear; the board
   * gets its figure. Like the people, the requests and meetings of one turn (a group commit's
   * accepts) go out at its end, read once: one fact to the organizers and one to each organization.
   */
  meetingsChanged(eventId: string, requestIds: readonly string[], meetingIds: readonly string[], seq: number): void {
    const pending = this.pendingOf(this.pendingMeetings, eventId, seq, () => ({
      seq,
      requestIds: new Set<string>(),
      meetingIds: new Set<string>(),
    }));
    for (const id of requestIds) pending.requestIds.add(id);
    for (const id of meetingIds) pending.meetingIds.add(id);
    if (meetingIds.length) this.statsDirty(eventId);
  }

  gridChanged(eventId: string, grid: GridInfo | null, seq: number): void {
    this.io.to(rooms.event(eventId)).emit('grid:changed', { seq, grid });
  }

  /** Ends these people's live sockets: their role or organization changed, or they signed out. */
  disconnectPeople(personIds: readonly string[]): void {
    for (const id of personIds) this.io.in(rooms.person(id)).disconnectSockets(true);
  }

  /** Sends everything held back now: the people, the interest counts, the door figures, the fitting firms (tests, shutdown). */
  flush(): void {
    this.flushTurn();
    this.flushSlow();
    this.flushCounts();
  }

  /**
   * This turn's pending changes of an event (`fresh` at its first), the seq raised to `seq`. They
   * are sent once the turn's synchronous work (a whole group's answers) is done.
   */
  private pendingOf<P extends { seq: number }>(map: Map<string, P>, eventId: string, seq: number, fresh: () => P): P {
    let pending = map.get(eventId);
    if (!pending) map.set(eventId, (pending = fresh()));
    pending.seq = Math.max(pending.seq, seq);
    if (!this.turnScheduled) {
      this.turnScheduled = true;
      queueMicrotask(() => this.flushTurn());
    }
    return pending;
  }

  /** The people and the meetings changed this turn. */
  private flushTurn(): void {
    this.turnScheduled = false;
    this.flushPeople();
    this.flushMeetings();
  }

  /** The people changed this turn, one fact per event, each person once (as last changed). */
  private flushPeople(): void {
    const pending = [...this.pendingPeople];
    this.pendingPeople.clear();
    for (const [eventId, { seq, people }] of pending) {
      const unread = [...people].filter(([, summary]) => summary === null).map(([id]) => id);
      // A person deleted since is read as nothing and left out, as before.
      const read = new Map(this.store.peopleSummaries(eventId, unread).map((p) => [p.id, p]));
      const summaries = [...people].flatMap(([id, summary]) => summary ?? read.get(id) ?? []);
      if (!summaries.length) continue;
      this.io.to([rooms.organizers(eventId), rooms.door(eventId)]).emit('people:changed', { seq, people: summaries });
    }
  }

  /** The requests and meetings changed this turn, read as they are now: the organizers hear all, each organization its own. */
  private flushMeetings(): void {
    const pending = [...this.pendingMeetings];
    this.pendingMeetings.clear();
    for (const [eventId, { seq, requestIds, meetingIds }] of pending) {
      const requests = this.store.requests(eventId, { ids: [...requestIds] });
      const meetings = this.store.meetings(eventId, { ids: [...meetingIds] });
      const orgs = new Set([
        ...requests.flatMap((r) => [r.fromOrgId, r.toOrgId]),
        ...meetings.flatMap((m) => [m.guestOrgId, m.ventureOrgId]),
      ]);
      this.io.to(rooms.organizers(eventId)).emit('meetings:changed', { seq, requests, meetings });
      for (const org of orgs) {
        this.io.to(rooms.org(org)).emit('meetings:changed', {
          seq,
          requests: requests.filter((r) => r.fromOrgId === org || r.toOrgId === org),
          meetings: meetings.filter((m) => m.guestOrgId === org || m.ventureOrgId === org),
        });
      }
    }
  }

  /** The door figures and the fitting firms in the room, recounted for each event that changed. */
  private flushSlow(): void {
    if (this.slowTimer) clearTimeout(this.slowTimer);
    this.slowTimer = null;
    const statsPending = [...this.dirtyStats];
    this.dirtyStats.clear();
    const fitPending = [...this.dirtyFit];
    this.dirtyFit.clear();
    const started = performance.now();
    for (const eventId of fitPending) this.sendFit(eventId);
    for (const eventId of statsPending) {
      this.io
        .to([rooms.board(eventId), rooms.organizers(eventId), rooms.door(eventId)])
        .emit('stats:changed', { seq: this.store.eventSeq(eventId), stats: this.store.stats(eventId) });
    }
    if (statsPending.length + fitPending.length > 0) this.slowCostMs = performance.now() - started;
  }

  /** The interest counts of the ventures tapped since the last window. */
  private flushCounts(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pending = [...this.dirty];
    this.dirty.clear();
    for (const [eventId, ventures] of pending) {
      const seq = this.store.eventSeq(eventId);
      const counts = this.store.interestCounts(eventId, [...ventures]);
      this.io.to([rooms.board(eventId), rooms.organizers(eventId)]).emit('counts:changed', { seq, counts });
      for (const [ventureId, count] of Object.entries(counts)) {
        this.io.to(rooms.org(ventureId)).emit('counts:changed', { seq, counts: { [ventureId]: count } });
      }
    }
  }

  /** The board and organizers hear the counts of fitting firms in the room, whole (a few dozen numbers). */
  private sendFit(eventId: string): void {
    const fitInRoom = this.store.records.organizations.fitInRoom(eventId);
    this.io
      .to([rooms.board(eventId), rooms.organizers(eventId)])
      .emit('fit:changed', { seq: this.store.eventSeq(eventId), fitInRoom });
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.slowTimer) clearTimeout(this.slowTimer);
    this.timer = null;
    this.slowTimer = null;
  }
}
