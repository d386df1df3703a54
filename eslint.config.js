// ESLint flat config. Two jobs: catch real bugs (typescript-eslint's recommended rules, without type
// information so it stays fast, and the React hooks rules), and keep the layers of src/ apart:
//
//   src/model       the protocol engine: pure, deterministic, no UI, no DOM, no clock, no randomness
//   src/player      playback of a model run in time: may use the clock, but no React and no DOM
//   src/scenarios,
//   src/i18n        lesson data and strings: built on the model, never on the UI
//   src/ui          the React app
//   src/embed       the iframe page and <tcp-handshake> element, built on the UI
//   src/practice    practice.html's entry, built on the UI and the exercises
//   src/cli         the command line, built on the model
//   src/capture     reading real packet captures: pure like the model (bytes in, segments out)
//   src/exercises   questions made and checked by the engine: framework-free like the player
//
// Dependencies point one way only: embed -> ui -> player -> i18n -> scenarios -> model, with capture
// on the model beside them (ui, cli and exercises use it; i18n only its types), and exercises on the
// player (ui and cli use them). The rules below say so, and no
// file imports itself through others (import-x's no-cycle).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ---- import boundaries ----------------------------------------------------------------------
// `regex` patterns are matched against the import's text. A relative import reaches another folder
// of src/ by going up (`../ui/App`, `../../ui/session`); `src/ui/...` covers a root-relative path.
const folders = (...names) => String.raw`^(?:(?:\.\./)+|(?:.*/)?src/)(?:${names.join('|')})(?:/|$)`;
const REACT = String.raw`^(?:react|react-dom|framer-motion|motion|@xstate/react)(?:/|$)`;

/** `no-restricted-imports` options: [regex, message] pairs. */
const restrictImports = (...rules) => ['error', { patterns: rules.map(([regex, message]) => ({ regex, message })) }];
/** `no-restricted-globals` options: names that all share one message. */
const restrictGlobals = (message, ...names) => names.map((name) => ({ name, message }));

const MODEL_PURE =
  'The model (src/model) is pure: no React, DOM, clock or randomness, so a run is the same in a browser, a test and the CLI, and replays exactly from its seed.';
const CAPTURE_PURE =
  'The capture reader (src/capture) is pure: bytes in, segments out, with no React and no page, so the app (in a worker), the command line and tests share it.';
const MODEL_TIME = `${MODEL_PURE} Time is the simulated time passed in (\`at\`); randomness comes from the seeded PRNG in src/model/rng.ts. Code that needs the real clock or the page belongs in src/player or src/ui.`;
const PLAYER_PURE =
  'The player (src/player) is framework-free: it drives a model run in time and knows no React and no DOM, so the app, the embed and tests can all use it. Take what you need (a scheduler, a callback) as a parameter, or put the code in src/ui.';
const ONE_LANGUAGE =
  "The app loads one language's strings at a time, through src/i18n/load.ts: a language's own files (src/i18n/en, src/i18n/ko) or embedStrings.ts imported here would put them, or both languages, in every reader's first view.";
const EMBED_LEAN =
  "An embed carries the core strings of both languages (src/i18n/embedStrings.ts); the app's own strings (src/i18n/*/app.ts, load.ts) would make every blog post download what only the app shows.";
const STRINGS_BELOW_PLAYER =
  'Strings (src/i18n) sit below the player: the player picks what to say and imports the words, never the other way round. Declare a vocabulary the words are keyed on beside the words (as MomentKey and LinkProblemCode are) or in the model.';
const EXERCISES_PURE =
  'The exercises (src/exercises) are framework-free, like the player they are built on: the practice page, the command line and tests make the same set from the same seed. No React, no page, no UI.';
