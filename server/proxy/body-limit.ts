/**
 * A pass-through stream that counts a request body on its way to the upstream and fails with
 * SSR_ERR_BODY_TOO_LARGE once it passes the limit; undici then aborts the upstream request, so the
 * upstream never sees a truncated body as a complete one. Declared lengths over the limit are refused
 * before this (server/plugins/proxy-routes.ts).
 */
import { Transform, type TransformCallback } from 'node:stream';
import { BodyTooLargeError } from '../errors.js';

export class BodyLimit extends Transform {
  private received = 0;

  constructor(private readonly limitBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.limitBytes) callback(new BodyTooLargeError(this.limitBytes));
    else callback(null, chunk);
  }
}

/** True when the declared `content-length` is over the limit (a missing or chunked length is not). */
export function declaresTooMuch(contentLength: string | undefined, limitBytes: number): boolean {
  return contentLength !== undefined && /^\d+$/.test(contentLength) && Number(contentLength) > limitBytes;
}
