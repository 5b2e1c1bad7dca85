// An attachment as a child document, or as an error child when it is above the member limit.

import type { Limits } from '../../model/limits.js';
import { BufferSource } from '../common/byte-source.js';
import type { ChildDocument } from '../types.js';

export function attachmentChild(index: number, name: string, content: Uint8Array, size: number, limits: Limits): ChildDocument {
  const segment = { type: 'attachment' as const, index, name };
  if (size > limits.maxMemberBytes) {
    return {
      segment,
      name,
      source: new BufferSource(new Uint8Array(0)),
      error: {
        code: 'limit-exceeded',
        message: `attachment ${name} is ${size} bytes, above the ${limits.maxMemberBytes}-byte member limit`,
      },
    };
  }
  return { segment, name, source: new BufferSource(content) };
}
