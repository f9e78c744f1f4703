/**
 * Child processes of the suite: spawn, wait until ready (the "wait" step), read RSS, and kill every one
 * of them at teardown — by pid, never by name.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const children = new Set();

/** A free TCP port on 127.0.0.1 (bound then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawn a process and keep it in the registry until it exits.
 * @returns {{ child, pid, output: () => string, exited: Promise<number|null>, stop: () => Promise<void> }}
 */
export function startProcess(command, args, { env = {}, cwd, name = command } = {}) {
  const child = spawn(command, args, {
    cwd,
    // As deployed (Dockerfile, k8s, s.yaml): otherwise Vue's CommonJS entry loads its development build, which
    // halves local render throughput (gateway local-only: 532 vs 1012 req/s) — a setup nobody runs.
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  children.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => { children.delete(child); resolve(code ?? signal); }));
  child.once('error', (error) => { output += `\n${error.message}`; });
  return {
    name,
    child,
    pid: child.pid,
    output: () => output,
    exited,
    stop: async (timeoutMs = 5000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = sleep(timeoutMs).then(() => 'timeout');
      if ((await Promise.race([exited, timer])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Wait until `url` answers with a 2xx, or fail with the process output. */
export async function waitForHttp(url, { timeoutMs = 20_000, proc } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
      throw new Error(`${proc.name} exited before it was ready:\n${proc.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await sleep(50);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${lastError?.message})${proc ? `:\n${proc.output()}` : ''}`);
}

/** Wait for a JSON line on stdout whose `event` matches; returns the parsed object. */
export function waitForJsonLine(proc, event, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => { cleanup(); reject(new Error(`${proc.name}: no "${event}" line after ${timeoutMs} ms:\n${proc.output()}`)); }, timeoutMs);
    const onData = (chunk) => {
      buffer += chunk.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        try {
          const parsed = JSON.parse(line);
          if (parsed.event === event) { cleanup(); resolve(parsed); return; }
        } catch { /* not JSON */ }
      }
    };
    const onExit = () => { cleanup(); reject(new Error(`${proc.name} exited before "${event}":\n${proc.output()}`)); };
    const cleanup = () => { clearTimeout(timer); proc.child.stdout.off('data', onData); proc.child.off('exit', onExit); };
    proc.child.stdout.on('data', onData);
    proc.child.once('exit', onExit);
  });
}

/**
 * Throw when a target's process is gone: a dead upstream turns into "0 req/s, all failed" rows that look
 * like a result. Targets carry the `proc` of startProcess and list what they call in `upstreams`.
 */
export function assertAlive(target) {
  for (const upstream of target?.upstreams ?? []) assertAlive(upstream);
  const child = target?.proc?.child;
  if (!child || (child.exitCode === null && child.signalCode === null)) return;
  throw new Error(`${target.proc.name} (pid ${child.pid}) exited during the run (${child.exitCode ?? child.signalCode}):\n${target.proc.output().slice(-2000)}`);
}

/**
 * CPU seconds (user + system) used so far by `pid` and its child processes (nginx's workers), from
 * /proc/<pid>/stat fields 14–15 and /proc/<pid>/task/<pid>/children. Robust to a shared, noisy machine
 * where req/s depends on what else runs: CPU per request does not.
 */
export function cpuSeconds(pid) {
  const ticks = (id) => {
    const stat = readFileSync(`/proc/${id}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  let children = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    // no children file: the process alone
  }
  return [pid, ...children].reduce((sum, id) => sum + ticks(id), 0) / 100; // USER_HZ is 100 on Linux
}

/** Resident set size in bytes (Linux /proc/<pid>/status VmRSS). */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/** Kill every child still running (teardown; also on SIGINT/exit of the runner). */
export async function stopAll() {
  await Promise.all([...children].map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); }, 3000).unref();
  })));
}

/** Synchronous last resort on process exit. */
export function killAllSync() {
  for (const child of children) {
    try { child.kill('SIGKILL'); } catch { /* gone */ }
  }
}

/** How many children are still registered (the smoke test asserts 0 after teardown). */
export function runningChildren() {
  return [...children].filter((child) => child.exitCode === null && child.signalCode === null).length;
}
