/**
 * Connection draining for SIGTERM, so no request a client already sent is lost.
 *
 * Node's `http.Server.close()` (and Fastify's `close()`, which calls it) destroys every connection that
 * is idle at that instant, including one whose next request is already on the wire or in the socket
 * buffer, and a just-accepted connection whose first request has not been parsed yet: the client gets a
 * TCP reset for a request it sent. `drain()` instead stops accepting new connections without touching
 * the open ones, lets every request in progress finish (the health plugin puts `connection: close` on
 * each answer while shutting down, so Node closes the socket after it), and closes a connection only
 * once it has been idle — no request in progress and no byte received — for a whole `idleGraceMs`.
 * A request that arrives inside that window is read and answered (RFC 9112 §9.6: close gracefully).
 */
import { Server as NetServer, type Server, type Socket } from 'node:net';

export interface DrainResult {
  /** Idle connections closed by the drain (the others closed after their last answer). */
  closedIdle: number;
  /** Connections open when accepting stopped. */
  openAtStart: number;
}

export interface ConnectionTracker {
  /** Connections open right now. */
  readonly open: number;
  /** Stop accepting, wait for busy connections, close quiet ones; resolves when none is left. */
  drain(options: { idleGraceMs: number }): Promise<DrainResult>;
}

/** True while Node's HTTP server has a response in progress on the socket (what closeIdleConnections checks too). */
function isBusy(socket: Socket): boolean {
  return (socket as Socket & { _httpMessage?: unknown })._httpMessage != null;
}

/**
 * Keep a set of the server's open connections (one Set add/delete per connection, nothing per request).
 * @example
 * const connections = trackConnections(app.server);
 * // on SIGTERM, after readiness turned 503:
 * await connections.drain({ idleGraceMs: 1000 });
 */
export function trackConnections(server: Server): ConnectionTracker {
  const sockets = new Set<Socket>();
  let onEmpty: (() => void) | undefined;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) onEmpty?.();
    });
  });

  return {
    get open() {
      return sockets.size;
    },
    drain({ idleGraceMs }) {
      // net.Server's close, not http.Server's: stop accepting but leave open connections alone (the
      // http variant first destroys every idle connection, see the module comment).
      if (server.listening) NetServer.prototype.close.call(server);
      const openAtStart = sockets.size;
      let closedIdle = 0;
      const bytesSeen = new Map<Socket, number>();
      return new Promise<DrainResult>((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const finish = () => {
          clearTimeout(timer);
          onEmpty = undefined;
          resolve({ closedIdle, openAtStart });
        };
        const sweep = () => {
          for (const socket of sockets) {
            const read = socket.bytesRead;
            if (!isBusy(socket) && bytesSeen.get(socket) === read) {
              closedIdle += 1;
              socket.destroy();
            } else {
              bytesSeen.set(socket, read);
            }
          }
          if (sockets.size === 0) finish();
          else timer = setTimeout(sweep, idleGraceMs);
        };
        onEmpty = finish;
        sweep();
      });
    },
  };
}
