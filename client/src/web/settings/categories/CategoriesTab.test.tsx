import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CategoryView } from '../../../../../server/contract/api';
import { categories } from '../../test/fixtures';
import { renderApp, sessionFor, type StubRequest } from '../../test/harness';

/** A small in-memory categories API, so the editor can be driven through add, edit, reorder and delete. */
function categoriesApi(options: { failOrder?: boolean } = {}) {
  let items: CategoryView[] = categories();
  return {
    'GET /api/categories': () => ({ body: { items } }),
    'POST /api/categories': (request: StubRequest) => {
      const input = request.body as { name: string; description: string };
      const created = { id: '66666666-6666-4666-8666-666666666666', ...input, position: items.length };
      items = [...items, created];
      return { body: created };
    },
    [`PUT /api/categories/${categories()[0]!.id}`]: (request: StubRequest) => {
      const input = request.body as { name: string; description: string };
      items = items.map((c, i) => (i === 0 ? { ...c, ...input } : c));
      return { body: items[0] };
    },
    'PUT /api/categories/order': (request: StubRequest) => {
      if (options.failOrder) return { status: 500, body: { error: { code: 'internal', message: 'The database is unavailable.' } } };
      const ids = (request.body as { ids: string[] }).ids;
      items = ids.map((id, position) => ({ ...items.find((c) => c.id === id)!, position }));
      return { body: { items } };
    },
    [`DELETE /api/categories/${categories()[2]!.id}`]: () => {
      items = items.filter((c) => c.name !== 'Sales');
      return { status: 204 };
    },
  };
}

const names = () => within(screen.getByRole('list', { name: 'Categories in order' })).getAllByRole('listitem').map((li) => li.querySelector('.category-name')?.textContent);

describe('settings: categories editor', () => {
  it('edits a category inline and sends the trimmed values', async () => {
    const user = userEvent.setup();
    const { api } = renderApp('/app/settings/categories', sessionFor('admin'), categoriesApi());
    await user.click(await screen.findByRole('button', { name: 'Edit Billing' }));
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, '  Billing & Payments ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(names()[0]).toBe('Billing & Payments'));
    const put = api.requests.find((r) => r.method === 'PUT' && r.path.startsWith('/api/categories/5'));
    expect(put?.body).toEqual({ name: 'Billing & Payments', description: 'Billing questions.' });
    expect(await screen.findByText('Category saved.')).toBeTruthy();
  });

  it('refuses an empty or duplicate name before calling the API', async () => {
    const user = userEvent.setup();
    const { api } = renderApp('/app/settings/categories', sessionFor('admin'), categoriesApi());
    await user.click(await screen.findByRole('button', { name: 'Add category' }));
    const form = screen.getByRole('heading', { name: 'New category' }).parentElement!;
    await user.click(within(form).getByRole('button', { name: 'Add category' }));
    expect(within(form).getByText('Give the category a name.')).toBeTruthy();
    await user.type(within(form).getByLabelText('Name'), 'sales');
    await user.click(within(form).getByRole('button', { name: 'Add category' }));
    expect(within(form).getByText('There is already a category with this name.')).toBeTruthy();
    expect(within(form).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.clear(within(form).getByLabelText('Name'));
    await user.type(within(form).getByLabelText('Name'), 'Shipping');
    await user.click(within(form).getByRole('button', { name: 'Add category' }));
    await waitFor(() => expect(names().at(-1)).toBe('Shipping'));
  });

  it('moves a category down and saves the whole order', async () => {
    const user = userEvent.setup();
    const { api } = renderApp('/app/settings/categories', sessionFor('admin'), categoriesApi());
    await user.click(await screen.findByRole('button', { name: 'Move Billing down' }));
    await waitFor(() => expect(names()).toEqual(['Technical Support', 'Billing', 'Sales']));
    const order = api.requests.find((r) => r.path === '/api/categories/order');
    expect(order?.body).toEqual({ ids: [categories()[1]!.id, categories()[0]!.id, categories()[2]!.id] });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Move Technical Support up' }).disabled).toBe(true);
  });

  it('puts the old order back when the server refuses the new one', async () => {
    const user = userEvent.setup();
    renderApp('/app/settings/categories', sessionFor('admin'), categoriesApi({ failOrder: true }));
    await user.click(await screen.findByRole('button', { name: 'Move Sales up' }));
    expect(await screen.findByText('The database is unavailable.')).toBeTruthy();
    expect(names()).toEqual(['Billing', 'Technical Support', 'Sales']);
  });

  it('deletes only after the confirmation dialog, and Cancel keeps it', async () => {
    const user = userEvent.setup();
    const { api } = renderApp('/app/settings/categories', sessionFor('admin'), categoriesApi());
    await user.click(await screen.findByRole('button', { name: 'Delete Sales' }));
    let dialog = screen.getByRole('alertdialog', { name: 'Delete “Sales”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(names()).toContain('Sales');

    await user.click(screen.getByRole('button', { name: 'Delete Sales' }));
    dialog = screen.getByRole('alertdialog', { name: 'Delete “Sales”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete category' }));
    await waitFor(() => expect(names()).toEqual(['Billing', 'Technical Support']));
    expect(api.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });
});
