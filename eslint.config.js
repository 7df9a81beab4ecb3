// ESLint flat config: typescript-eslint's recommended rules (not type-aware: type-checking is TypeScript 7's job in
// `npm run typecheck`), eslint-plugin-lit's recommended rules for the Lit code, and the README's dependency
// directions as import boundaries, one `no-restricted-imports` per folder.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import tseslint from 'typescript-eslint';

/**
 * One forbidden dependency each. Relative paths are matched by regex, as `../ui/x` from src/tracking and
 * `../src/ui/x` from workers/ name the same folder; packages by name with their subpaths.
 */
const forbidden = {
  lit: {
    group: ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*'],
    message: 'Lit belongs to src/ui only; this folder must stay DOM-free.',
  },
  uplot: { group: ['uplot', 'uplot/*'], message: 'uPlot belongs to src/charts only.' },
  dexie: { group: ['dexie', 'dexie/*'], message: 'Only src/tracking imports Dexie; go through the tracking client.' },
  tfjs: {
    group: ['@tensorflow/*'],
    message: 'tfjs loads only in workers (and src/ml, which they use); send the work to a worker.',
  },
  ui: { regex: '^(\\.\\./)+(src/)?ui(/|$)', message: 'Only src/app imports src/ui (app → ui → charts).' },
  app: {
    regex: '^(\\.\\./)+(src/)?app(/|$)',
    message: 'Nothing imports src/app, the composition root: hand what is needed down as a property or service.',
  },
};

/** The folders and what each may not import (the README's Architecture section). */
const boundaries = [
  { files: ['src/ui/**'], deny: ['app', 'dexie', 'tfjs'] },
  { files: ['src/charts/**'], deny: ['ui', 'app', 'dexie', 'tfjs'] },
  { files: ['src/tracking/**'], deny: ['lit', 'uplot', 'ui', 'app', 'tfjs'] },
  { files: ['src/ml/**'], deny: ['lit', 'uplot', 'ui', 'app', 'dexie'] },
  {
    files: ['src/sweep/**', 'src/io/**', 'src/stats/**', 'src/shared/**'],
    deny: ['lit', 'uplot', 'ui', 'app', 'dexie', 'tfjs'],
  },
  { files: ['src/app/**', 'src/main.ts'], deny: ['dexie', 'tfjs'] },
  { files: ['workers/**'], deny: ['lit', 'uplot', 'ui', 'app', 'dexie'] },
];

const boundaryConfigs = boundaries.map(({ files, deny }) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: deny.map((name) => forbidden[name]) }],
  },
}));

/** Page globals that DOM-free code (run in workers and in Node) must not touch; the workers tsconfig checks the rest. */
const domFreeGlobals = ['window', 'document', 'customElements', 'localStorage', 'sessionStorage'].map((name) => ({
  name,
  message: 'This folder runs in workers and Node too: no page globals. Pass what is needed in.',
}));

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      'node_modules/**',
      'public/**',
      'docs/**',
      'test-results/**',
      'playwright-report/**',
      '.venv-mlflow/**',
      '.vite/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // Undefined names are TypeScript's to find (it knows the page, worker and Node globals of each project).
      'no-undef': 'off',
      // `_`-prefixed parameters are kept on purpose (a callback's shape); TypeScript's noUnused* checks the rest.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['src/ui/**', 'src/charts/**'],
    ...lit.configs['flat/recommended'],
  },
  ...boundaryConfigs,
  {
    files: ['src/tracking/**', 'src/ml/**', 'src/sweep/**', 'src/io/**', 'src/stats/**', 'src/shared/**'],
    rules: { 'no-restricted-globals': ['error', ...domFreeGlobals] },
  },
);
