import { useState } from 'react';
import type { CategoryView } from '../../../../../server/contract/api';
import { api } from '../../../shared/api';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ArrowDownIcon, ArrowUpIcon, EditIcon, PlusIcon, TagIcon, TrashIcon } from '../../ui/icons';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/States';
import { SettingsSection } from '../SettingsSection';
import { CategoryForm, type CategoryDraft } from './CategoryForm';

type Editing = { kind: 'new' } | { kind: 'edit'; id: string } | null;

function byPosition(items: CategoryView[]): CategoryView[] {
  return [...items].sort((a, b) => a.position - b.position);
}

/** The organization's categories: the summarizer files each engagement under one of them, in this order. */
export function CategoriesTab() {
  const categories = useResource<{ items: CategoryView[] }>('/api/categories');
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<CategoryView | null>(null);
  const save = useAction();
  const remove = useAction();
  const toast = useToast();
  const [moving, setMoving] = useState(false);

  const items = byPosition(categories.data?.items ?? []);
  const namesExcept = (id?: string) => items.filter((c) => c.id !== id).map((c) => c.name.toLowerCase());

  const create = (draft: CategoryDraft) =>
    void save.run(async () => {
        const created = await api<CategoryView>('/api/categories', { method: 'POST', body: draft });
        categories.setData((current) => ({ items: [...current.items, created] }));
        setEditing(null);
      }, `Category “${draft.name}” added.`);

  const update = (id: string, draft: CategoryDraft) =>
    void save.run(async () => {
      const updated = await api<CategoryView>(`/api/categories/${id}`, { method: 'PUT', body: draft });
      categories.setData((current) => ({ items: current.items.map((c) => (c.id === id ? updated : c)) }));
      setEditing(null);
    }, 'Category saved.');

  const confirmDelete = () =>
    void remove.run(async () => {
      if (!deleting) return;
      await api(`/api/categories/${deleting.id}`, { method: 'DELETE' });
      categories.setData((current) => ({ items: current.items.filter((c) => c.id !== deleting.id) }));
      setDeleting(null);
    }, `Category “${deleting?.name ?? ''}” deleted.`);

  const move = async (index: number, offset: -1 | 1) => {
    const reordered = [...items];
    const [item] = reordered.splice(index, 1);
    if (!item) return;
    reordered.splice(index + offset, 0, item);
    const previous = items;
    // Show the new order at once; put the old one back if the server refuses.
    categories.setData(() => ({ items: reordered.map((c, position) => ({ ...c, position })) }));
    setMoving(true);
    try {
      const result = await api<{ items: CategoryView[] }>('/api/categories/order', { method: 'PUT', body: { ids: reordered.map((c) => c.id) } });
      categories.setData(() => result);
      toast.info(`Moved “${item.name}” ${offset < 0 ? 'up' : 'down'}.`);
    } catch (error) {
      categories.setData(() => ({ items: previous }));
      toast.error(errorMessage(error));
    } finally {
      setMoving(false);
    }
  };

  return (
    <SettingsSection
      title="Categories"
      description="Every summary is filed under one of these. The summarizer reads the descriptions to choose, and lists follow this order."
      actions={
        <Button variant="primary" icon={<PlusIcon size={15} />} onClick={() => setEditing({ kind: 'new' })} disabled={editing?.kind === 'new' || !categories.data}>
          Add category
        </Button>
      }
    >
      <div className="card">
        {categories.error !== undefined && !categories.data ? (
          <ErrorState title="Could not load categories" error={categories.error} onRetry={categories.reload} />
        ) : !categories.data ? (
          <div className="card-body">
            <LoadingBlock label="Loading categories…" />
          </div>
        ) : (
          <>
            {editing?.kind === 'new' && (
              <div className="category-new">
                <h3 className="section-title">New category</h3>
                <CategoryForm
                  initial={{ name: '', description: '' }}
                  takenNames={namesExcept()}
                  submitLabel="Add category"
                  busy={save.busy}
                  onSubmit={create}
                  onCancel={() => setEditing(null)}
                />
              </div>
            )}
            {items.length === 0 && editing?.kind !== 'new' ? (
              <EmptyState title="No categories yet" icon={<TagIcon size={22} />}>
                Add the reasons your customers get in touch, such as Billing or Technical Support.
              </EmptyState>
            ) : (
              <ol className="category-list" aria-label="Categories in order">
                {items.map((category, index) => (
                  <li key={category.id} className="category-row">
                    <span className="category-position" aria-hidden="true">
                      {index + 1}
                    </span>
                    {editing?.kind === 'edit' && editing.id === category.id ? (
                      <div className="category-main">
                        <CategoryForm
                          initial={{ name: category.name, description: category.description }}
                          takenNames={namesExcept(category.id)}
                          submitLabel="Save"
                          busy={save.busy}
                          onSubmit={(draft) => update(category.id, draft)}
                          onCancel={() => setEditing(null)}
                        />
                      </div>
                    ) : (
                      <>
                        <div className="category-main">
                          <p className="category-name">{category.name}</p>
                          <p className="muted category-description">{category.description || 'No description.'}</p>
                        </div>
                        <div className="category-tools">
                          <Button
                            size="sm"
                            variant="ghost"
                            iconOnly
                            aria-label={`Move ${category.name} up`}
                            title="Move up"
                            disabled={index === 0 || moving}
                            onClick={() => void move(index, -1)}
                          >
                            <ArrowUpIcon size={15} />
                          </Button>
                          <Button
                            size="sm"
                            variant="ghost"
                            iconOnly
                            aria-label={`Move ${category.name} down`}
                            title="Move down"
                            disabled={index === items.length - 1 || moving}
                            onClick={() => void move(index, 1)}
                          >
                            <ArrowDownIcon size={15} />
                          </Button>
                          <Button size="sm" variant="ghost" icon={<EditIcon size={14} />} aria-label={`Edit ${category.name}`} onClick={() => setEditing({ kind: 'edit', id: category.id })}>
                            Edit
                          </Button>
                          <Button size="sm" variant="danger-ghost" icon={<TrashIcon size={14} />} aria-label={`Delete ${category.name}`} onClick={() => setDeleting(category)}>
                            Delete
                          </Button>
                        </div>
                      </>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete category"
        busy={remove.busy}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      >
        <p>New summaries will no longer be filed under it. Summaries that already use it keep their category, so reports and filters still show them.</p>
      </ConfirmDialog>
    </SettingsSection>
  );
}
