// Formatting helpers shared by every screen: numbers, bytes, dates (always UTC, labelled), durations.

const nf = new Intl.NumberFormat('en-GB');
export const num = (n: number | null | undefined): string => (n == null ? '—' : nf.format(n));

export function bytes(n: number | null | undefined): string {
  if (n == null) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** 'YYYY-MM-DD HH:MM' in UTC (the app never shows local time without saying so). */
export function utc(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const s = d.toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, seconds ? 19 : 16)}`;
}

export const day = (iso: string | null | undefined): string => (iso ? utc(iso).slice(0, 10) : '—');

export function duration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h ? `${h}h ${String(m).padStart(2, '0')}m` : m ? `${m}m ${String(r).padStart(2, '0')}s` : `${r}s`;
}

/** '+02:00' from minutes east of UTC; 'no zone' when the source gave none. */
export function offset(minutes: number | null | undefined): string {
  if (minutes == null) return 'no zone';
  const sign = minutes < 0 ? '−' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

export const pct = (part: number, whole: number): string => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—');
