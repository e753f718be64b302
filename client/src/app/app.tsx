import { Suspense, useDeferredValue, useEffect, type ComponentType } from 'react';
import { lazyPage } from '../lib/lazy-page';
import { CHECK_PAGE } from '../../../shared/constants';
import { AppHeader } from '../components/app-header';
import { ConnectionBanner } from '../components/connection-banner';
import { LanguageSwitch } from '../components/language-switch';
import { AccountBar } from '../components/account-bar';
import { AttendeeHome } from '../features/attendee/attendee-home';
import { LiveBar } from '../features/attendee/live-bar';
import { MeetingsAlert } from '../features/meetings/meetings-alert';
import { MeetingsPanel } from '../features/meetings/meetings-panel';
import { VentureHome } from '../features/venture/venture-home';
import { VentureLiveBar } from '../features/venture/venture-live-bar';
import { WelcomePage } from '../features/welcome/welcome-page';
import { OrganizerNav } from '../components/organizer-nav';
import { DOOR_HOME, MY_BADGE, navigate, usePathname } from '../lib/router';
import { useT } from '../stores/language-store';
import { startSocket } from '../lib/socket';
import { useConnection } from '../stores/connection-store';
import { useEventStore } from '../stores/event-store';

// The organizer console and the board are separate chunks: a firm's phone never downloads them.
const OrganizerHome = lazyPage(() => import('../features/organizer/organizer-home'));
const BoardPage = lazyPage(() => import('../features/board/board-page'));
// The privacy notice shows once per person and version: its own chunk, off the phone's first download.
const PrivacyNotice = lazyPage(() => import('../features/privacy/privacy-notice'));
// The scanner library is large: only the check-in station loads it.
const CheckinPage = lazyPage(() => import('../features/checkin/checkin-page'));
const PeoplePage = lazyPage(() => import('../features/registrations/people-page'));
const MeetingGridPage = lazyPage(() => import('../features/meeting-grid/meeting-grid-page'));
const SeriesPage = lazyPage(() => import('../features/series/series-page'));
const SettingsPage = lazyPage(() => import('../features/event-settings/settings-page'));
const ResultsPage = lazyPage(() => import('../features/results/results-page'));
// 「自分の名札」: a phone's own badge QR, opened from the account bar.
const MyBadgePage = lazyPage(() => import('../features/my-badge/my-badge-page'));
const ProgrammePage = lazyPage(() => import('../features/programme/programme-page'));
// The connection check opens with no sign-in, before or without a badge.
const CheckPage = lazyPage(() => import('../features/venue-check/check-page'));

const ORGANIZER_PAGES: [string, ComponentType][] = [
  ['/organizer/checkin', CheckinPage],
  ['/organizer/people', PeoplePage],
  ['/organizer/meetings', MeetingGridPage],
  ['/organizer/events', SeriesPage],
  ['/organizer/settings', SettingsPage],
  ['/organizer/results', ResultsPage],
  ['/organizer/programme', ProgrammePage],
];

function OrganizerScreen() {
  const pathname = usePathname();
  const Page = ORGANIZER_PAGES.find(([prefix]) => pathname.startsWith(prefix))?.[1] ?? OrganizerHome;
  return (
    <>
      <OrganizerNav />
      <Suspense fallback={null}>
        <Page />
      </Suspense>
    </>
  );
}

/**
 * A reception station (signed in by a door staff link): the check-in page at its fixed station, and
 * nothing else. No organizer navigation; any other address says what this device is for.
 */
function DoorScreen({ station }: { station: string }) {
  const t = useT();
  const pathname = usePathname();
  if (pathname === DOOR_HOME || pathname === `${DOOR_HOME}/`) {
    return (
      <Suspense fallback={null}>
        <CheckinPage fixedStation={station} />
      </Suspense>
    );
  }
  return (
    <main className="page door-only">
      <h1 className="page__title">{t('door.onlyTitle')}</h1>
      <p>{t('door.onlyBody', { station })}</p>
      <a
        className="button primary"
        href={DOOR_HOME}
        onClick={(e) => {
          e.preventDefault();
          navigate(DOOR_HOME);
        }}
      >
        {t('door.toCheckin')}
      </a>
    </main>
  );
}

/** The board link is /board/TOKEN; every other page signs in by the session cookie. */
function boardToken(): string | undefined {
  const match = /^\/board\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname);
  return match?.[1];
}

export function App() {
  // Routed before the app's socket starts: the check measures a connection of its own and must
  // render for anyone, where the app's socket would answer "unauthenticated" with the welcome page.
  const pathname = usePathname();
  if (pathname === CHECK_PAGE || pathname === `${CHECK_PAGE}/`) {
    return (
      <Suspense fallback={null}>
        <CheckPage />
      </Suspense>
    );
  }
  return <EventApp />;
}

/** Everything that runs over the app's socket: signed in by cookie, or the board by its link. */
function EventApp() {
  const board = boardToken();
  const status = useConnection((s) => s.status);
  const loaded = useEventStore((s) => s.loaded);
  const viewer = useEventStore((s) => s.viewer);
  const pathname = usePathname();
  // The screen mounts in a deferred render, which React does in slices: on a slow phone the first
  // snapshot's render is not one long task, and the header shows the event at once.
  const ready = useDeferredValue(loaded);

  useEffect(() => {
    startSocket(board ? { board } : {});
  }, [board]);

  if (status === 'unauthenticated') {
    return (
      <>
        <header className="app-header app-header--bare">
          <LanguageSwitch />
        </header>
        <WelcomePage />
      </>
    );
  }

  if (board) {
    return (
      <>
        <ConnectionBanner />
        {loaded && (
          <Suspense fallback={null}>
            <BoardPage />
          </Suspense>
        )}
      </>
    );
  }

  const role = viewer?.kind === 'person' ? viewer.role : null;
  if (role === 'door') {
    return (
      <>
        <AppHeader />
        <ConnectionBanner />
        {ready && <DoorScreen station={viewer?.kind === 'person' ? viewer.name : ''} />}
      </>
    );
  }
  if (role === 'organizer' || role === null) {
    return (
      <>
        <AppHeader />
        <ConnectionBanner />
        {ready && role === 'organizer' && <OrganizerScreen />}
      </>
    );
  }
  const attendee = role === 'firm' || role === 'partner';
  if (pathname === MY_BADGE) return <MyBadgeScreen />;
  const top = (
    <>
      <AccountBar />
      <MeetingsAlert />
    </>
  );
  // A phone's top stays put while the page scrolls: who is on stage (and a firm's two taps), and
  // whether the connection is live. Features do not import each other, so the screens are put
  // together here: the meetings go above a venture's profile, below a firm's live card.
  return (
    <>
      {ready && (
        <Suspense fallback={null}>
          <PrivacyNotice />
        </Suspense>
      )}
      <div className="phone-top">
        <AppHeader />
        <ConnectionBanner />
        {ready && (attendee ? <LiveBar /> : <VentureLiveBar />)}
      </div>
      {ready &&
        (attendee ? (
          <AttendeeHome top={top} meetings={<MeetingsPanel />} />
        ) : (
          <VentureHome top={top} meetings={<MeetingsPanel />} />
        ))}
    </>
  );
}

/** 「自分の名札」: the phone's header and the badge page, without the live bar the QR does not need. */
function MyBadgeScreen() {
  return (
    <>
      <div className="phone-top">
        <AppHeader />
        <ConnectionBanner />
      </div>
      <Suspense fallback={null}>
        <MyBadgePage />
      </Suspense>
    </>
  );
}
