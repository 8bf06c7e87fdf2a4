import { useState, type FormEvent } from 'react';
import { categoryInputSchema } from '../../../../../server/contract/api';
import { Button } from '../../ui/Button';
import { TextAreaField, TextField } from '../../ui/Field';

export interface CategoryDraft {
  name: string;
  description: string;
}

/** Add or edit one category; validated with the API's own schema before anything is sent. */
export function CategoryForm({
  initial,
  takenNames,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
}: {
  initial: CategoryDraft;
  /** Other categories' names (lower case): the list must stay unambiguous. */
  takenNames: string[];
  submitLabel: string;
  busy: boolean;
  onSubmit: (draft: CategoryDraft) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<{ name?: string; description?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = categoryInputSchema.safeParse(draft);
    const next: typeof errors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'name') next.name = draft.name.trim() ? 'Use at most 100 characters.' : 'Give the category a name.';
        if (field === 'description') next.description = 'Use at most 500 characters.';
      }
    } else if (takenNames.includes(parsed.data.name.toLowerCase())) {
      next.name = 'There is already a category with this name.';
    }
    setErrors(next);
    if (parsed.success && !next.name) onSubmit({ name: parsed.data.name, description: parsed.data.description });
  };

  return (
    <form className="category-form" onSubmit={submit} noValidate>
      <TextField
        label="Name"
        value={draft.name}
        maxLength={100}
        autoFocus
        error={errors.name}
        onChange={(event) => setDraft({ ...draft, name: event.target.value })}
      />
      <TextAreaField
        label="Description"
        hint="Tells the summarizer when to use this category."
        value={draft.description}
        rows={2}
        maxLength={500}
        error={errors.description}
        onChange={(event) => setDraft({ ...draft, description: event.target.value })}
      />
      <div className="btn-row">
        <Button type="submit" variant="primary" size="sm" busy={busy}>
          {submitLabel}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
