/**
 * Test harness for the engine: real brokers, fault injection, a scripted
 * fake broker and an independent subscriber. Import from here.
 */
export * from './certs.js';
export * from './fake-broker.js';
export * from './mosquitto.js';
export { getFreePorts } from './ports.js';
export * from './proxy.js';
export * from './subscriber.js';
export { prng } from './prng.js';
