// The built-in nodejs20 handler, fed synthetic FC 3.0 HTTP-trigger events, passes the shared render contract.
import t from 'tap';
import { renderContract, SITE_ORIGIN } from '../contract/render-contract.js';
import { httpTriggerCaller } from '../helpers/example-app.js';

process.env.SITE_ORIGIN = SITE_ORIGIN;
const { handler } = await import('../../functions/handler.js');

renderContract(t, httpTriggerCaller(handler));
