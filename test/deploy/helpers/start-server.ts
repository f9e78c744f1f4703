/**
 * Starts the container entry (`node dist/node/server/main.js` or whatever the Dockerfile's CMD says)
 * as a child process, the way the image runs it, and waits for Fastify's "Server listening" log line
 * to learn the port (the tests pass port 0). No fixed sleeps: it waits on output or exit.
 * ADMIN_PORT defaults to 0 here (a free port, named in the log) so parallel tests never clash on 9464.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface StartedServer {
  url: string;
  /** The admin listener's URL, once its start-up line is logged (gateway role, ADMIN_PORT not off). */
  adminUrl(): Promise<string>;
  /** Resolves once the warm-up log line is written (`/readyz` answers 200 from then on). */
  warm(): Promise<void>;
  child: ChildProcess;
  /** Everything the process wrote so far (for failure messages). */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code (or signal name). */
  stop(): Promise<number | string>;
}

export function startServer(
  command: string[],
  options: { cwd: string; env: Record<string, string>; user?: { uid: number; gid: number } },
): Promise<StartedServer> {
  const [file, ...args] = command;
  // `env -u NODE_OPTIONS`: tap's process-info hook rides in NODE_OPTIONS on every spawn; the image has
  // no such hook (and the hook cannot write its report as the image's non-root user).
  const executable = file === 'node' ? process.execPath : file!;
  const child = spawn('env', ['-u', 'NODE_OPTIONS', executable, ...args], {
    cwd: options.cwd,
    // A clean environment like a container's: only what the image and the test set.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ADMIN_PORT: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });
  let output = '';
  let announceAdmin!: (url: string) => void;
  const adminUrl = new Promise<string>((resolve) => { announceAdmin = resolve; });
  let announceWarm!: () => void;
  const warmed = new Promise<void>((resolve) => { announceWarm = resolve; });
  const watchAdmin = () => {
    const match = /"adminUrl":"(http:\/\/[^"]+)"/.exec(output);
    if (match) announceAdmin(match[1]!);
    if (/"msg":"(warmed up; ready|warm-up stopped)/.test(output)) announceWarm();
  };
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/[^"\s,]+)/.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (more: Buffer) => { output += more.toString(); watchAdmin(); });
        watchAdmin();
        resolve({
          url: match[1]!,
          adminUrl: () => Promise.race([adminUrl, exited.then((code) => Promise.reject(new Error(`exited with ${code} before the admin listener started:\n${output}`)))]),
          warm: () => Promise.race([warmed, exited.then((code) => Promise.reject(new Error(`exited with ${code} before warming up:\n${output}`)))]),
          child,
          output: () => output,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    void exited.then((code) => reject(new Error(`${command.join(' ')} exited with ${code} before listening:\n${output}`)));
  });
}
