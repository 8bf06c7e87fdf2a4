import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { IntegrationView } from '../../../../../server/contract/api';
import { api } from '../../../shared/api';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button, ButtonAnchor } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SelectField } from '../../ui/Field';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { SettingsSection } from '../SettingsSection';
import { CrmLogo } from './CrmLogo';

const NAMES = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;
const BLURBS = {
  hubspot:
    'Approved summaries are logged as calls on the matching HubSpot contact, with key points and action items in the call notes.',
  salesforce:
    'Approved summaries are logged as completed call tasks on the matching Salesforce contact or lead.',
} as const;

type Kind = IntegrationView['kind'];

function connectUrl(kind: Kind, environment: 'production' | 'sandbox'): string {
  return kind === 'salesforce'
    ? `/auth/crm/salesforce/connect?environment=${environment}`
    : '/auth/crm/hubspot/connect';
}

/** Connect, check and disconnect the CRMs summaries are written to. */
export function IntegrationsTab() {
  const integrations = useResource<{ items: IntegrationView[] }>('/api/integrations');
  const [params, setParams] = useSearchParams();
  const connected = params.get('connected');
  const failure = params.get('error');
  const clearFeedback = () => setParams({}, { replace: true });

  return (
    <SettingsSection
      title="Integrations"
      description="Where approved summaries are written. Connect one CRM or both; each is matched to the customer by phone number or email."
    >
      <div className="stack">
        {connected && (connected === 'hubspot' || connected === 'salesforce') && (
          <Alert
            tone="ok"
            title={`${NAMES[connected]} is connected.`}
            actions={<DismissButton onClick={clearFeedback} />}
          >
            Approved summaries will be written to {NAMES[connected]} from now on.
          </Alert>
        )}
        {failure && (
          <Alert
            tone="danger"
            urgent
            title="The CRM was not connected."
            actions={<DismissButton onClick={clearFeedback} />}
          >
            {failure}
          </Alert>
        )}
        {integrations.error !== undefined && !integrations.data ? (
          <div className="card">
            <ErrorState
              title="Could not load integrations"
              error={integrations.error}
              onRetry={integrations.reload}
            />
          </div>
        ) : !integrations.data ? (
          <div className="integration-grid">
            <div className="card card-body">
              <LoadingBlock lines={5} label="Loading integrations…" />
            </div>
            <div className="card card-body">
              <LoadingBlock lines={5} label="Loading integrations…" />
            </div>
          </div>
        ) : (
          <div className="integration-grid">
            {integrations.data.items.map((item) => (
              <IntegrationCard
                key={item.kind}
                item={item}
                onDisconnected={() => {
                  integrations.setData((current) => ({
                    items: current.items.map((i) => (i.kind === item.kind ? { ...i, connection: null } : i)),
                  }));
                  // "Salesforce is connected." must not stay on screen above a Salesforce that no longer is.
                  if (connected === item.kind) clearFeedback();
                }}
              />
            ))}
          </div>
        )}
      </div>
    </SettingsSection>
  );
}

function DismissButton({ onClick }: { onClick: () => void }) {
  return (
    <Button size="sm" variant="ghost" onClick={onClick}>
      Dismiss
    </Button>
  );
}

function IntegrationCard({ item, onDisconnected }: { item: IntegrationView; onDisconnected: () => void }) {
  const [environment, setEnvironment] = useState<'production' | 'sandbox'>(
    item.connection?.environment ?? 'production',
  );
  const [confirming, setConfirming] = useState(false);
  const { busy, run } = useAction();
  const name = NAMES[item.kind];
  const connection = item.connection;

  const disconnect = () =>
    void run(async () => {
      await api(`/api/integrations/${item.kind}`, { method: 'DELETE' });
      setConfirming(false);
      onDisconnected();
    }, `${name} disconnected.`);

  const status = !item.available ? (
    <Badge>Not available</Badge>
  ) : !connection ? (
    <Badge tone="outline">Not connected</Badge>
  ) : connection.status === 'connected' ? (
    <Badge tone="ok" dot>
      Connected
    </Badge>
  ) : (
    <Badge tone="danger" dot>
      Needs reconnecting
    </Badge>
  );

  return (
    <section className="card integration-card" aria-labelledby={`integration-${item.kind}`}>
      <div className="integration-head">
        <CrmLogo kind={item.kind} />
        <div className="integration-title">
          <h3 id={`integration-${item.kind}`}>{name}</h3>
          {status}
        </div>
      </div>
      <p className="muted">{BLURBS[item.kind]}</p>
      {!item.available ? (
        <p className="muted integration-note">
          This server has no {name} app credentials, so {name} cannot be connected here. Ask your CallRecap
          operator.
        </p>
      ) : connection ? (
        <>
          {connection.status === 'reauth_required' && (
            <Alert tone="danger" title={`${name} stopped accepting CallRecap's access.`}>
              {connection.statusReason ?? 'Reconnect to resume syncing.'} Summaries wait and sync once you
              reconnect.
            </Alert>
          )}
          <dl className="kv">
            {connection.externalAccountId && (
              <>
                <dt>{item.kind === 'hubspot' ? 'Portal' : 'Org'}</dt>
                <dd className="mono">{connection.externalAccountId}</dd>
              </>
            )}
            {item.kind === 'salesforce' && (
              <>
                <dt>Environment</dt>
                <dd>{connection.environment === 'sandbox' ? 'Sandbox' : 'Production'}</dd>
              </>
            )}
            <dt>Connected</dt>
            <dd>
              {formatDateTime(connection.connectedAt, { withYear: true })}
              {connection.connectedBy && ` by ${connection.connectedBy}`}
            </dd>
          </dl>
          <div className="btn-row integration-actions">
            {connection.status === 'reauth_required' && (
              <ButtonAnchor variant="primary" href={connectUrl(item.kind, connection.environment)}>
                Reconnect {name}
              </ButtonAnchor>
            )}
            <Button variant="danger-ghost" onClick={() => setConfirming(true)}>
              Disconnect
            </Button>
          </div>
        </>
      ) : (
        <div className="integration-connect">
          {item.kind === 'salesforce' && (
            <SelectField
              label="Salesforce environment"
              value={environment}
              onChange={(event) => setEnvironment(event.target.value as 'production' | 'sandbox')}
              options={[
                { value: 'production', label: 'Production (login.salesforce.com)' },
                { value: 'sandbox', label: 'Sandbox (test.salesforce.com)' },
              ]}
            />
          )}
          <ButtonAnchor variant="primary" href={connectUrl(item.kind, environment)}>
            Connect {name}
          </ButtonAnchor>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Disconnect ${name}?`}
        confirmLabel={`Disconnect ${name}`}
        busy={busy}
        onConfirm={disconnect}
        onCancel={() => setConfirming(false)}
      >
        <p>
          CallRecap revokes its access at {name} and stops writing summaries there. Records already created in{' '}
          {name} stay. You can connect again at any time.
        </p>
      </ConfirmDialog>
    </section>
  );
}
