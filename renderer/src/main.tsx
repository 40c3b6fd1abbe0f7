import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createWebApi } from './api/web-api.ts';
import { App } from './app.tsx';
import 'uplot/dist/uPlot.min.css';
import './styles.css';

// In Electron the preload has put `window.api` there; in a browser the web transport provides it.
if (!window.api) window.api = createWebApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
