/** Small line icons drawn inline (no icon font or CDN under the strict CSP). Decorative: aria-hidden. */

type IconName =
  | 'check'
  | 'alert'
  | 'phone'
  | 'chat'
  | 'clock'
  | 'external'
  | 'retry'
  | 'history'
  | 'sparkle'
  | 'lock'
  | 'edit'
  | 'cloud';

const PATHS: Record<IconName, string> = {
  check: 'M3.5 8.5l3 3 6-7',
  alert: 'M8 2.5l6 11H2l6-11zM8 6.5v3M8 11.5v.5',
  phone:
    'M4 2.5h2l1 3-1.5 1a7 7 0 003.5 3.5l1-1.5 3 1v2a1.5 1.5 0 01-1.5 1.5A10.5 10.5 0 012.5 4 1.5 1.5 0 014 2.5z',
  chat: 'M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z',
  clock: 'M8 2.5a5.5 5.5 0 110 11 5.5 5.5 0 010-11zM8 5v3.2l2 1.3',
  external: 'M9.5 2.5h4v4M13.5 2.5L8 8M11.5 9.5v3a1 1 0 01-1 1h-7a1 1 0 01-1-1v-7a1 1 0 011-1h3',
  retry: 'M13 8a5 5 0 11-1.6-3.7M13 2.5v2.8h-2.8',
  history: 'M2.8 8a5.2 5.2 0 101.5-3.7M2.5 2.5v2.8h2.8M8 5v3.2l2 1.3',
  sparkle: 'M8 2l1.4 3.6L13 7l-3.6 1.4L8 12l-1.4-3.6L3 7l3.6-1.4z',
  lock: 'M4 7.5h8v6H4zM5.5 7.5V5.5a2.5 2.5 0 015 0v2',
  edit: 'M10.5 3l2.5 2.5L6 12.5H3.5V10zM9 4.5L11.5 7',
  cloud: 'M4.5 12.5a3 3 0 01-.4-6 4 4 0 017.7.9 2.6 2.6 0 01-.3 5.1z',
};

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `p-icon ${className}` : 'p-icon'}
      viewBox="0 0 16 16"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function Spinner({ label }: { label?: string }) {
  return (
    <span
      className="p-spinner"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}
