/**
 * 「自分の名札」 on the phone: the signed-in person's own badge QR, large enough for the door's
 * scanner, with their name and company — for the one who left the printed badge at the office. The
 * server draws it from the session (GET /api/me/badge): the same link and the same QR as the badge.
 */
import { useCallback, useState } from 'react';
import type { Ack } from '../../../../shared/errors';
import type { MyBadgeView } from '../../../../shared/mail';
import { useJson } from '../../hooks/use-json';
import { describeError } from '../../lib/refusal';
import { navigate } from '../../lib/router';
import { useT } from '../../stores/language-store';

export default function MyBadgePage() {
  const t = useT();
  const [badge, setBadge] = useState<MyBadgeView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = useCallback(
    (answer: Ack<MyBadgeView>) => {
      if (answer.ok) setBadge(answer.data);
      else setError(describeError(t, answer.error));
    },
    [t],
  );
  useJson('/api/me/badge', show);

  return (
    <main className="page my-badge">
      <a
        className="link-button"
        href="/"
        onClick={(e) => {
          e.preventDefault();
          navigate('/');
        }}
      >
        {t('myBadge.back')}
      </a>
      <h1 className="page__title">{t('myBadge.link')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {badge && (
        <>
          <p className="my-badge__hint">{t('myBadge.hint')}</p>
          <img
            className="my-badge__qr"
            src={`data:image/svg+xml;utf8,${encodeURIComponent(badge.qrSvg)}`}
            alt={t('myBadge.qr', { name: badge.name })}
          />
          <p className="my-badge__name">{badge.name}</p>
          {badge.orgName && <p className="my-badge__org">{badge.orgName}</p>}
          <p className="hint">{t('myBadge.private')}</p>
        </>
      )}
    </main>
  );
}
