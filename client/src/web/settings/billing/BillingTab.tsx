import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { BillingView, PlanView } from '../../../../../server/contract/api';
import { api } from '../../../shared/api';
import { formatCount, formatDate, formatMoney, formatUsd, capitalize } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { useSignedIn } from '../../session/session-context';
import { Alert } from '../../ui/Alert';
import { Badge, type Tone } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { TextField } from '../../ui/Field';
import { CheckIcon, ExternalIcon } from '../../ui/icons';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { SettingsSection } from '../SettingsSection';
import { UsageMeter } from './UsageMeter';

const STATUS_TONES: Record<string, Tone> = {
  active: 'ok',
  trialing: 'accent',
  past_due: 'danger',
  unpaid: 'danger',
  canceled: 'neutral',
  incomplete: 'warn',
  none: 'neutral',
};

/** Statuses with a subscription Stripe still bills: plan and seat changes go through the portal, not a second Checkout. */
const LIVE_STATUSES = new Set(['active', 'trialing', 'past_due', 'unpaid']);
const ACTIVATION_POLL_MS = 2000;

/** What the end of the current period means for this status: only a subscription in good standing renews. */
function periodEndLabel(status: string): string {
  if (status === 'active') return 'Renews';
  if (status === 'trialing') return 'Trial ends';
  if (status === 'canceled') return 'Ended';
  return 'Period ends';
}

function statusLabel(status: string): string {
  return status === 'none' ? 'No subscription' : capitalize(status.replace(/_/g, ' '));
}

/** Leaves CallRecap for Stripe's hosted pages (checkout, portal); they send the admin back here. */
function goTo(url: string): void {
  window.location.assign(url);
}

export function BillingTab() {
  const { session } = useSignedIn();
  const billing = useResource<BillingView>('/api/billing');
  const enabled = session.billing.enabled && billing.data?.enabled !== false;
  const [params, setParams] = useSearchParams();
  const checkout = params.get('checkout');
  const { reload } = billing;
  // Back from Checkout before Stripe's webhook has arrived: look again until the subscription shows.
  const activating =
    checkout === 'success' && billing.data !== undefined && !LIVE_STATUSES.has(billing.data.status);
  useEffect(() => {
    if (!activating) return;
    const timer = setInterval(reload, ACTIVATION_POLL_MS);
    return () => clearInterval(timer);
  }, [activating, reload]);
  const clearCheckout = () => setParams({}, { replace: true });

  return (
    <SettingsSection title="Billing" description="Your plan, this period's summary usage, and invoices.">
      {!enabled && (
        <Alert tone="info" title="Billing is turned off on this CallRecap server.">
          The Free plan applies to everyone:{' '}
          {billing.data
            ? `${formatCount(billing.data.usage.limit)} summaries a month`
            : 'a monthly summary allowance'}
          , with no charge. Engagements beyond the allowance are recorded but not summarized until the next
          month.
        </Alert>
      )}
      {enabled && billing.data && checkout === 'success' && (
        <Alert
          tone={activating ? 'info' : 'ok'}
          title={
            activating
              ? 'Payment received. Activating your plan…'
              : `You're subscribed to ${billing.data.planName}.`
          }
          actions={
            <Button size="sm" variant="ghost" onClick={clearCheckout}>
              Dismiss
            </Button>
          }
        >
          {activating
            ? 'Stripe is confirming the subscription; this page updates by itself in a few seconds.'
            : `Thank you. ${formatCount(billing.data.usage.limit)} summaries a month are available from now on.`}
        </Alert>
      )}
      {enabled && checkout === 'cancelled' && (
        <Alert
          tone="info"
          title="Checkout cancelled."
          actions={
            <Button size="sm" variant="ghost" onClick={clearCheckout}>
              Dismiss
            </Button>
          }
        >
          Nothing was charged and your plan is unchanged.
        </Alert>
      )}
      {billing.error !== undefined && !billing.data ? (
        enabled ? (
          <div className="card">
            <ErrorState title="Could not load billing" error={billing.error} onRetry={billing.reload} />
          </div>
        ) : null
      ) : !billing.data ? (
        <div className="card card-body">
          <LoadingBlock label="Loading billing…" />
        </div>
      ) : (
        <BillingDetails billing={billing.data} enabled={enabled} />
      )}
    </SettingsSection>
  );
}

