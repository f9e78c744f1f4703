// When FC answers 200 with bytes that are not a page, the user gets the real page from the local render, with the right status and no FC header.
import t from 'tap';
import { assertFaultFallsBackToLocal } from '../helpers/fault-falls-back.js';

t.test('FC answers 200 with bytes that are not a page → local page', (t) => assertFaultFallsBackToLocal(t, { garbageRate: 1 }, 'FC_MALFORMED'));
