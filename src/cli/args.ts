// A small argument parser: positional arguments and --flags (with values or booleans).
// Unknown flags are errors, so a typo never silently changes what a scan does.

import { UsageError } from './errors.js';

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
  /** Every value of a flag that may be given several times (spec.lists), in order. */
  lists: Map<string, string[]>;
}

export function parseArgs(argv: string[], spec: { values: string[]; booleans: string[]; lists?: string[] }): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') || (a.startsWith('-') && a.length === 2)) {
      let name = a.replace(/^--?/, '');
      let value: string | undefined;
      const eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.slice(eq + 1);
        name = name.slice(0, eq);
      }
      if (spec.booleans.includes(name)) {
        flags.set(name, true);
      } else if (spec.values.includes(name) || spec.lists?.includes(name)) {
        if (value === undefined) {
          value = argv[++i];
          if (value === undefined) throw new UsageError(`--${name} needs a value`);
        }
        flags.set(name, value);
        if (spec.lists?.includes(name)) lists.set(name, [...(lists.get(name) ?? []), value]);
      } else {
        throw new UsageError(`unknown option ${a}`);
      }
    } else {
      positional.push(a);
    }
  }
  return { positional, flags, lists };
}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
