import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else receives a typed `Config`.
 * Local development needs nothing set; production refuses to start without its secrets.
 */

const optional = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optional,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),

  DATABASE_URL: optional,
  DATABASE_APP_URL: optional,
  DATABASE_APP_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('callrecap_app'),
  DATABASE_APP_PASSWORD: optional,
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  CALLRECAP_DATA_DIR: optional,

  SESSION_SECRET: optional,
  TOKEN_ENCRYPTION_KEYS: optional,
  METRICS_TOKEN: optional,

  ZOOM_CLIENT_ID: optional,
  ZOOM_CLIENT_SECRET: optional,
  ZOOM_WEBHOOK_SECRET_TOKEN: optional,
  ZOOM_API_BASE_URL: z.string().url().default('https://api.zoom.us/v2'),
  ZOOM_OAUTH_BASE_URL: z.string().url().default('https://zoom.us'),

  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optional,
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),

  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  STRIPE_API_BASE_URL: optional,

  HUBSPOT_CLIENT_ID: optional,
  HUBSPOT_CLIENT_SECRET: optional,
  HUBSPOT_API_BASE_URL: optional,
  HUBSPOT_OAUTH_BASE_URL: optional,
  SALESFORCE_CLIENT_ID: optional,
  SALESFORCE_CLIENT_SECRET: optional,
  SALESFORCE_LOGIN_URL: optional,
  SALESFORCE_SANDBOX_LOGIN_URL: optional,

  SENTRY_DSN: optional,
  ANALYTICS_OPT_IN: z.enum(['true', 'false']).default('false'),
  DEMO_MODE: z.enum(['true', 'false']).optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),

  // Abuse limits (server/http/rate-limit.ts, server/billing/ai-spend.ts). A limit of 0 turns that limit off.
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  RATE_LIMIT_API_PER_USER: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_API_PER_ORG: z.coerce.number().int().min(0).default(3000),
  RATE_LIMIT_AUTH_PER_IP: z.coerce.number().int().min(0).default(300),
  RATE_LIMIT_RETRY_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  RATE_LIMIT_RETRY_PER_USER: z.coerce.number().int().min(0).default(30),
  RATE_LIMIT_RETRY_PER_ORG: z.coerce.number().int().min(0).default(100),
  AI_SPEND_CAP_USD_PER_DAY: z.coerce.number().min(0).default(25),
});

/** Secrets production cannot run without; each is named when missing. */
const REQUIRED_IN_PRODUCTION = [
  'DATABASE_URL',
  'DATABASE_APP_URL',
  'PUBLIC_URL',
  'SESSION_SECRET',
  'TOKEN_ENCRYPTION_KEYS',
  'METRICS_TOKEN',
  'ZOOM_CLIENT_ID',
  'ZOOM_CLIENT_SECRET',
  'ZOOM_WEBHOOK_SECRET_TOKEN',
] as const;

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly missing: string[] = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

// Development-only defaults: fixed, clearly labelled, and refused in production.
const DEV_SESSION_SECRET = 'callrecap-development-session-secret-not-for-production';
const DEV_ENCRYPTION_KEY = 'dev:' + Buffer.alloc(32, 7).toString('base64');
const DEV_ZOOM = { clientId: 'dev-zoom-client-id', clientSecret: 'dev-zoom-client-secret', webhookSecret: 'dev-zoom-webhook-secret' };

