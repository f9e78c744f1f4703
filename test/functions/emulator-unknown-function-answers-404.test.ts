// Invoking a function name the emulator does not host answers 404 FunctionNotFound, like FC.
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';

const fc = await startEmulator({ functionName: 'ssr-render' });
t.teardown(() => fc.close());
const response = await fetch(`${fc.url}/2023-03-30/functions/other-fn/invocations?qualifier=LATEST`, { method: 'POST', body: '{}' });
t.equal(response.status, 404);
t.match(await response.json(), { Code: 'FunctionNotFound' });
t.equal(fc.stats().calls.total, 0);
