import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The Zoom app manifest (manifest/manifest.json), in the `{ manifest: {...} }` shape that
 * PUT /v2/marketplace/apps/{appId}/manifest takes. Parsed so a test can hold its URLs, events and
 * SDK capabilities against the code that serves them.
 */

export const MANIFEST_PATH = fileURLToPath(new URL('../../manifest/manifest.json', import.meta.url));

const httpsUrl = z.url({ protocol: /^https$/ });

const manifestSchema = z.looseObject({
  display_information: z.looseObject({ display_name: z.string().min(1), description: z.string().optional() }),
  oauth_information: z.looseObject({
    usage: z.enum(['USER_OPERATION', 'ADMIN_MANAGEMENT']),
    development_redirect_uri: httpsUrl,
    production_redirect_uri: httpsUrl,
    oauth_allow_list: z.array(httpsUrl),
    scopes: z.array(z.looseObject({ scope: z.string().min(1), optional: z.boolean() })),
  }),
  features: z.looseObject({
    products: z.array(z.string()).min(1),
    development_home_uri: httpsUrl,
    production_home_uri: httpsUrl,
    domain_allow_list: z.array(z.looseObject({ domain: z.string().min(1), explanation: z.string() })),
    in_client_feature: z.looseObject({
      zoom_app_api: z.looseObject({ enable: z.boolean(), zoom_app_apis: z.array(z.string()) }),
      in_client_oauth: z.looseObject({ enable: z.boolean() }),
    }),
    event_subscription: z.looseObject({
      enable: z.boolean(),
      events: z.array(
        z.looseObject({
          subscription_name: z.string().min(1),
          event_types: z.array(z.string()).min(1),
          development_webhook_url: httpsUrl,
          production_webhook_url: httpsUrl,
        }),
      ),
    }),
  }),
});

export const manifestFileSchema = z.object({ manifest: manifestSchema });
export type ZoomAppManifest = z.infer<typeof manifestSchema>;

/** The manifest body (inside the `manifest` wrapper); throws if the file is missing or malformed. */
export function loadZoomManifest(path = MANIFEST_PATH): ZoomAppManifest {
  return manifestFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).manifest;
}
