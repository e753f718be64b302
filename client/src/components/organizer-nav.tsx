import type { MouseEvent } from 'react';
import { navigate, usePathname } from '../lib/router';
import { useT } from '../stores/language-store';
import type { MessageKey } from '../lib/messages';
import { SignOutButton, SignOutConfirm, useSignOut } from './account-bar';

const LINKS: { path: string; label: MessageKey }[] = [
  { path: '/organizer', label: 'nav.program' },
  { path: '/organizer/checkin', label: 'nav.checkin' },
  { path: '/organizer/people', label: 'nav.people' },
  { path: '/organizer/meetings', label: 'nav.meetings' },
  { path: '/organizer/results', label: 'nav.results' },
  { path: '/organizer/programme', label: 'nav.programme' },
  { path: '/organizer/settings', label: 'nav.settings' },
  { path: '/organizer/events', label: 'nav.events' },
];

/**
 * The organizer's sections. Plain links, so a station can be opened in a new tab or bookmarked. And
 * signing out, which takes the people data a station keeps for working offline off this browser.
 */
export function OrganizerNav() {
  const t = useT();
  const signOut = useSignOut();
  const pathname = usePathname();
  const current = pathname === '/' ? '/organizer' : pathname;
  const go = (e: MouseEvent<HTMLAnchorElement>, path: string) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(path);
  };
  return (
    <>
      <nav className="organizer-nav" aria-label={t('organizer.title')}>
        {LINKS.map((link) => (
          <a
            key={link.path}
            href={link.path}
            aria-current={current === link.path ? 'page' : undefined}
            onClick={(e) => go(e, link.path)}
          >
            {t(link.label)}
          </a>
        ))}
        <SignOutButton signOut={signOut} className="link-button organizer-nav__logout" />
      </nav>
      <div className="organizer-nav__confirm">
        <SignOutConfirm signOut={signOut} text="account.logoutStation" />
      </div>
    </>
  );
}
