// When the function crashes (502 + x-fc-error-type), the user gets the real page from the local render, with the right status and no FC header.
import t from 'tap';
import { assertFaultFallsBackToLocal } from '../helpers/fault-falls-back.js';

t.test('the function crashes (502 + x-fc-error-type) → local page', (t) => assertFaultFallsBackToLocal(t, { functionErrorRate: 1 }, 'FC_FUNCTION_ERROR'));
