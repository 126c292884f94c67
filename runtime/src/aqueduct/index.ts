/** Aqueducts: actors that carry stream channels across processes and machines. */
export { buildAqueduct } from './build.ts';
export { PublishAqueduct } from './egress.ts';
export { SubscribeAqueduct } from './ingress.ts';
export { AeronChannelBuilder, type AeronTech, type AqueTech, aeron, aeronChannel } from './tech.ts';
