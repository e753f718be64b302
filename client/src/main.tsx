/** The entry script: keeps the last view for offline opening, installs the service worker, mounts the app (in English once its table is loaded, for someone who chose it). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { registerServiceWorker } from './lib/service-worker';
import { languageReady, useLanguage } from './stores/language-store';
import { startOfflineCopy } from './stores/offline-copy';
import './app/styles.css';

document.documentElement.lang = useLanguage.getState().language;
// Before the socket starts (in the first render's effect): a page that cannot connect shows the last view.
startOfflineCopy();
registerServiceWorker();

// English is its own chunk: someone who chose it gets it before the first render.
void languageReady().finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
