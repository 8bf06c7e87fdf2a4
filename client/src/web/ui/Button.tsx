import type { AnchorHTMLAttributes, ButtonHTMLAttributes, ReactNode } from 'react';
import { Link, type LinkProps } from 'react-router';

export type ButtonVariant = 'default' | 'primary' | 'danger' | 'ghost' | 'danger-ghost';
export type ButtonSize = 'sm' | 'md' | 'lg';

interface Look {
  variant?: ButtonVariant;
  size?: ButtonSize;
  icon?: ReactNode;
  iconOnly?: boolean;
  block?: boolean;
}

export function buttonClass({ variant = 'default', size = 'md', iconOnly, block }: Look, extra?: string): string {
  return [
    'btn',
    variant !== 'default' && `btn-${variant}`,
    size !== 'md' && `btn-${size}`,
    iconOnly && 'btn-icon',
    block && 'btn-block',
    extra,
  ]
    .filter(Boolean)
    .join(' ');
}

/** A button; `busy` disables it and shows a spinner while its action runs. */
export function Button({
  variant,
  size,
  icon,
  iconOnly,
  block,
  busy,
  className,
  children,
  type = 'button',
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & Look & { busy?: boolean }) {
  return (
    <button
      type={type}
      className={buttonClass({ variant, size, iconOnly, block }, className)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <span className="btn-spinner" aria-hidden="true" /> : icon}
      {children}
    </button>
  );
}

/** A router link that looks like a button. */
export function ButtonLink({ variant, size, icon, iconOnly, block, className, children, ...rest }: LinkProps & Look) {
  return (
    <Link className={buttonClass({ variant, size, iconOnly, block }, className)} {...rest}>
      {icon}
      {children}
    </Link>
  );
}

/** A plain anchor that looks like a button: for server routes (downloads, OAuth redirects). */
export function ButtonAnchor({
  variant,
  size,
  icon,
  iconOnly,
  block,
  className,
  children,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & Look) {
  return (
    <a className={buttonClass({ variant, size, iconOnly, block }, className)} {...rest}>
      {icon}
      {children}
    </a>
  );
}
