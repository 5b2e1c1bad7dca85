// Samples a process tree from /proc every 100 ms: resident memory, the kernel's high-water mark and CPU
// time (Linux only).

import { readFileSync } from 'node:fs';

interface ProcSample {
  t: number;
  rssBytes: number;
}

export interface ProcSummary {
  peakRssBytes: number;
  vmHwmBytes: number;
  cpuMs: number;
  samples: number;
  /** Resident memory over time (one point per second), for the report. */
  timeline: ProcSample[];
}

const TICK_MS = 10; // CLK_TCK is 100 on Linux

function statusKb(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function children(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const line of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/)) if (line) out.push(Number(line));
  } catch {
    /* gone */
  }
  return out;
}

/** CPU times of a process from /proc/<pid>/stat, in ms: its own (utime + stime) and its reaped children's (cutime + cstime). */
export function procCpuMs(pid: number | 'self'): { own: number; children: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // fields after the command: state(3) ... utime(14) stime(15) cutime(16) cstime(17) → indexes 11..14 here
    return { own: (Number(f[11]) + Number(f[12])) * TICK_MS, children: (Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return null;
  }
}

function cpuMsOf(pid: number): number | null {
  const t = procCpuMs(pid);
  return t && t.own + t.children;
}

export class ProcSampler {
  private timer: NodeJS.Timeout | null = null;
  private s: ProcSummary = { peakRssBytes: 0, vmHwmBytes: 0, cpuMs: 0, samples: 0, timeline: [] };
  private readonly t0 = performance.now();
  private lastTimeline = -1;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 100,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  sample(): void {
    const tree = [this.pid];
    for (let i = 0; i < tree.length; i++) tree.push(...children(tree[i]!));
    const rss = tree.reduce((s, p) => s + statusKb(p, 'VmRSS'), 0) * 1024;
    if (rss === 0) return; // exited
    const hwm = statusKb(this.pid, 'VmHWM') * 1024;
    const cpu = cpuMsOf(this.pid);
    this.s.samples++;
    this.s.peakRssBytes = Math.max(this.s.peakRssBytes, rss);
    this.s.vmHwmBytes = Math.max(this.s.vmHwmBytes, hwm);
    if (cpu !== null) this.s.cpuMs = Math.max(this.s.cpuMs, cpu);
    const t = performance.now() - this.t0;
    if (Math.floor(t / 1000) > this.lastTimeline) {
      this.lastTimeline = Math.floor(t / 1000);
      this.s.timeline.push({ t: Math.round(t), rssBytes: rss });
    }
  }

  stop(): ProcSummary {
    if (this.timer) clearInterval(this.timer);
    return this.s;
  }
}
