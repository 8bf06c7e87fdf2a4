/** The CallRecap mark: a speech bubble with a check, drawn inline (no external assets under the CSP). */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" className="logo-bg" />
      <path d="M9 10.5A2.5 2.5 0 0 1 11.5 8h9A2.5 2.5 0 0 1 23 10.5v7a2.5 2.5 0 0 1-2.5 2.5H15l-4.2 3.3c-.5.4-1.3 0-1.3-.6V20.1A2.5 2.5 0 0 1 9 17.5Z" className="logo-bubble" />
      <path d="m12.6 14.2 2.3 2.3 4.6-4.6" className="logo-check" />
    </svg>
  );
}

export function Logo() {
  return (
    <span className="logo">
      <LogoMark />
      <span className="logo-word">CallRecap</span>
    </span>
  );
}
