/**
 * A real redis-server (the Debian package) on a free loopback port, for the cache's L2 tests: no
 * persistence, stopped in teardown. `kill()` and `restart()` simulate Redis dying and coming back on
 * the same address.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Test } from 'tap';

export interface RedisUnderTest {
  url: string;
  port: number;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** Start again on the same port (after kill). */
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function launch(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.resume();
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready: ${output.slice(-500)}`)));
  });
}

function stop(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export async function startRedis(t: Test): Promise<RedisUnderTest> {
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(port);
  t.teardown(() => stop(child, 'SIGTERM'));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async kill() {
      await stop(child, 'SIGKILL');
    },
    async restart() {
      child = await launch(port);
    },
  };
}
