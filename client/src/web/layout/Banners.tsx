import { Link, useLocation } from 'react-router';
import type { NotificationView } from '../../../../server/contract/api';
import { api } from '../../shared/api';
import { formatDate } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { hasRole } from '../session/roles';
import { useSignedIn } from '../session/session-context';
import { Alert, type AlertTone } from '../ui/Alert';
import { CloseIcon } from '../ui/icons';
import { useToast } from '../ui/Toast';
import { errorMessage } from '../ui/States';

interface NotificationLook {
  tone: AlertTone;
  action?: { label: string; to: string; external?: boolean };
}

function lookOf(kind: string, returnTo: string): NotificationLook {
  switch (kind) {
    case 'usage_limit_reached':
      return { tone: 'warn', action: { label: 'See usage', to: '/app/settings/billing' } };
    case 'crm_reauth_required':
      return { tone: 'danger', action: { label: 'Open integrations', to: '/app/settings/integrations' } };
    case 'zoom_reauth_required':
      return {
        tone: 'danger',
        action: {
          label: 'Re-authorize Zoom',
          to: `/auth/zoom?returnTo=${encodeURIComponent(returnTo)}`,
          external: true,
        },
      };
    case 'payment_failed':
      return { tone: 'danger', action: { label: 'Update billing', to: '/app/settings/billing' } };
    default:
      return { tone: 'info' };
  }
}

/** Org-wide states everyone should see (deletion scheduled, Zoom access lost) and dismissible notifications. */
export function Banners() {
  const { user, org } = useSignedIn();
  const { pathname } = useLocation();
  const toast = useToast();
  const isAdmin = hasRole(user.role, 'admin');
  const notifications = useResource<{ items: NotificationView[] }>('/api/notifications');

  const dismiss = async (id: string) => {
    notifications.setData((current) => ({ items: current.items.filter((item) => item.id !== id) }));
    try {
      await api(`/api/notifications/${encodeURIComponent(id)}/dismiss`, { method: 'POST' });
    } catch (error) {
      toast.error(errorMessage(error));
      notifications.reload();
    }
  };

  // One message per problem: the Zoom banner below says this, and so does the Billing page's own alert.
  const onBilling = pathname.startsWith('/app/settings/billing');
  const items = (notifications.data?.items ?? []).filter(
    (item) =>
      !(org.zoomReauthRequired && item.kind === 'zoom_reauth_required') &&
      !(onBilling && item.kind === 'payment_failed'),
  );
  if (!org.deletionScheduledFor && !org.zoomReauthRequired && items.length === 0) return null;

  return (
    <div className="banners" aria-label="Notices">
      {org.deletionScheduledFor && (
        <Alert
          tone="warn"
          title={`${org.name} is scheduled for deletion on ${formatDate(org.deletionScheduledFor)}.`}
          actions={
            // On Account itself the page's own button cancels; a link to the same page would do nothing.
            isAdmin && !pathname.startsWith('/app/settings/account') ? (
              <Link className="btn btn-sm" to="/app/settings/account">
                Cancel deletion
              </Link>
            ) : undefined
          }
        >
          Everything keeps working until then; after that date all of the organization&apos;s data is
          permanently removed.
          {!isAdmin && ' An admin can cancel the deletion in Settings.'}
        </Alert>
      )}
      {org.zoomReauthRequired && (
        <Alert
          tone="danger"
          title="CallRecap lost access to Zoom."
          actions={
            isAdmin ? (
              <a className="btn btn-sm" href={`/auth/zoom?returnTo=${encodeURIComponent(pathname)}`}>
                Re-authorize Zoom
              </a>
            ) : undefined
          }
        >
          New engagements are not being summarized until{' '}
          {isAdmin ? 'you sign in with Zoom again' : 'an admin signs in with Zoom again'}.
        </Alert>
      )}
      {items.map((item) => {
        const look = lookOf(item.kind, pathname);
        // Settings links would only lead non-admins to a 403 page.
        const action =
          look.action && (isAdmin || !look.action.to.startsWith('/app/settings')) ? look.action : undefined;
        return (
          <Alert
            key={item.id}
            tone={look.tone}
            actions={
              <>
                {action &&
                  (action.external ? (
                    <a className="btn btn-sm" href={action.to}>
                      {action.label}
                    </a>
                  ) : (
                    <Link className="btn btn-sm" to={action.to}>
                      {action.label}
                    </Link>
                  ))}
                <button
                  type="button"
                  className="btn btn-sm btn-ghost btn-icon"
                  aria-label="Dismiss notification"
                  onClick={() => void dismiss(item.id)}
                >
                  <CloseIcon size={15} />
                </button>
              </>
            }
          >
            {item.message}
          </Alert>
        );
      })}
    </div>
  );
}
