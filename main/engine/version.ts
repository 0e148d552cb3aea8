// Which engine made a diagnostics bundle: raised when the engine's behaviour
// changes in a way that matters to whoever reads a bundle (counters, timing
// of keepalive, what a drill does), independently of the app's version.

/** The engine's name as diagnostics bundles report it. */
export const ENGINE_NAME = 'mqtt-gauge-engine';
/** The engine's version as diagnostics bundles report it. */
export const ENGINE_VERSION = '1.2.0';
