// The layers of the design, checked on every `npm test`: who may import whom,
// where electron may appear, that product code never reaches test code, and
// that no import cycle exists, type-only imports included.
//
//   shared ← engine ← monitor ← inspect ← service ← desktop | web ← cli
//   renderer → shared
//
// Everything is listed as *allowed*: an import that no rule below allows is
// an error, so a file in a folder these rules do not name fails the lint
// instead of passing silently.

/** Node's built-in modules; forbidden in shared/ and the renderer. */
const core = { dependencyTypes: ['core'] };
/** A package listed in package.json's dependencies (what ships with the app): product code may not use a devDependency. */
const shipped = { dependencyTypes: ['npm'] };

/** A test file beside its code, or anything under test/ and e2e/. */
const TEST = '(^test/|^e2e/|\\.test\\.tsx?$)';
/** Product folders of the main process, in layer order. */
const MAIN_LAYERS = {
  engine: ['main/engine', 'shared'],
  monitor: ['main/monitor', 'main/engine', 'shared'],
  inspect: ['main/inspect', 'main/monitor', 'main/engine', 'shared'],
  service: ['main/service', 'main/inspect', 'main/monitor', 'main/engine', 'shared'],
  desktop: ['main/desktop', 'main/service', 'main/inspect', 'main/monitor', 'main/engine', 'shared'],
  web: ['main/web', 'main/service', 'main/inspect', 'main/monitor', 'main/engine', 'shared'],
  cli: ['main/cli', 'main/web', 'main/service', 'main/inspect', 'main/monitor', 'main/engine', 'shared'],
};

const under = (folders) => `^(${folders.join('|')})/`;
/** A product file of `folder`: not a test file. */
const productOf = (folder) => ({ path: `^${folder}/`, pathNot: TEST });

const mainLayerRules = Object.entries(MAIN_LAYERS).flatMap(([layer, folders]) => [
  { from: productOf(`main/${layer}`), to: { path: under(folders), pathNot: TEST } },
  { from: productOf(`main/${layer}`), to: core },
  { from: productOf(`main/${layer}`), to: shipped },
]);

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'An import cycle (type-only imports count): split the shared part into a lower module both can import.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'electron-only-in-desktop',
      comment: 'Only main/desktop may import electron: everything below it must run (and be tested) under plain Node.',
      severity: 'error',
      from: { pathNot: '^main/desktop/' },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'product-never-imports-test-code',
      comment: 'Test harnesses, fakes and fixtures live under test/ and may be imported by tests only.',
      severity: 'error',
      from: { pathNot: `${TEST}|^bench/|^[^/]+\\.(ts|mjs|cjs)$` },
      to: { path: TEST },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  allowedSeverity: 'error',
  allowed: [
    // Tests may use anything: product code, harnesses, dev dependencies.
    { from: { path: TEST }, to: {} },
    // The contract: pure TypeScript, its own files and a few shipped packages.
    { from: productOf('shared'), to: { path: '^shared/', pathNot: TEST } },
    { from: productOf('shared'), to: shipped },
    ...mainLayerRules,
    // Electron's shell, and only there.
    { from: productOf('main/desktop'), to: { path: '^node_modules/electron/' } },
    // The renderer talks to the service only through the contract.
    { from: productOf('renderer'), to: { path: '^(renderer|shared)/', pathNot: TEST } },
    { from: productOf('renderer'), to: shipped },
    // Vite's client types (import.meta.env, asset imports), referenced once.
    { from: { path: '^renderer/src/vite-env\\.d\\.ts$' }, to: { path: '^node_modules/vite/' } },
    // The benchmark drives the engine and the Inspect proxy from outside and may start the test brokers.
    { from: { path: '^bench/' }, to: { path: '^(bench|main/engine|main/monitor|main/inspect|shared|test/kit)/' } },
    { from: { path: '^bench/' }, to: core },
    { from: { path: '^bench/' }, to: { dependencyTypes: ['npm', 'npm-dev'] } },
    // Build and start scripts: the product and the build tools.
    { from: { path: '^scripts/' }, to: { path: '^(scripts|main|shared)/', pathNot: TEST } },
    { from: { path: '^scripts/' }, to: core },
    { from: { path: '^scripts/' }, to: { dependencyTypes: ['npm', 'npm-dev'] } },
    // Root configuration files (vite, vitest, playwright).
    { from: { path: '^[^/]+\\.(ts|mjs|cjs)$' }, to: {} },
  ],
  options: {
    // Type-only imports are dependencies too: a cycle through `import type` is still a cycle.
    tsPreCompilationDeps: true,
    // Keep paths as written, so a linked node_modules still reads as node_modules/.
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|test-results)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
