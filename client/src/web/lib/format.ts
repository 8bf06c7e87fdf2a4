/** Display formats, in the browser's locale. Every formatter accepts null and shows an em dash. */

export const DASH = '—';

const dateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const dateTimeWithYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dayShort = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatDateTime(iso: string | null, options: { withYear?: boolean } = {}): string {
  if (!iso) return DASH;
  return (options.withYear ? dateTimeWithYear : dateTime).format(new Date(iso));
}

export function formatDate(iso: string | null): string {
  return iso ? dateOnly.format(new Date(iso)) : DASH;
}

/** A UTC calendar day ("2026-11-03") as "Nov 3": analytics days are UTC days. */
export function formatUtcDay(day: string): string {
  return dayShort.format(new Date(`${day}T00:00:00Z`));
}

export function formatCount(n: number | null): string {
  return n === null ? DASH : integer.format(n);
}

/** A call length as a clock: 7:05, or 1:02:09 past an hour. */
export function formatClock(seconds: number | null): string {
  if (seconds === null) return DASH;
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** A duration in words, as precise as it needs to be: 45s, 7m 05s, 42m, 2h 10m, 3d 4h. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return DASH;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  // Seconds matter for a 7-minute call, not for a 40-minute wait.
  if (s < 600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

/** A 0..1 rate as a percentage: whole numbers, one decimal below 10% so small rates stay visible. */
export function formatPercent(rate: number | null): string {
  if (rate === null || Number.isNaN(rate)) return DASH;
  const pct = rate * 100;
  if (pct > 0 && pct < 10 && !Number.isInteger(pct)) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return DASH;
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Stripe amounts are in the currency's minor unit (cents). */
export function formatMoney(minorUnits: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() }).format(minorUnits / 100);
}

export function formatUsd(amount: number): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: amount % 1 === 0 ? 0 : 2 }).format(amount);
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join('').toUpperCase();
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
