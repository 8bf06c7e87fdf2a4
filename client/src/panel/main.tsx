import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';

function Panel() {
  return (
    <main>
      <h1>CallRecap</h1>
      <p>This panel runs inside the Zoom client&apos;s Contact Center. Open the web view at <a href="/app">/app</a>.</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Panel />
  </StrictMode>,
);
