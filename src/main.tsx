import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, openingLang } from './ui/App';
import { loadAppStrings } from './i18n/load';
import { parseLink } from './player/links';
import './ui/base.css';
import './ui/app.css';

// Before the first view: the reader's language only, and the share-link parser only for a link that carries a run.
const lang = openingLang(location.search);
const runParam = parseLink(location.search, 'app').run;
void Promise.all([loadAppStrings(lang), runParam === null ? undefined : import('./player/shareLink').then((m) => m.readRun(runParam))]).then(
  ([strings, shared]) =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App lang={lang} strings={strings} shared={shared} />
      </StrictMode>,
    ),
);
