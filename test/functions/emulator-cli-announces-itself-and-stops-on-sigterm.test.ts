// The emulator CLI (spawned by the gateway's main) prints one JSON "listening" line when ready, serves the
// built bundle, takes EMU_* knobs from its environment, and exits 0 on SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import t from 'tap';

t.test('listening line, a page, then a clean exit', async (t) => {
  const main = fileURLToPath(new URL('../../dist/node/functions/emulator/main.js', import.meta.url));
  const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', EMU_LATENCY_MS: '0', EMU_CONTENT_DISPOSITION: 'off' }, stdio: ['ignore', 'pipe', 'inherit'] });
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  const [line] = await once(createInterface({ input: child.stdout }), 'line') as [string];
  const announced = JSON.parse(line) as { event: string; url: string; port: number };
  t.equal(announced.event, 'listening');
  t.match(announced.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const response = await fetch(`${announced.url}/products/1001`);
  t.equal(response.status, 200);
  t.equal(response.headers.get('content-disposition'), null, 'EMU_CONTENT_DISPOSITION=off was applied');
  await response.arrayBuffer();
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit') as [number | null];
  t.equal(code, 0);
});
