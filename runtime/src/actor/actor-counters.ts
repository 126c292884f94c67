/** Actor counters are part of telemetry (`telemetry/counters.ts`); kept here so existing imports resolve. */
export { type ActorCounters, newActorCounters, readCounters, writeCounters } from '../telemetry/counters.ts';
