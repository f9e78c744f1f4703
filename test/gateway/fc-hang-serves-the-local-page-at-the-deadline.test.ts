// When FC never answers (FC_TIMEOUT_MS), the user gets the real page from the local render, with the right status and no FC header.
import t from 'tap';
import { assertFaultFallsBackToLocal } from '../helpers/fault-falls-back.js';

t.test('FC never answers (FC_TIMEOUT_MS) → local page', (t) => assertFaultFallsBackToLocal(t, { hangRate: 1 }, 'FC_TIMEOUT'));
