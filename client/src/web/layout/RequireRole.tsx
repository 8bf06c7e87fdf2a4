import type { ReactNode } from 'react';
import type { Role } from '../../../../server/contract/api';
import { hasRole, ROLE_LABELS } from '../session/roles';
import { useSignedIn } from '../session/session-context';
import { ButtonLink } from '../ui/Button';
import { LockIcon } from '../ui/icons';

/** Pages a role cannot use are hidden from the navigation; reached directly, they explain why. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { user } = useSignedIn();
  if (hasRole(user.role, role)) return children;
  return <ForbiddenPage required={role} current={user.role} />;
}

export function ForbiddenPage({ required, current }: { required: Role; current: Role }) {
  const role = ROLE_LABELS[current].toLowerCase();
  const article = /^[aeiou]/.test(role) ? 'an' : 'a';
  return (
    <div className="page">
      <div className="card status-page">
        <div className="status-page-code">403</div>
        <div className="state-icon">
          <LockIcon size={22} />
        </div>
        <h1 className="page-title">You don&apos;t have access to this page</h1>
        <p className="muted">
          This page is for {required === 'admin' ? 'admins' : 'supervisors and admins'}. You are signed in as {article} {role}. Ask an admin of your organization if you need access.
        </p>
        <div className="btn-row">
          <ButtonLink to="/app" variant="primary">
            Go to engagements
          </ButtonLink>
        </div>
      </div>
    </div>
  );
}
