export const BENCH_SECRET = 'bench-webhook-secret';
export const BENCH_ACCOUNT = 'bench-account';
