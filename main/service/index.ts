// The service's public face for the shells: the service, the built-in broker, profiles and secret stores.
export { GaugeService, type ServiceOptions } from './service.js';
export { BuiltInBroker } from './builtin-broker.js';
export { BUILTIN_PROFILE, BUILTIN_PROFILE_ID } from './profiles.js';
export { FileSecretStore, MemorySecretStore, plainPasswordsFile, type SecretStore } from './secret-store.js';
