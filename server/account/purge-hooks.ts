import { organizations } from '../../db/schema';
import { withOrg } from '../../db/tenant';
import { crmKindSchema } from '../crm/adapter';
import { crmApps, decryptCredentials, loadCrmConnection } from '../crm/connections';
import { CrmAuthError } from '../crm/errors';
import { defaultAdapterFactory, type AdapterFactory } from '../crm/sync';
import type { Services } from '../services';
import { cancelStripeSubscription } from './stripe-subscription';

/**
 * What a deletion must undo outside our database before the rows go, as replaceable functions: the
 * billing module can hand in its own gateway, tests can observe the calls.
 */
export interface PurgeHooks {
  /** Revokes the organization's CRM grants at each CRM (our encrypted copies go with the rows). */
  revokeCrmConnections: (orgId: string) => Promise<void>;
  /** Cancels the organization's subscription at the payment processor, effective immediately. */
  cancelSubscription: (orgId: string) => Promise<void>;
}

export function defaultPurgeHooks(services: Services, adapterFactory: AdapterFactory = defaultAdapterFactory): PurgeHooks {
  return {
    revokeCrmConnections: (orgId) => revokeCrmGrants(services, orgId, adapterFactory),
    cancelSubscription: (orgId) => cancelSubscriptionAtStripe(services, orgId),
  };
}

async function revokeCrmGrants(services: Services, orgId: string, adapterFactory: AdapterFactory): Promise<void> {
  const apps = crmApps(services.config);
  for (const kind of crmKindSchema.options) {
    const loaded = await withOrg(services.db, orgId, (tx) => loadCrmConnection(tx, kind));
    if (!loaded) continue;
    if (!apps[kind]) {
      // Without the CRM app's client id and secret nobody can call the CRM's revoke endpoint.
      services.log.warn({ orgId, crm: kind }, 'CRM not configured on this server: the grant is deleted here but cannot be revoked at the CRM');
      continue;
    }
    const adapter = adapterFactory(services, orgId, kind, loaded.credential.id, decryptCredentials(services.secrets, loaded.credential));
    try {
      await adapter.revoke();
    } catch (error) {
      // The CRM already refuses this grant (revoked there, or expired beyond refresh): nothing left to revoke.
      if (!(error instanceof CrmAuthError)) throw error;
    }
  }
}

async function cancelSubscriptionAtStripe(services: Services, orgId: string): Promise<void> {
  const { secretKey, apiBaseUrl } = services.config.stripe;
  if (!secretKey) return; // billing is not configured on this server, so no subscription can exist
  const [org] = await withOrg(services.db, orgId, (tx) =>
    tx.select({ subscriptionId: organizations.stripeSubscriptionId, status: organizations.subscriptionStatus }).from(organizations),
  );
  if (!org?.subscriptionId || org.status === 'canceled' || org.status === 'incomplete_expired') return;
  await cancelStripeSubscription({ secretKey, ...(apiBaseUrl ? { apiBaseUrl } : {}) }, org.subscriptionId);
}
