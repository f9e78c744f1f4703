// When FC throttles with 429, the user gets the real page from the local render, with the right status and no FC header.
import t from 'tap';
import { assertFaultFallsBackToLocal } from '../helpers/fault-falls-back.js';

t.test('FC throttles with 429 → local page', (t) => assertFaultFallsBackToLocal(t, { throttleRate: 1 }, 'FC_THROTTLED'));
