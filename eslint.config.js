// ESLint for the whole tree: typescript-eslint with type information, React's
// hook rules in the renderer. The layers and import cycles are checked by
// dependency-cruiser (.dependency-cruiser.cjs), which `npm run lint` runs too.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'build/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each environment has its own tsconfig (main: no DOM; renderer: no node types).
        project: ['./tsconfig.main.json', './tsconfig.shared.json', './renderer/tsconfig.json', './e2e/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (an interface's shape, a skipped tuple slot).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // A promise handed to an event emitter or a timer on purpose says so with `void`.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      // `catch (error) { return Promise.reject(error); }` hands on what was caught, whatever it is.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // Tests read untyped JSON (CLI output, bundles, wire captures) on purpose and assert on its shape.
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'e2e/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Fakes stand in for async APIs and are async whether or not they await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['main/**', 'shared/**', 'test/**', 'bench/**', 'scripts/**', 'e2e/**', '*.ts', '*.js', '*.cjs', '*.mjs'],
    ignores: ['test/renderer/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**', 'test/renderer/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Props interfaces declare callbacks as methods (`onChange(value): void`) and components destructure them;
      // none of them uses `this`, which is all this rule protects.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Plain JavaScript files (configuration, the install hook) are not in a tsconfig.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
);
