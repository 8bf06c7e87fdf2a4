import type { ReactNode } from 'react';
import { useDocumentTitle } from '../lib/use-document-title';

/** The heading block every settings tab starts with. */
export function SettingsSection({ title, description, actions, children }: { title: string; description: ReactNode; actions?: ReactNode; children: ReactNode }) {
  useDocumentTitle(`${title} · Settings`);
  return (
    <section className="settings-section" aria-labelledby="settings-section-title">
      <header className="settings-section-header">
        <div>
          <h2 className="settings-section-title" id="settings-section-title">
            {title}
          </h2>
          <p className="muted settings-section-description">{description}</p>
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
