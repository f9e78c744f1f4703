/**
 * The embedded default: with no FC target configured, `npm start` runs the FC emulator as a separate
 * process on loopback (the real function bundle behind the real FC 3.0 wire formats) and points the
 * gateway at it. The child inherits the environment, so `EMU_*` fault knobs (and `EMU_PORT`, default an
 * ephemeral port) set at start reach it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface EmulatorProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

function emulatorEntry(): { file: string; execArgv: string[] } {
  const built = fileURLToPath(new URL('../functions/emulator/main.js', import.meta.url));
  if (existsSync(built)) return { file: built, execArgv: [] };
  // Running from source under tsx (tests): the same entry, compiled on the fly.
  return { file: fileURLToPath(new URL('../functions/emulator/main.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
}

/**
 * `functionPath`: the function to run (the configured app's bundle; default the emulator's own choice);
 * `containerUrl`: custom-container mode, every call forwarded to that server instead; `env`: variables of this
 * emulator only, over the inherited ones (`EMU_PORT`, knobs: scripts/start-regions.mjs runs two "regions").
 */
export function startEmulatorProcess({ siteOrigin, functionPath, containerUrl, env, onExit }: { siteOrigin: string; functionPath?: string | undefined; containerUrl?: string | undefined; env?: Readonly<Record<string, string>>; onExit?: (code: number | null, signal: string | null) => void }): Promise<EmulatorProcess> {
  const { file, execArgv } = emulatorEntry();
  const child = spawn(process.execPath, [...execArgv, file], {
    // eslint-disable-next-line no-restricted-properties -- the child inherits the environment (EMU_* knobs)
    env: { ...process.env, SITE_ORIGIN: siteOrigin, ...(functionPath ? { EMU_FUNCTION_PATH: functionPath } : {}), ...(containerUrl ? { EMU_CONTAINER_URL: containerUrl } : {}), ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    if (!stopping) onExit?.(code, signal);
    resolve();
  }));
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      try {
        const line = JSON.parse(buffered.slice(0, newline)) as { event?: string; url?: string };
        if (line.event !== 'listening' || typeof line.url !== 'string') throw new Error(`unexpected first line: ${buffered.slice(0, newline)}`);
        resolve({
          url: line.url,
          child,
          stop: async () => {
            stopping = true;
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      } catch (error) {
        child.kill('SIGKILL');
        reject(error);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(() => reject(new Error(`the FC emulator (${file}) exited before it was listening`)));
  });
}
