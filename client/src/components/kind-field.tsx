import type { OrgKind } from '../../../shared/model';
import { useT } from '../stores/language-store';

const KINDS: readonly OrgKind[] = ['firm', 'venture', 'partner'];

/** The company kind of a registration: local firm, venture or partner. */
export function KindField({ value, onChange }: { value: OrgKind; onChange: (kind: OrgKind) => void }) {
  const t = useT();
  return (
    <label>
      {t('walkin.kind')}
      <select value={value} onChange={(e) => onChange(e.target.value as OrgKind)}>
        {KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kind.${kind}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
