/** The emulator's public door: the gateway's main and tests import from here. */
export { startEmulator, type Emulator, type EmulatorOptions, type EmulatorStats, type CallKind, type Outcome } from './emulator.js';
export { DEFAULT_FAULTS, FAULT_VARIABLES, faultsFromEnv, type Faults } from './faults.js';
