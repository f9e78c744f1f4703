/**
 * The messages between the gateway and its render threads (server/render-threads.ts, server/render-thread.ts):
 * plain data, copied by structured clone. An error crosses as its name, message, stack and code, and is
 * rebuilt on the other side so logs and error pages see what the app threw.
 */
import type { RenderRequest, ViteManifest } from './render-contract.js';
import type { ResolvedSsrApp } from './ssr-app.js';

export interface RenderThreadData {
  app: Pick<ResolvedSsrApp, 'spec' | 'module'>;
  manifest: ViteManifest | undefined;
  /** Built before `ready` is posted, so a broken app stops start-up. */
  firstOrigin: string;
}

/** What a thread sends when an error crosses to the parent: enough to rebuild it there. */
export interface ThreadError {
  name: string;
  message: string;
  stack: string | undefined;
  code: string | undefined;
}

export type ToThread = { kind: 'render'; id: number; origin: string; request: RenderRequest };

export type FromThread =
  | { kind: 'ready' }
  | { kind: 'failed'; error: ThreadError }
  | { kind: 'result'; id: number; result: { status: number; headers: Record<string, string>; html: string } }
  | { kind: 'error'; id: number; error: ThreadError }
  | { kind: 'app-error'; url: string; error: ThreadError };

export function toThreadError(error: unknown): ThreadError {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, stack: e.stack, code: (e as { code?: unknown }).code === undefined ? undefined : String((e as { code?: unknown }).code) };
}

/** The parent's copy of an error a thread sent (same name, message, code; the thread's stack). */
export function fromThreadError(sent: ThreadError): Error {
  const error = new Error(sent.message);
  error.name = sent.name;
  if (sent.stack) error.stack = sent.stack;
  if (sent.code !== undefined) Object.assign(error, { code: sent.code });
  return error;
}
