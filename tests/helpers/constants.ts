/** The app role tests connect as; the same defaults as server/config.ts. */
export const TEST_APP_ROLE = 'callrecap_app';
export const TEST_APP_PASSWORD = 'callrecap-app-local';