function parseEncryptionKeys(raw: string): EncryptionKey[] {
  const keys = raw.split(',').map((entry) => {
    const [id, material] = entry.trim().split(':');
    if (!id || !material || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new ConfigError('TOKEN_ENCRYPTION_KEYS must look like "keyid:base64key[,olderid:base64key]".');
    }
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) throw new ConfigError(`TOKEN_ENCRYPTION_KEYS: key "${id}" must be 32 bytes (base64).`);
    return { id, key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new ConfigError('TOKEN_ENCRYPTION_KEYS: key ids must be unique.');
  return keys;
}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    const missing = REQUIRED_IN_PRODUCTION.filter((name) => !e[name]);
    if (missing.length > 0) {
      throw new ConfigError(
        `CallRecap will not start in production without: ${missing.join(', ')}. See .env.example for what each one is.`,
        [...missing],
      );
    }
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const encryptionKeys = parseEncryptionKeys(e.TOKEN_ENCRYPTION_KEYS ?? DEV_ENCRYPTION_KEY);

  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    publicUrl,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    demoMode: e.DEMO_MODE ? e.DEMO_MODE === 'true' : !production,
    database: {
      url: e.DATABASE_URL,
      appUrl: e.DATABASE_APP_URL,
      appRole: e.DATABASE_APP_ROLE,
      appPassword: e.DATABASE_APP_PASSWORD ?? 'callrecap-app-local',
      poolMax: e.DATABASE_POOL_MAX,
      dataDir: e.CALLRECAP_DATA_DIR ?? '.data',
    },
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    /** The first key encrypts; the others still decrypt until `npm run rotate-keys` has run. */
    encryptionKeys,
    metricsToken: e.METRICS_TOKEN,
    zoom: {
      clientId: e.ZOOM_CLIENT_ID ?? DEV_ZOOM.clientId,
      clientSecret: e.ZOOM_CLIENT_SECRET ?? DEV_ZOOM.clientSecret,
      webhookSecretToken: e.ZOOM_WEBHOOK_SECRET_TOKEN ?? DEV_ZOOM.webhookSecret,
      apiBaseUrl: e.ZOOM_API_BASE_URL.replace(/\/$/, ''),
      oauthBaseUrl: e.ZOOM_OAUTH_BASE_URL.replace(/\/$/, ''),
      /** True when real Zoom credentials were given (not the development placeholders). */
      configured: Boolean(e.ZOOM_CLIENT_ID && e.ZOOM_CLIENT_SECRET),
    },
    openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL },
    stripe: {
      secretKey: e.STRIPE_SECRET_KEY,
      webhookSecret: e.STRIPE_WEBHOOK_SECRET,
      apiBaseUrl: e.STRIPE_API_BASE_URL,
      enabled: Boolean(e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET),
    },
    hubspot: {
      clientId: e.HUBSPOT_CLIENT_ID,
      clientSecret: e.HUBSPOT_CLIENT_SECRET,
      apiBaseUrl: e.HUBSPOT_API_BASE_URL,
      oauthBaseUrl: e.HUBSPOT_OAUTH_BASE_URL,
    },
    salesforce: {
      clientId: e.SALESFORCE_CLIENT_ID,
      clientSecret: e.SALESFORCE_CLIENT_SECRET,
      loginUrl: e.SALESFORCE_LOGIN_URL ?? 'https://login.salesforce.com',
      sandboxLoginUrl: e.SALESFORCE_SANDBOX_LOGIN_URL ?? 'https://test.salesforce.com',
    },
    sentryDsn: e.SENTRY_DSN,
    analyticsOptIn: e.ANALYTICS_OPT_IN === 'true',
    workerConcurrency: e.WORKER_CONCURRENCY,
    /** Requests per window; the counters live in Postgres, so they hold across every web process. */
    rateLimits: {
      windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000,
      apiPerUser: e.RATE_LIMIT_API_PER_USER,
      apiPerOrg: e.RATE_LIMIT_API_PER_ORG,
      authPerIp: e.RATE_LIMIT_AUTH_PER_IP,
      retryWindowMs: e.RATE_LIMIT_RETRY_WINDOW_SECONDS * 1000,
      retryPerUser: e.RATE_LIMIT_RETRY_PER_USER,
      retryPerOrg: e.RATE_LIMIT_RETRY_PER_ORG,
    },
    /** An organization's AI spend per UTC day unless its plan sets its own (server/billing/plans.ts). */
    aiSpendCapUsdPerDay: e.AI_SPEND_CAP_USD_PER_DAY,
  };
}

export type Config = ReturnType<typeof loadConfig>;
