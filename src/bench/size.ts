// Byte sizes as the benchmark's command line writes them: '1GB', '500MB', '2.5GB' (decimal units,
// as disks and dump sizes are quoted), and how figures are printed back.

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB)?\s*$/i.exec(text);
  if (!m) throw new Error(`cannot read the size "${text}" (write it like 500MB, 1GB, 2.5GB)`);
  const n = Number(m[1]) * UNITS[(m[2] ?? 'B').toUpperCase()];
  if (!(n > 0)) throw new Error(`the size "${text}" must be positive`);
  return Math.round(n);
}

/** Short label for a size, used in cache folder names: 1GB, 500MB. */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1e9 && bytes % 1e8 === 0) return `${bytes / 1e9}GB`;
  if (bytes >= 1e6 && bytes % 1e5 === 0) return `${bytes / 1e6}MB`;
  return `${bytes}B`;
}
