/** The entry script: keeps the last view for offline opening, installs the service worker, mounts the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { registerServiceWorker } from './lib/service-worker';
import { useLanguage } from './stores/language-store';
import { startOfflineCopy } from './stores/offline-copy';
import './app/styles.css';

document.documentElement.lang = useLanguage.getState().language;
// Before the socket starts (in the first render's effect): a page that cannot connect shows the last view.
startOfflineCopy();
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
