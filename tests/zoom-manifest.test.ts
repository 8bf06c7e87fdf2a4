import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUBSCRIBED_EVENTS } from '../server/zoom/events';
import { loadZoomManifest } from '../server/zoom/manifest';

const manifest = loadZoomManifest();

describe('Zoom app manifest', () => {
  it('subscribes to exactly the events the webhook handler classifies', () => {
    const subscribed = manifest.features.event_subscription.events.flatMap((entry) => entry.event_types);
    expect([...subscribed].sort()).toEqual([...SUBSCRIBED_EVENTS].sort());
    for (const entry of manifest.features.event_subscription.events)
      expect(new URL(entry.production_webhook_url).pathname).toBe('/webhooks/zoom');
  });

  it('lists only capabilities that exist in the installed Zoom Apps SDK', () => {
    const sdkTypes = readFileSync(
      path.join(path.dirname(createRequire(import.meta.url).resolve('@zoom/appssdk')), 'sdk.d.ts'),
      'utf8',
    );
    const apis = new Set(
      [...(sdkTypes.match(/declare type Apis = ([^;]+);/)?.[1] ?? '').matchAll(/'(\w+)'/g)].map(
        (match) => match[1],
      ),
    );
    expect(apis.size).toBeGreaterThan(100);
    for (const api of manifest.features.in_client_feature.zoom_app_api.zoom_app_apis)
      expect(apis.has(api), api).toBe(true);
  });

  it('is a Contact Center app with in-client OAuth, its home at /panel, and only the read scopes it uses', () => {
    expect(manifest.features.products).toEqual(['ZOOM_CONTACT_CENTER']);
    expect(manifest.features.in_client_feature.in_client_oauth.enable).toBe(true);
    expect(new URL(manifest.features.production_home_uri).pathname).toBe('/panel');
    expect(manifest.oauth_information.oauth_allow_list).toContain(manifest.features.production_home_uri);
    expect(new URL(manifest.oauth_information.production_redirect_uri).pathname).toBe('/auth/zoom/callback');
    for (const { scope } of manifest.oauth_information.scopes) expect(scope).toMatch(/:read:/);
    expect(manifest.features.domain_allow_list.map((d) => d.domain)).toContain('appssdk.zoom.us');
  });
});
