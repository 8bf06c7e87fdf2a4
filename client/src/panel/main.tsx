import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import './panel.css';
import { bootPanel } from './boot';
import { PanelApp } from './ui/PanelApp';

// Network first, render second: the session request and the Zoom SDK start before React does.
const boot = bootPanel();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PanelApp boot={boot} />
  </StrictMode>,
);
