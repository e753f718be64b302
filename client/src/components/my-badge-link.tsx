/**
 * The phone menu's way to 「自分の名札」: the person's own badge QR for the door (a page of its own,
 * client/src/features/my-badge). Firms, partners and ventures have a badge; organizers do not.
 */
import { MY_BADGE, navigate } from '../lib/router';
import { useEventStore } from '../stores/event-store';
import { useT } from '../stores/language-store';

export function MyBadgeLink() {
  const t = useT();
  const hasBadge = useEventStore((s) => s.viewer?.kind === 'person' && s.viewer.org !== null);
  if (!hasBadge) return null;
  return (
    <a
      className="account-bar__badge"
      href={MY_BADGE}
      onClick={(e) => {
        e.preventDefault();
        navigate(MY_BADGE);
      }}
    >
      {t('myBadge.link')}
    </a>
  );
}
