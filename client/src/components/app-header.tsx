import type { ReactNode } from 'react';
import { useEventStore } from '../stores/event-store';
import { useT } from '../stores/language-store';
import { LanguageSwitch } from './language-switch';

export function AppHeader({ children }: { children?: ReactNode }) {
  const t = useT();
  const event = useEventStore((s) => s.event);
  return (
    <header className="app-header">
      <div className="app-header__titles">
        <span className="app-header__app">{t('app.name')}</span>
        <span className="app-header__event">{event?.name}</span>
      </div>
      {children}
      <LanguageSwitch />
    </header>
  );
}