function BillingDetails({ billing, enabled }: { billing: BillingView; enabled: boolean }) {
  const portal = useAction();
  const openPortal = () =>
    void portal.run(async () => {
      const { url } = await api<{ url: string }>('/api/billing/portal', { method: 'POST' });
      goTo(url);
    });

  return (
    <div className="stack-lg">
      {enabled && billing.banner === 'payment_failed_grace' && (
        <Alert
          tone="danger"
          urgent
          title="Your last payment failed."
          actions={
            enabled ? (
              <Button size="sm" busy={portal.busy} onClick={openPortal}>
                Update payment method
              </Button>
            ) : undefined
          }
        >
          Everything keeps working{' '}
          {billing.graceEndsAt ? `until ${formatDate(billing.graceEndsAt)}` : 'for a short grace period'}.
          After that, the organization falls back to the Free plan&apos;s allowance until the payment goes
          through.
        </Alert>
      )}
      {enabled && billing.banner === 'paused' && (
        <Alert
          tone="warn"
          urgent
          title="Paid features are paused."
          actions={
            enabled ? (
              <Button size="sm" busy={portal.busy} onClick={openPortal}>
                Manage billing
              </Button>
            ) : undefined
          }
        >
          The payment grace period ended, so the Free plan&apos;s allowance applies. Settle the open invoice
          to restore your plan.
        </Alert>
      )}
      <div className="billing-overview">
        <Card
          title="Current plan"
          labelledBy="plan-title"
          actions={
            enabled && billing.status !== 'none' ? (
              <Button size="sm" icon={<ExternalIcon size={14} />} busy={portal.busy} onClick={openPortal}>
                Manage billing
              </Button>
            ) : undefined
          }
        >
          <div className="plan-summary">
            <p className="plan-name">
              {billing.planName}{' '}
              {billing.status !== 'none' && (
                <Badge tone={STATUS_TONES[billing.status] ?? 'neutral'}>{statusLabel(billing.status)}</Badge>
              )}
            </p>
            <dl className="kv">
              <dt>Seats</dt>
              <dd>{formatCount(billing.seats)}</dd>
              {billing.currentPeriodEnd && (
                <>
                  <dt>{periodEndLabel(billing.status)}</dt>
                  <dd>{formatDate(billing.currentPeriodEnd)}</dd>
                </>
              )}
            </dl>
          </div>
        </Card>
        <Card
          title="Usage this period"
          labelledBy="usage-title"
          subtitle={`Since ${formatDate(billing.usage.periodStart)}`}
        >
          <UsageMeter used={billing.usage.used} limit={billing.usage.limit} />
        </Card>
      </div>
      {enabled && billing.plans.length > 0 && (
        <Plans billing={billing} portal={{ busy: portal.busy, open: openPortal }} />
      )}
      {enabled && <Invoices invoices={billing.invoices} />}
    </div>
  );
}

function Plans({ billing, portal }: { billing: BillingView; portal: { busy: boolean; open: () => void } }) {
  // A second Checkout would start a second subscription: with one, changes happen in Stripe's portal.
  const subscribed = LIVE_STATUSES.has(billing.status);
  return (
    <section className="stack" aria-labelledby="plans-title">
      <h3 className="section-title" id="plans-title">
        Plans
      </h3>
      {subscribed && (
        <Alert
          tone="info"
          actions={
            <Button size="sm" icon={<ExternalIcon size={14} />} busy={portal.busy} onClick={portal.open}>
              Change plan or seats
            </Button>
          }
        >
          To switch plans, change the number of seats or cancel, use the Stripe billing portal. Changes are
          prorated by Stripe.
        </Alert>
      )}
      <div className="plan-grid">
        {billing.plans.map((plan) => (
          <PlanCard
            key={plan.id}
            plan={plan}
            current={plan.id === billing.plan}
            seats={billing.seats}
            canCheckout={!subscribed}
          />
        ))}
      </div>
    </section>
  );
}

