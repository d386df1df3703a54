import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, openingLang } from './ui/App';
import { loadAppStrings } from './i18n/load';
import './ui/base.css';
import './ui/app.css';

// The reader's language only: its strings load beside the page's script, then the first view.
const lang = openingLang(location.search);
void loadAppStrings(lang).then((strings) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App lang={lang} strings={strings} />
    </StrictMode>,
  ),
);
