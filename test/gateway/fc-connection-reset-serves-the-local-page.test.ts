// When FC resets the connection, the user gets the real page from the local render, with the right status and no FC header.
import t from 'tap';
import { assertFaultFallsBackToLocal } from '../helpers/fault-falls-back.js';

t.test('FC resets the connection → local page', (t) => assertFaultFallsBackToLocal(t, { resetRate: 1 }, 'FC_RESET'));
