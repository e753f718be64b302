/**
 * People checked in twice: a station let someone in on its own (offline) while another station had
 * already let them in. The check-in kept is the one in `checkins`; a row here is the other station's,
 * so the organizers can see who came through twice and where.
 */
import type { DoorDouble } from '../../shared/model.js';
import type { CheckinDouble } from '../domain/checkin.js';
import type { Statements } from './statements.js';

type Row = Omit<DoorDouble, 'kept' | 'other'> & {
  keptAt: number;
  keptStation: string;
  keptMethod: DoorDouble['kept']['method'];
  otherStation: string;
  otherAt: number;
};

export class DoorDoubles {
  constructor(private readonly sql: Statements) {}

  insert(eventId: string, personId: string, double: CheckinDouble, now: number): void {
    this.sql
      .prepare('INSERT INTO checkin_doubles (event_id, person_id, station, at, recorded_at) VALUES (?, ?, ?, ?, ?)')
      .run(eventId, personId, double.station, double.at, now);
  }

  /**
   * The event's doubles, each beside the check-in kept now (it may have moved earlier since the
   * double was recorded). A person whose check-in was undone is not listed: no one counts as in.
   */
  list(eventId: string): DoorDouble[] {
    return this.sql
      .prepare<[string], Row>(
        `SELECT p.id AS personId, p.name, o.name AS orgName, c.at AS keptAt, c.station AS keptStation,
           c.method AS keptMethod, d.station AS otherStation, d.at AS otherAt
         FROM checkin_doubles d JOIN people p ON p.id = d.person_id JOIN checkins c ON c.person_id = d.person_id
           LEFT JOIN organizations o ON o.id = p.organization_id
         WHERE d.event_id = ? ORDER BY c.at, p.id, d.at, d.rowid`,
      )
      .all(eventId)
      .map(({ keptAt, keptStation, keptMethod, otherStation, otherAt, ...person }) => ({
        ...person,
        kept: { at: keptAt, station: keptStation, method: keptMethod },
        other: { station: otherStation, at: otherAt },
      }));
  }
}
