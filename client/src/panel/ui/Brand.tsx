/** The product mark: a speech bubble with a check (drawn inline, no image request). */
export function Brand({ compact = false }: { compact?: boolean }) {
  return (
    <span className={compact ? 'p-brand p-brand-compact' : 'p-brand'}>
      <svg
        className="p-brand-mark"
        viewBox="0 0 24 24"
        width="22"
        height="22"
        aria-hidden="true"
        focusable="false"
      >
        <rect x="1.5" y="2.5" width="21" height="16" rx="5" fill="currentColor" />
        <path d="M7 18.5l-1 4 5-4" fill="currentColor" />
        <path
          d="M7.5 10.5l3 3 6-6"
          className="p-brand-check"
          fill="none"
          strokeWidth="2.2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span className="p-brand-name">CallRecap</span>
    </span>
  );
}