function allowance(plan: PlanView): string {
  if (plan.summariesFlat !== null) return `${formatCount(plan.summariesFlat)} summaries a month`;
  if (plan.summariesPerSeat !== null)
    return `${formatCount(plan.summariesPerSeat)} summaries per seat a month`;
  return 'Unlimited summaries';
}

function PlanCard({
  plan,
  current,
  seats,
  canCheckout,
}: {
  plan: PlanView;
  current: boolean;
  seats: number;
  canCheckout: boolean;
}) {
  const [seatDraft, setSeatDraft] = useState(String(Math.max(1, seats)));
  const checkout = useAction();
  const seatCount = Number(seatDraft);
  const validSeats = Number.isInteger(seatCount) && seatCount >= 1 && seatCount <= 10_000;
  const free = plan.pricePerSeatUsd === 0;

  const choose = () =>
    void checkout.run(async () => {
      const { url } = await api<{ url: string }>('/api/billing/checkout', {
        method: 'POST',
        body: { planId: plan.id, seats: seatCount },
      });
      goTo(url);
    });

  return (
    <section
      className={current ? 'card plan-card is-current' : 'card plan-card'}
      aria-labelledby={`plan-${plan.id}`}
    >
      <div className="plan-card-head">
        <h4 id={`plan-${plan.id}`}>{plan.name}</h4>
        {current && <Badge tone="accent">Current plan</Badge>}
      </div>
      <p className="plan-price">
        {free ? (
          <>
            {formatUsd(0)}
            <span className="muted"> / month</span>
          </>
        ) : (
          <>
            {formatUsd(plan.pricePerSeatUsd)}
            <span className="muted"> / seat / month</span>
          </>
        )}
      </p>
      <p className="plan-allowance">{allowance(plan)}</p>
      <ul className="plan-features">
        {plan.features.map((feature) => (
          <li key={feature}>
            <CheckIcon size={14} /> {feature}
          </li>
        ))}
      </ul>
      {!free && canCheckout && (
        <form
          className="plan-checkout"
          onSubmit={(event) => {
            event.preventDefault();
            if (validSeats) choose();
          }}
        >
          <TextField
            label="Seats"
            type="number"
            min={1}
            max={10_000}
            step={1}
            inputMode="numeric"
            value={seatDraft}
            error={validSeats ? null : 'Enter a whole number of seats from 1 to 10,000.'}
            onChange={(event) => setSeatDraft(event.target.value)}
          />
          {validSeats && (
            <p className="muted plan-total">{formatUsd(plan.pricePerSeatUsd * seatCount)} a month</p>
          )}
          <Button
            type="submit"
            variant={current ? 'default' : 'primary'}
            busy={checkout.busy}
            disabled={!validSeats}
            block
          >
            {current ? 'Change seats' : `Choose ${plan.name}`}
          </Button>
        </form>
      )}
    </section>
  );
}

function Invoices({ invoices }: { invoices: BillingView['invoices'] }) {
  return (
    <Card title="Invoices" labelledBy="invoices-title" flush>
      {invoices.length === 0 ? (
        <EmptyState compact title="No invoices yet">
          Invoices appear here after your first payment.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Date</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">
                  <span className="visually-hidden">Link</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.id}>
                  <td className="mono">{invoice.number ?? invoice.id}</td>
                  <td>{formatDate(invoice.created)}</td>
                  <td>
                    <Badge
                      tone={invoice.status === 'paid' ? 'ok' : invoice.status === 'open' ? 'warn' : 'neutral'}
                    >
                      {statusLabel(invoice.status ?? 'none')}
                    </Badge>
                  </td>
                  <td className="num">{formatMoney(invoice.amountDue, invoice.currency)}</td>
                  <td>
                    {invoice.hostedInvoiceUrl && (
                      <a
                        href={invoice.hostedInvoiceUrl}
                        target="_blank"
                        rel="noreferrer"
                        className="inline-icon"
                      >
                        {invoice.status === 'open' ? 'Pay' : 'View'} <ExternalIcon size={13} />
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
