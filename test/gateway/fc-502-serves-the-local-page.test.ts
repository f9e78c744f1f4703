// When FC answers 502, the user gets the real page from the local render, with the right status and no FC header.
import t from 'tap';
import { assertFaultFallsBackToLocal } from '../helpers/fault-falls-back.js';

t.test('FC answers 502 → local page', (t) => assertFaultFallsBackToLocal(t, { errorRate: 1, errorStatus: 502 }, 'FC_5XX'));
