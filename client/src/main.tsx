import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { useLanguage } from './stores/language-store';
import './app/styles.css';

document.documentElement.lang = useLanguage.getState().language;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
