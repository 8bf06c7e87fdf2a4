import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'ok' | 'warn' | 'danger' | 'accent' | 'info' | 'outline';

export function Badge({ tone = 'neutral', dot, children, title }: { tone?: Tone; dot?: boolean; children: ReactNode; title?: string }) {
  const className = ['badge', tone !== 'neutral' && `badge-${tone}`, dot && 'badge-dot'].filter(Boolean).join(' ');
  return (
    <span className={className} title={title}>
      {children}
    </span>
  );
}
