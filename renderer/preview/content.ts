// The raw bytes of a document for previews, from 'document.content' (base64 in both transports).
import type { VerityClient } from '../api/client.js';

export interface Content {
  mime: string;
  size: number;
  bytes: Uint8Array;
  truncated: boolean;
}

export async function fetchContent(client: VerityClient, id: string, signal?: AbortSignal): Promise<Content> {
  const c = await client.call('document.content', { id }, signal);
  const bin = atob(c.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return { mime: c.mime, size: c.size, bytes, truncated: c.truncated };
}
