import type { ReactNode } from 'react';
import { ApiRequestError } from '../../shared/api';
import { Button } from './Button';
import { ErrorIcon, InboxIcon, RefreshIcon } from './icons';

/** Nothing to show yet: say why and what to do about it. */
export function EmptyState({
  title,
  children,
  icon,
  actions,
  compact,
}: {
  title: string;
  children?: ReactNode;
  icon?: ReactNode;
  actions?: ReactNode;
  compact?: boolean;
}) {
  return (
    <div className={compact ? 'state state-compact' : 'state'}>
      <div className="state-icon">{icon ?? <InboxIcon size={22} />}</div>
      <p className="state-title">{title}</p>
      {children && <div className="state-text">{children}</div>}
      {actions && <div className="btn-row">{actions}</div>}
    </div>
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 401) return 'Your session has ended. Sign in again to continue.';
    if (error.status === 403) return 'Your role does not allow this.';
    return error.message;
  }
  if (error instanceof Error) {
    return /fetch|network/i.test(error.message) ? 'CallRecap could not be reached. Check your connection and try again.' : error.message;
  }
  return 'Something went wrong.';
}

/** A failed load: the server's message and a retry button. Announced to screen readers. */
export function ErrorState({ title = 'Could not load this', error, onRetry, compact }: { title?: string; error: unknown; onRetry?: () => void; compact?: boolean }) {
  const signedOut = error instanceof ApiRequestError && error.status === 401;
  return (
    <div className={compact ? 'state state-error state-compact' : 'state state-error'} role="alert">
      <div className="state-icon">
        <ErrorIcon size={22} />
      </div>
      <p className="state-title">{title}</p>
      <p className="state-text">{errorMessage(error)}</p>
      <div className="btn-row">
        {signedOut ? (
          <a className="btn btn-primary" href={`/app?returnTo=${encodeURIComponent(window.location.pathname)}`}>
            Sign in again
          </a>
        ) : (
          onRetry && (
            <Button icon={<RefreshIcon size={15} />} onClick={onRetry}>
              Try again
            </Button>
          )
        )}
      </div>
    </div>
  );
}

export function Skeleton({ className }: { className?: string }) {
  return <span className={['skeleton', className].filter(Boolean).join(' ')} aria-hidden="true" />;
}

/** Placeholder lines while something loads; the label is what a screen reader hears. */
export function LoadingBlock({ label = 'Loading…', lines = 4 }: { label?: string; lines?: number }) {
  const widths = ['w-90', 'w-70', 'w-80', 'w-50', 'w-60', 'w-40'];
  return (
    <div className="stack" role="status" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={`skeleton-line ${widths[i % widths.length]}`} />
      ))}
    </div>
  );
}
