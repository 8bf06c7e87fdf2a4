import { useEffect, useState } from 'react';
import { SearchIcon } from '../ui/icons';
import { TextField } from '../ui/Field';

const DEBOUNCE_MS = 350;

/** Full-text search over summaries: applies after a pause in typing, or at once on Enter. */
export function SearchBox({ value, onCommit }: { value: string; onCommit: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [committed, setCommitted] = useState(value);
  // The URL changed under us (Clear filters, back button): show what it says now.
  if (value !== committed) {
    setCommitted(value);
    setDraft(value);
  }

  useEffect(() => {
    if (draft.trim() === committed.trim()) return;
    const timer = setTimeout(() => {
      setCommitted(draft.trim());
      onCommit(draft.trim());
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, committed, onCommit]);

  return (
    <form
      role="search"
      className="search-form"
      onSubmit={(event) => {
        event.preventDefault();
        setCommitted(draft.trim());
        onCommit(draft.trim());
      }}
    >
      <TextField
        label="Search summaries"
        hideLabel
        type="search"
        placeholder="Search reasons, key points, action items…"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        icon={<SearchIcon size={16} />}
        maxLength={200}
      />
    </form>
  );
}