const DATA_PURE =
  'Scenarios and strings (src/scenarios, src/i18n) are data built on the model; the UI and the embed read them, never the other way round. Keep React and components in src/ui.';

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/dev-dist/',
    '**/coverage/',
    'test-results/',
    'screenshots/',
    'public/',
    'tools/',
    'tests/fixtures/',
    'tests/golden/traces/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are deliberately unused (a callback's position, a rest sibling).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // With noUncheckedIndexedAccess, `xs[i]!` after a bounds check is the honest way to say so.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },

  // React: the rules of hooks, and the React Compiler's checks that come with the plugin's recommended set.
  {
    files: ['**/*.tsx', 'src/ui/**/*.ts', 'src/embed/**/*.ts'],
    ...reactHooks.configs.flat.recommended,
  },

  // ---- boundaries, folder by folder ----------------------------------------------------------
  {
    files: ['src/capture/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports(
        [REACT, CAPTURE_PURE],
        [folders('ui', 'player', 'embed', 'i18n', 'scenarios', 'cli', 'exercises'), `${CAPTURE_PURE} It may build on the model, and nothing else in src/.`],
      ),
      'no-restricted-globals': ['error', ...restrictGlobals(CAPTURE_PURE, 'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage')],
    },
  },
  {
    files: ['src/model/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports(
        [REACT, `${MODEL_PURE} React, framer-motion and @xstate/react belong in src/ui (xstate itself is fine).`],
        [
          folders('ui', 'player', 'embed', 'i18n', 'scenarios', 'cli', 'capture', 'exercises'),
          `${MODEL_PURE} Nothing else in src/ depends on it the other way round: the model imports only the model.`,
        ],
      ),
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(
          `${MODEL_PURE} Put code that needs the page in src/ui (or, without the DOM, in src/player).`,
          'window',
          'document',
          'navigator',
          'location',
          'localStorage',
          'sessionStorage',
          'self',
        ),
        ...restrictGlobals(
          MODEL_TIME,
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'performance',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'setImmediate',
          'crypto',
        ),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: MODEL_TIME },
        { object: 'Math', property: 'random', message: MODEL_TIME },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `new Date() reads the clock. ${MODEL_TIME}` },
        { selector: "CallExpression[callee.name='Date']", message: `Date() reads the clock. ${MODEL_TIME}` },
      ],
    },
  },
  {
    files: ['src/player/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports([REACT, PLAYER_PURE], [folders('ui', 'embed', 'exercises'), PLAYER_PURE]),
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(
          PLAYER_PURE,
          'window',
          'document',
          'navigator',
          'location',
          'localStorage',
          'sessionStorage',
          'requestAnimationFrame',
          'cancelAnimationFrame',
        ),
      ],
    },
  },
  {
    files: ['src/exercises/**/*.{ts,tsx}'],
    rules: {
      // The capture reader is pure like the model (a "read a capture" exercise reads real tcpdump lines with it).
      'no-restricted-imports': restrictImports([REACT, EXERCISES_PURE], [folders('ui', 'embed', 'cli'), EXERCISES_PURE]),
      'no-restricted-globals': ['error', ...restrictGlobals(EXERCISES_PURE, 'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage')],
    },
  },
  {
    files: ['src/scenarios/**/*.{ts,tsx}', 'src/i18n/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports(
        [REACT, DATA_PURE],
        [folders('ui', 'embed', 'cli'), DATA_PURE],
        [folders('player', 'exercises'), STRINGS_BELOW_PLAYER],
      ),
    },
  },

  // No import cycles in src/: between files (a module half-initialised when its importer runs) or, with the folder rules above, between layers.
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    rules: {
      'no-restricted-imports': restrictImports(
        [
          folders('embed', 'cli', 'practice'),
          'The app (src/ui) must not depend on the embed, the practice page or the CLI: they are built on the UI and the model, not the other way round. Move what both need into src/ui, src/player or src/model.',
        ],
        [String.raw`(?:^|/)i18n/(?:en|ko|embedStrings)(?:/|$)`, ONE_LANGUAGE],
      ),
    },
  },
  {
    files: ['src/embed/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports([String.raw`(?:^|/)i18n/(?:(?:en|ko)/app|load)(?:\.ts)?$`, EMBED_LEAN]),
    },
  },
]);
