import type { Role, UserView } from '../../../../../server/contract/api';
import { roleSchema } from '../../../../../server/contract/api';
import { api } from '../../../shared/api';
import { DASH, formatDateTime, initials } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { ROLE_LABELS } from '../../session/roles';
import { useSignedIn } from '../../session/session-context';
import { Badge } from '../../ui/Badge';
import { SelectField } from '../../ui/Field';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { SettingsSection } from '../SettingsSection';

const ROLE_HELP: Record<Role, string> = {
  agent: 'their own engagements',
  supervisor: 'all engagements and analytics',
  admin: 'everything, including settings',
};

/** Who uses CallRecap and with which role. People appear after their first sign-in with Zoom. */
export function UsersTab() {
  const users = useResource<{ items: UserView[] }>('/api/users');
  const { user: me } = useSignedIn();
  const { busy, run } = useAction();

  const changeRole = (person: UserView, role: Role) =>
    void run(async () => {
      const updated = await api<UserView>(`/api/users/${person.id}/role`, { method: 'PUT', body: { role } });
      users.setData((current) => ({ items: current.items.map((u) => (u.id === person.id ? updated : u)) }));
    }, `${person.name} is now ${role === 'admin' ? 'an' : 'a'} ${ROLE_LABELS[role].toLowerCase()}.`);

  const items = [...(users.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <SettingsSection
      title="Users & roles"
      description={
        <>
          Agents see {ROLE_HELP.agent}; supervisors see {ROLE_HELP.supervisor}; admins see {ROLE_HELP.admin}. People are added when they first
          sign in with Zoom, with a role matching their Zoom Contact Center role.
        </>
      }
    >
      <div className="card">
        {users.error !== undefined && !users.data ? (
          <ErrorState title="Could not load users" error={users.error} onRetry={users.reload} />
        ) : !users.data ? (
          <div className="card-body">
            <LoadingBlock label="Loading users…" />
          </div>
        ) : items.length === 0 ? (
          <EmptyState title="No users yet">People appear here after they sign in with Zoom.</EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table table-middle">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Contact Center role</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">CallRecap role</th>
                </tr>
              </thead>
              <tbody>
                {items.map((person) => (
                  <tr key={person.id}>
                    <td>
                      <span className="user-cell">
                        <span className="avatar">{initials(person.name)}</span>
                        <span>
                          <span className="cell-main">
                            {person.name} {person.id === me.id && <Badge tone="accent">You</Badge>}
                          </span>
                          <span className="cell-sub">{person.email ?? 'No email'}</span>
                        </span>
                      </span>
                    </td>
                    <td>{person.contactCenterRole ?? DASH}</td>
                    <td className="nowrap">{person.lastSignInAt ? formatDateTime(person.lastSignInAt) : 'Never'}</td>
                    <td className="role-cell">
                      <SelectField
                        label={`Role of ${person.name}`}
                        hideLabel
                        value={person.role}
                        disabled={busy || person.id === me.id}
                        title={person.id === me.id ? 'You cannot change your own role; ask another admin.' : undefined}
                        options={roleSchema.options.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
                        onChange={(event) => changeRole(person, event.target.value as Role)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </SettingsSection>
  );
}
