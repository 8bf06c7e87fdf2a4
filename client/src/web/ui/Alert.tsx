import type { ReactNode } from 'react';
import { AlertIcon, CheckCircleIcon, ErrorIcon, InfoIcon } from './icons';

export type AlertTone = 'info' | 'ok' | 'warn' | 'danger';

const ICONS = { info: InfoIcon, ok: CheckCircleIcon, warn: AlertIcon, danger: ErrorIcon } as const;

/** An inline message block; `role="alert"` only for problems that need attention now. */
export function Alert({
  tone = 'info',
  title,
  children,
  actions,
  urgent,
  className,
}: {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  urgent?: boolean;
  className?: string;
}) {
  const Icon = ICONS[tone];
  return (
    <div className={['alert', `alert-${tone}`, className].filter(Boolean).join(' ')} role={urgent ? 'alert' : undefined}>
      <Icon size={17} />
      <div className="alert-body">
        {title && <p className="alert-title">{title}</p>}
        {children && <div>{children}</div>}
      </div>
      {actions && <div className="alert-actions">{actions}</div>}
    </div>
  );
}
