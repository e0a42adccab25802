// Stand-ins for Supabase extensions PGlite lacks: what the rest of kodo uses.
export { listStandInsUsed } from './list.js';
export { STANDINS, type StandIn } from './registry.js';
