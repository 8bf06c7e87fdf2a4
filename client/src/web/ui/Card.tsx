import type { ReactNode } from 'react';

/** A surface with an optional header (title, subtitle, actions) and a padded or flush body. */
export function Card({
  title,
  subtitle,
  actions,
  children,
  flush,
  footer,
  className,
  labelledBy,
  as: Tag = 'section',
}: {
  title?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  flush?: boolean;
  footer?: ReactNode;
  className?: string;
  labelledBy?: string;
  as?: 'section' | 'div' | 'article';
}) {
  return (
    <Tag className={['card', className].filter(Boolean).join(' ')} aria-labelledby={labelledBy}>
      {(title || actions) && (
        <header className="card-header">
          <div>
            {title && (
              <h2 className="card-title" id={labelledBy}>
                {title}
              </h2>
            )}
            {subtitle && <p className="card-subtitle">{subtitle}</p>}
          </div>
          {actions && <div className="btn-row">{actions}</div>}
        </header>
      )}
      <div className={flush ? 'card-body-flush' : 'card-body'}>{children}</div>
      {footer && <footer className="card-footer">{footer}</footer>}
    </Tag>
  );
}
