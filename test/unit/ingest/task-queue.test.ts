import { describe, expect, it } from 'vitest';
import { TaskQueue } from '../../../src/ingest/task-queue.js';
import type { FileTask } from '../../../src/ingest/messages.js';

const task = (rel: string, size: number, skip = 0) => ({ rel, size, skip, abs: `/dump/${rel}`, mtimeMs: 0 }) as unknown as FileTask;

describe('the scan queue', () => {
  it('hands out the largest file first, equal sizes by path, whatever the order they came in', () => {
    const sizes = [5, 900, 3, 145_000_000, 900, 77, 1, 4096, 12, 900];
    const q = new TaskQueue();
    sizes.forEach((s, i) => q.push(task(`f${String(i).padStart(2, '0')}`, s)));
    expect(q.length).toBe(sizes.length);
    const out: string[] = [];
    for (let t = q.shift(); t; t = q.shift()) out.push(`${t.size}:${t.rel}`);
    expect(out).toEqual(['145000000:f03', '4096:f07', '900:f01', '900:f04', '900:f09', '77:f05', '12:f08', '5:f00', '3:f02', '1:f06']);
    expect(q.length).toBe(0);
  });
  it('puts a file resumed after a worker died before everything else', () => {
    const q = new TaskQueue();
    q.push(task('big.mbox', 1e9));
    q.push(task('small.eml', 10));
    q.pushFront(task('resumed.zip', 5, 17));
    expect(q.shift()).toMatchObject({ rel: 'resumed.zip', skip: 17 });
    expect(q.shift()?.rel).toBe('big.mbox');
    expect(q.shift()?.rel).toBe('small.eml');
    expect(q.shift()).toBeUndefined();
  });
  it('keeps heap order over many random pushes and shifts', () => {
    const q = new TaskQueue();
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const live: number[] = [];
    for (let i = 0; i < 2000; i++) {
      if (rnd() < 0.6 || live.length === 0) {
        const s = Math.floor(rnd() * 1000);
        q.push(task(`r${i}`, s));
        live.push(s);
      } else {
        const t = q.shift()!;
        const max = Math.max(...live);
        expect(t.size).toBe(max);
        live.splice(live.indexOf(max), 1);
      }
    }
    expect(q.length).toBe(live.length);
  });
});
