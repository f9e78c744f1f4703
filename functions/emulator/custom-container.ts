/**
 * The emulator's custom-container mode: FC 3.0 passes an HTTP-trigger request to a custom container's
 * server unchanged (method, path, query, headers, body: "passthrough") and turns InvokeFunction into
 * `POST /invoke` (https://www.alibabacloud.com/help/en/functioncompute/fc/web-functions). Here "the
 * container" is any HTTP server on a local URL, e.g. your own SSR server, so the gateway's "any SSR
 * server" mode runs locally with every fault knob.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

export interface ContainerAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) are the connection's, not the message's: never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length']);

function endToEnd(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

/**
 * Send one call to the container and read its whole answer; rejects when the container cannot be
 * reached (FC then answers an error of its own, never the container's half answer).
 */
export function forwardToContainer(containerUrl: string, call: { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer; fcHeaders: Record<string, string> }): Promise<ContainerAnswer> {
  const target = new URL(call.path, containerUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(target, {
      method: call.method,
      headers: { ...endToEnd(call.headers), ...call.fcHeaders, host: target.host, 'content-length': String(call.body.length) },
    }, (incoming: IncomingMessage) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.once('end', () => resolve({ status: incoming.statusCode ?? 502, headers: endToEnd(incoming.headers), body: Buffer.concat(chunks) }));
      incoming.once('error', reject);
    });
    outgoing.once('error', reject);
    outgoing.end(call.method === 'GET' || call.method === 'HEAD' ? undefined : call.body);
  });
}
