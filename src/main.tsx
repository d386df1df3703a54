import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { Motion } from './ui/Motion';
import './ui/base.css';
import './ui/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Motion>
      <App />
    </Motion>
  </StrictMode>,
);
