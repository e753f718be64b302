import { useLanguage, useT } from '../stores/language-store';

export function LanguageSwitch() {
  const t = useT();
  const toggle = useLanguage((s) => s.toggle);
  return (
    <button type="button" className="lang-switch" onClick={toggle} aria-label={t('lang.switchLabel')}>
      {t('lang.switch')}
    </button>
  );
}
