// When FC answers 500, the user gets the real page from the local render, with the right status and no FC header.
import t from 'tap';
import { assertFaultFallsBackToLocal } from '../helpers/fault-falls-back.js';

t.test('FC answers 500 → local page', (t) => assertFaultFallsBackToLocal(t, { errorRate: 1, errorStatus: 500 }, 'FC_5XX'));
