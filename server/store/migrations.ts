/**
 * Schema migrations, applied in order at start-up. Each entry runs once, in its own transaction,
 * and PRAGMA user_version records how far the file has come. Never edit a shipped entry: append.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: events, organizations, people, sign-in, program, interest, check-ins, the change log */ `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL,
    time_zone TEXT NOT NULL DEFAULT 'Asia/Tokyo',
    topics TEXT NOT NULL DEFAULT '[]',
    board_nonce TEXT NOT NULL UNIQUE,
    live TEXT NOT NULL,
    seq INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    kind TEXT NOT NULL CHECK (kind IN ('firm', 'venture', 'partner')),
    name TEXT NOT NULL,
    name_kana TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    UNIQUE (event_id, name)
  ) STRICT;

  CREATE TABLE people (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    organization_id TEXT REFERENCES organizations(id),
    is_organizer INTEGER NOT NULL DEFAULT 0 CHECK (is_organizer IN (0, 1)),
    name TEXT NOT NULL,
    name_kana TEXT NOT NULL DEFAULT '',
    email TEXT,
    title TEXT NOT NULL DEFAULT '',
    badge_nonce TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    -- An organizer belongs to no organization; everyone else belongs to exactly one.
    CHECK ((is_organizer = 1) = (organization_id IS NULL))
  ) STRICT;
  CREATE INDEX people_event ON people(event_id);

  -- Sign-in sessions. Only a hash of the cookie is kept; a session lives as long as the badge it
  -- was opened with, so reissuing a badge ends it.
  CREATE TABLE logins (
    id_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    badge_nonce TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE program_sessions (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    title TEXT NOT NULL,
    position INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE pitches (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    session_id TEXT NOT NULL REFERENCES program_sessions(id),
    venture_id TEXT NOT NULL REFERENCES organizations(id),
    title TEXT NOT NULL,
    duration_sec INTEGER NOT NULL CHECK (duration_sec > 0),
    position INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX pitches_event ON pitches(event_id);

  CREATE TABLE interests (
    event_id TEXT NOT NULL REFERENCES events(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    venture_id TEXT NOT NULL REFERENCES organizations(id),
    level TEXT NOT NULL CHECK (level IN ('interested', 'want-to-meet')),
    tags TEXT NOT NULL DEFAULT '[]',
    note TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (person_id, venture_id)
  ) STRICT;
  CREATE INDEX interests_event ON interests(event_id, venture_id);

  CREATE TABLE checkins (
    event_id TEXT NOT NULL REFERENCES events(id),
    person_id TEXT NOT NULL UNIQUE REFERENCES people(id),
    at INTEGER NOT NULL,
    station TEXT NOT NULL DEFAULT '',
    method TEXT NOT NULL CHECK (method IN ('qr', 'search', 'walk-in', 'self'))
  ) STRICT;
  CREATE INDEX checkins_event ON checkins(event_id);

  -- Every mutation appends here, in the same transaction, under the event's next sequence number.
  CREATE TABLE changes (
    event_id TEXT NOT NULL REFERENCES events(id),
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (event_id, seq)
  ) STRICT, WITHOUT ROWID;
  `,
  /* 2: venture topic tags for the directory; firms may share their note with a venture they want to meet */ `
  ALTER TABLE organizations ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE interests ADD COLUMN share_note INTEGER NOT NULL DEFAULT 0 CHECK (share_note IN (0, 1));
  CREATE INDEX program_sessions_event ON program_sessions(event_id, position);
  `,
  /* 3: the door: answers to retried commands, and the registration key that makes re-imports update */ `
  -- A command sent again with the same key (a queued scan after a reconnect) gets the first answer.
  CREATE TABLE idempotency (
    actor TEXT NOT NULL,
    key TEXT NOT NULL,
    answer TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (actor, key)
  ) STRICT, WITHOUT ROWID;

  ALTER TABLE people ADD COLUMN registration_key TEXT;
  CREATE UNIQUE INDEX people_registration ON people(event_id, registration_key) WHERE registration_key IS NOT NULL;
  ALTER TABLE people ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  `,
  /* 4: meetings: requests between organizations, and booked slots that never double-book */ `
  ALTER TABLE events ADD COLUMN grid TEXT;

  CREATE TABLE meeting_requests (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    from_org TEXT NOT NULL REFERENCES organizations(id),
    to_org TEXT NOT NULL REFERENCES organizations(id),
    from_person TEXT NOT NULL REFERENCES people(id),
    message TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired')),
    reason TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (from_org <> to_org)
  ) STRICT;
  -- At most one open request between two organizations, whichever way it goes.
  CREATE UNIQUE INDEX requests_open_pair ON meeting_requests(event_id, min(from_org, to_org), max(from_org, to_org))
    WHERE status = 'pending';

  -- A meeting joins a venture and a guest (a local firm or a partner) at one slot and one table.
  CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    request_id TEXT REFERENCES meeting_requests(id),
    guest_org TEXT NOT NULL REFERENCES organizations(id),
    venture_org TEXT NOT NULL REFERENCES organizations(id),
    slot_start INTEGER NOT NULL,
    slot_end INTEGER NOT NULL CHECK (slot_end > slot_start),
    table_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'no-show', 'cancelled')),
    next_step TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (guest_org <> venture_org)
  ) STRICT;
  -- The invariant, kept by the database: in one slot, a table holds one meeting and an
  -- organization sits in one meeting. Cancelled meetings free their places.
  CREATE UNIQUE INDEX meetings_table_once ON meetings(event_id, slot_start, table_name) WHERE status <> 'cancelled';
  CREATE UNIQUE INDEX meetings_guest_once ON meetings(event_id, slot_start, guest_org) WHERE status <> 'cancelled';
  CREATE UNIQUE INDEX meetings_venture_once ON meetings(event_id, slot_start, venture_org) WHERE status <> 'cancelled';
  `,
  /* 5: the lookups every sync and every booking make */ `
  CREATE INDEX organizations_event_kind ON organizations(event_id, kind);
  CREATE INDEX meetings_event ON meetings(event_id, slot_start);
  CREATE INDEX requests_event ON meeting_requests(event_id, status);
  `,
  /* 6: a series of events: organizer accounts across events, KPI targets, and follow-up outcomes of meetings */ `
  -- The same organizer in several events of the series: one person row per event (sign-in stays
  -- per event), joined by an account id. Existing organizers become accounts of their own.
  ALTER TABLE people ADD COLUMN account TEXT;
  UPDATE people SET account = id WHERE is_organizer = 1;
  CREATE INDEX people_account ON people(account) WHERE account IS NOT NULL;

  -- Targets the organizer sets for the KPI report (JSON), and the event this one was created from.
  ALTER TABLE events ADD COLUMN targets TEXT NOT NULL DEFAULT '{}';
  ALTER TABLE events ADD COLUMN created_from TEXT;

  -- What came of a meeting, updated over the weeks after the event.
  ALTER TABLE meetings ADD COLUMN outcome TEXT NOT NULL DEFAULT 'none'
    CHECK (outcome IN ('none', 'follow-up', 'poc-planned', 'poc-started', 'contract', 'dropped'));
  ALTER TABLE meetings ADD COLUMN poc_started_on TEXT;
  ALTER TABLE meetings ADD COLUMN contract_on TEXT;
  ALTER TABLE meetings ADD COLUMN outcome_note TEXT NOT NULL DEFAULT '';
  ALTER TABLE meetings ADD COLUMN outcome_at INTEGER;
  `,
  /* 7: one meeting per pair of organizations */ `
  -- A venture and a guest meet once: a second booking of the same pair is refused, and accepting a
  -- request of a pair that already meets resolves it against that meeting. Duplicates booked before
  -- this rule are cancelled, keeping the one that took place (held, then no-show), else the earliest.
  UPDATE meetings SET status = 'cancelled'
    WHERE id IN (
      SELECT id FROM (
        SELECT id, ROW_NUMBER() OVER (
          PARTITION BY event_id, venture_org, guest_org
          ORDER BY CASE status WHEN 'held' THEN 0 WHEN 'no-show' THEN 1 ELSE 2 END, slot_start, created_at, id
        ) AS n
        FROM meetings WHERE status <> 'cancelled'
      ) WHERE n > 1
    );
  CREATE UNIQUE INDEX meetings_pair_once ON meetings(event_id, venture_org, guest_org) WHERE status <> 'cancelled';
  `,
  /* 8: meetings the scheduler proposes, holding their place until both sides confirm */ `
  -- A proposal is a meeting row like any other, so the unique indexes above keep it from being
  -- double-booked and keep its place from anyone else. Each side's answer: NULL for a meeting that
  -- needs none (booked by hand, from a request, or by the scheduler at once), 0 not yet, 1 confirmed.
  ALTER TABLE meetings ADD COLUMN guest_confirmed INTEGER CHECK (guest_confirmed IN (0, 1));
  ALTER TABLE meetings ADD COLUMN venture_confirmed INTEGER CHECK (venture_confirmed IN (0, 1));
  -- The side that declined a proposal (the meeting is then cancelled): the pair is never proposed again.
  ALTER TABLE meetings ADD COLUMN declined_by TEXT CHECK (declined_by IN ('guest', 'venture'));
  `,
  /* 9: reception links for door staff (one per station) and the sessions they open */ `
  -- A link's token is its nonce plus an HMAC (server/auth/tokens.ts): only the nonce is kept. A
  -- revoked link stays listed in the change log; its sessions are deleted when it is revoked.
  CREATE TABLE door_links (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    station TEXT NOT NULL,
    nonce TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  ) STRICT;
  CREATE INDEX door_links_event ON door_links(event_id);
  CREATE TABLE door_logins (
    id_hash TEXT PRIMARY KEY,
    link_id TEXT NOT NULL REFERENCES door_links(id),
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX door_logins_link ON door_logins(link_id);
  `,
  /* 10: an organization's challenges (課題): the plan's categories, event topics and a line of its own */ `
  -- JSON of shared/challenges.ts's Challenges; NULL until the organization (or an organizer, or an
  -- import's 課題 column) states them. Kept on the organization: a company's challenges are the company's.
  ALTER TABLE organizations ADD COLUMN challenges TEXT CHECK (challenges IS NULL OR json_valid(challenges));
  `,
  /* 11: revoked badges and people checked in twice, for the door that decides offline */ `
  -- The badge a reissue replaced, kept by its nonce (as people.badge_nonce is: the nonce alone
  -- signs no one in), so the organizers' and stations' people carry the old badge's check and an
  -- offline station can say "revoked: this person's old badge".
  CREATE TABLE revoked_badges (
    nonce TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    revoked_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX revoked_badges_person ON revoked_badges(person_id);
  -- A person let in at two stations while offline: the check-in kept is the one in checkins; this is
  -- the other station's, listed for the organizers.
  CREATE TABLE checkin_doubles (
    event_id TEXT NOT NULL REFERENCES events(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    station TEXT NOT NULL,
    at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX checkin_doubles_event ON checkin_doubles(event_id, person_id);
  `,
  /* 12: the booking window, each meeting's calendar version, and calendar subscriptions */ `
  -- The date (YYYY-MM-DD, in the event's time zone) from which firms, partners and ventures may open
  -- the directory and ask for meetings; NULL: open as before.
  ALTER TABLE events ADD COLUMN booking_opens_on TEXT
    CHECK (booking_opens_on IS NULL OR booking_opens_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
  -- The iCalendar SEQUENCE of a meeting: a calendar replaces its copy only by a higher one. Kept by
  -- the database, so every path that moves or cancels a meeting (a move, a cancel, a new grid, a
  -- merge, a declined proposal) raises it.
  ALTER TABLE meetings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
  CREATE TRIGGER meetings_sequence AFTER UPDATE OF slot_start, slot_end, table_name, status ON meetings
    WHEN old.slot_start <> new.slot_start OR old.slot_end <> new.slot_end OR old.table_name <> new.table_name
      OR (old.status = 'cancelled') <> (new.status = 'cancelled')
  BEGIN
    UPDATE meetings SET sequence = sequence + 1 WHERE id = new.id;
  END;
  -- A person's calendar subscription (GET /cal/TOKEN.ics). Personal data: it names a person. Only the
  -- token's random half is kept (its HMAC under the instance secret is not), as for badges; a renewed
  -- or revoked feed keeps its row with revoked_at, and its old address answers 404.
  CREATE TABLE calendar_feeds (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    secret TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  ) STRICT;
  CREATE INDEX calendar_feeds_person ON calendar_feeds(person_id);
  CREATE UNIQUE INDEX calendar_feeds_live ON calendar_feeds(person_id) WHERE revoked_at IS NULL;
  `,
  /* 13: the programme: its KPI plan by fiscal year, regional outcomes, entered figures, reviews, publishing */ `
  -- The programme behind a series of events (shared/programme.ts): its plan and publish settings as
  -- JSON (NULL until first saved: the defaults), and the secret path of its public page. No personal data.
  CREATE TABLE programmes (
    id TEXT PRIMARY KEY,
    plan TEXT CHECK (plan IS NULL OR json_valid(plan)),
    publish TEXT CHECK (publish IS NULL OR json_valid(publish)),
    slug TEXT UNIQUE,
    created_at INTEGER NOT NULL
  ) STRICT;

  -- Every event belongs to one programme. Existing events: those that share an organizer account
  -- share one (the connected events), named by the earliest of them.
  ALTER TABLE events ADD COLUMN programme_id TEXT;
  WITH RECURSIVE
    links(a, b) AS (
      SELECT DISTINCT p1.event_id, p2.event_id FROM people p1 JOIN people p2 ON p1.account = p2.account
      WHERE p1.account IS NOT NULL
    ),
    reach(start, ev) AS (SELECT id, id FROM events UNION SELECT r.start, l.b FROM reach r JOIN links l ON l.a = r.ev)
  UPDATE events SET programme_id = (
    SELECT e.id FROM reach r JOIN events e ON e.id = r.ev WHERE r.start = events.id
    ORDER BY e.date, e.created_at, e.id LIMIT 1
  );
  INSERT INTO programmes (id, created_at)
    SELECT DISTINCT e.programme_id, (SELECT created_at FROM events WHERE id = e.programme_id) FROM events e;
  CREATE INDEX events_programme ON events(programme_id);
  -- An event inserted without a programme (a seed, a test) starts one of its own; an event restored
  -- from an export brings its programme's id, whose row is made if this store lacks it.
  CREATE TRIGGER events_programme AFTER INSERT ON events
  BEGIN
    UPDATE events SET programme_id = new.id WHERE id = new.id AND new.programme_id IS NULL;
    INSERT OR IGNORE INTO programmes (id, created_at) VALUES (coalesce(new.programme_id, new.id), new.created_at);
  END;

  -- A business founded in the region or a site opened here, by an organization of one of the
  -- programme's events. No personal data (the organization's name is kept on erasure).
  CREATE TABLE regional_outcomes (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    org_id TEXT NOT NULL REFERENCES organizations(id),
    kind TEXT NOT NULL CHECK (kind IN ('founded', 'relocated')),
    on_date TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    meeting_id TEXT REFERENCES meetings(id),
    recorded_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX regional_outcomes_event ON regional_outcomes(event_id);

  -- Figures the app cannot count, entered by an organizer; every entry is kept (the latest of a KPI
  -- and year is the figure, the others its history). Personal data: recorded_by is the organizer's
  -- name and recorded_by_person their person id (anonymised when that organizer is erased).
  CREATE TABLE kpi_entries (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id),
    kpi_id TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    value REAL NOT NULL,
    source TEXT NOT NULL,
    on_date TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at INTEGER NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT '',
    recorded_by_person TEXT
  ) STRICT;
  CREATE INDEX kpi_entries_programme ON kpi_entries(programme_id, kpi_id, fiscal_year);

  -- The council's review of a fiscal year (the PDCA's check and act). No personal data.
  CREATE TABLE kpi_reviews (
    programme_id TEXT NOT NULL REFERENCES programmes(id),
    fiscal_year INTEGER NOT NULL,
    worked TEXT NOT NULL DEFAULT '',
    next TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (programme_id, fiscal_year)
  ) STRICT, WITHOUT ROWID;

  -- A company agreed to be named on the programme's public page (off until an organizer records it).
  ALTER TABLE organizations ADD COLUMN publish_consent INTEGER NOT NULL DEFAULT 0 CHECK (publish_consent IN (0, 1));
  `,
  /* 14: privacy (APPI): the notice people acknowledge, how long personal data is kept, and its purge */ `
  -- The privacy notice an attendee's phone shows before anything else, as the organizer wrote it (NULL:
  -- the app's default text, in client/src/lib/messages.ts), who to ask, and how many days after the
  -- event date personal data is kept. The version grows whenever any of these change, so everyone is
  -- shown the new notice once. No personal data: the contact is the organizer's office.
  ALTER TABLE events ADD COLUMN privacy_notice_ja TEXT;
  ALTER TABLE events ADD COLUMN privacy_notice_en TEXT;
  ALTER TABLE events ADD COLUMN privacy_contact TEXT NOT NULL DEFAULT '';
  ALTER TABLE events ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 365 CHECK (retention_days BETWEEN 1 AND 3650);
  ALTER TABLE events ADD COLUMN privacy_version INTEGER NOT NULL DEFAULT 1;
  -- When the event's personal data was anonymised (server/store/privacy.ts purgeEvent); NULL: not yet.
  ALTER TABLE events ADD COLUMN personal_data_purged_at INTEGER;
  -- The notice version the person said 「確認しました」 to; NULL: never.
  ALTER TABLE people ADD COLUMN notice_acknowledged INTEGER;
  `,
  /* 15: which badge was last marked printed, for printing only the badges not printed yet */ `
  -- The badge (by its nonce, as people.badge_nonce) an organizer last marked printed on the badge
  -- sheet (「印刷しました」), and when. A reissued badge has a new nonce, so it counts as not printed
  -- again. Part of the person's row: erased with it.
  ALTER TABLE people ADD COLUMN badge_printed_nonce TEXT;
  ALTER TABLE people ADD COLUMN badge_printed_at INTEGER;
  `,
  /* 16: e-mail: the organizer's SMTP server per event, and the log of every mail the app sends */ `
  -- One row per event; the password is kept to send with and never sent back to a client. Names no person.
  CREATE TABLE smtp_settings (
    event_id TEXT PRIMARY KEY REFERENCES events(id),
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    security TEXT NOT NULL CHECK (security IN ('tls', 'starttls', 'none')),
    username TEXT NOT NULL DEFAULT '',
    password TEXT NOT NULL DEFAULT '',
    from_address TEXT NOT NULL,
    from_name TEXT NOT NULL DEFAULT '',
    confirmations INTEGER NOT NULL DEFAULT 1,
    reminders INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL
  ) STRICT;
  -- Personal data: which person was sent what, by reason key (never twice: UNIQUE). The address and
  -- the text are not kept; they are read from the person when the mail goes.
  CREATE TABLE mail_log (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sent_at INTEGER,
    UNIQUE (person_id, reason)
  ) STRICT;
  CREATE INDEX mail_log_event ON mail_log(event_id, status);
  `,
  /* 17: mail: a send in flight is marked sending (never twice after a restart); a mail overtaken is superseded */ `
  -- SQLite cannot widen a CHECK in place: the send log is rebuilt with the two new states. Personal
  -- data as before (which person was sent what).
  CREATE TABLE mail_log_next (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'superseded')),
    error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sent_at INTEGER,
    UNIQUE (person_id, reason)
  ) STRICT;
  INSERT INTO mail_log_next (id, event_id, person_id, reason, status, error, attempts, created_at, updated_at, sent_at)
    SELECT id, event_id, person_id, reason, status, error, attempts, created_at, updated_at, sent_at FROM mail_log;
  DROP TABLE mail_log;
  ALTER TABLE mail_log_next RENAME TO mail_log;
  CREATE INDEX mail_log_event ON mail_log(event_id, status);
  `,
  /* 18: a version of the meetings table, changed by every write to it, so the booking path may keep its taken places */ `
  -- Set to random() by triggers, never counted up: a savepoint rolled back restores an older value,
  -- and a later write must not land on the value a discarded one had. No personal data. A later
  -- migration that rebuilds meetings must create these three triggers again.
  CREATE TABLE meetings_version (id INTEGER PRIMARY KEY CHECK (id = 1), v INTEGER NOT NULL) STRICT;
  INSERT INTO meetings_version (id, v) VALUES (1, random());
  CREATE TRIGGER meetings_version_insert AFTER INSERT ON meetings BEGIN
    UPDATE meetings_version SET v = random() WHERE id = 1;
  END;
  CREATE TRIGGER meetings_version_update AFTER UPDATE ON meetings BEGIN
    UPDATE meetings_version SET v = random() WHERE id = 1;
  END;
  CREATE TRIGGER meetings_version_delete AFTER DELETE ON meetings BEGIN
    UPDATE meetings_version SET v = random() WHERE id = 1;
  END;
  `,
];
