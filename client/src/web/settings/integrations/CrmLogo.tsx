/** Simple brand-coloured marks (no external images under the CSP); decorative, the name is next to them. */
export function CrmLogo({ kind }: { kind: 'hubspot' | 'salesforce' }) {
  if (kind === 'hubspot') {
    return (
      <span className="crm-logo crm-logo-hubspot" aria-hidden="true">
        <svg width="26" height="26" viewBox="0 0 24 24" focusable="false">
          <circle cx="15.5" cy="13.5" r="4" fill="none" stroke="currentColor" strokeWidth="2.4" />
          <path d="M15.5 9.5V5.2M15.5 5.2a1.6 1.6 0 1 0 0-.1M12.3 16.3 7 20.5M12 11 5.5 6.5" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" fill="none" />
          <circle cx="5" cy="6" r="1.8" fill="currentColor" />
        </svg>
      </span>
    );
  }
  return (
    <span className="crm-logo crm-logo-salesforce" aria-hidden="true">
      <svg width="30" height="22" viewBox="0 0 30 22" focusable="false">
        <path
          d="M12.4 3.3A5.3 5.3 0 0 1 16.2 1.7c2 0 3.7 1.1 4.6 2.7a6.4 6.4 0 0 1 2.6-.6 6.3 6.3 0 1 1-1.2 12.5 4.7 4.7 0 0 1-6.1 2 5.4 5.4 0 0 1-10-.4 4.9 4.9 0 0 1-1-.1A4.9 4.9 0 0 1 2.6 9.2 5.6 5.6 0 0 1 12.4 3.3Z"
          fill="currentColor"
        />
      </svg>
    </span>
  );
}
