/**
 * Last good copy of each public page, kept only to answer when neither FC nor the local path can
 * render (DESIGN: "or a stale cached copy, where one exists"). Never served while a renderer answers.
 * Bounded by bytes, least recently stored first out (Map keeps insertion order).
 */
import type { RenderRequest, RenderResult } from '../render-contract.js';

export interface StalePages {
  remember(request: RenderRequest, result: RenderResult): void;
  recall(request: RenderRequest): RenderResult | undefined;
  readonly bytes: number;
}

function keyOf(request: RenderRequest): string {
  // Pages may vary by language; everything else a page reads is in the URL.
  return `${request.headers['accept-language'] ?? ''}\n${request.url}`;
}

function storable(result: RenderResult): boolean {
  const cacheControl = (result.headers['cache-control'] ?? '').toLowerCase();
  return result.status === 200 && !/\b(no-store|private)\b/.test(cacheControl) && !('set-cookie' in result.headers);
}

export function createStalePages(maxBytes: number): StalePages {
  const entries = new Map<string, { result: RenderResult; size: number }>();
  let bytes = 0;
  return {
    remember(request, result) {
      if (!storable(result)) return;
      const size = Buffer.byteLength(result.html) + 512;
      if (size > maxBytes) return;
      const key = keyOf(request);
      const previous = entries.get(key);
      if (previous) {
        bytes -= previous.size;
        entries.delete(key);
      }
      entries.set(key, { result, size });
      bytes += size;
      for (const [oldest, entry] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(oldest);
        bytes -= entry.size;
      }
    },
    recall(request) {
      return entries.get(keyOf(request))?.result;
    },
    get bytes() {
      return bytes;
    },
  };
}
