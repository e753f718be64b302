/**
 * 「自分のデータをダウンロード」: what the app holds about the signed-in person, as a JSON file
 * (GET /api/me/data.json answers for the session's person only).
 */
import { useT } from '../stores/language-store';

export function MyDataLink() {
  const t = useT();
  return (
    <a className="account-bar__data" href="/api/me/data.json" download="my-data.json">
      {t('privacy.download')}
    </a>
  );
}
