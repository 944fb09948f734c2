// ESLint flat config. Besides the usual checks it holds the dependency rule of DESIGN.md:
// bot -> dialogs -> skills -> core <- adapters; only bot/ imports the bot framework, only
// adapters/ imports SDKs, database drivers and NLP.js.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const botFramework = ['botbuilder', 'botbuilder-*', '@microsoft/teams-ai', 'restify'];
// NLP.js is a library engine like the SDKs: the offline router reaches it through adapters/nlu.
const sdks = [
  '@azure/*',
  'openai',
  'openai/*',
  'better-sqlite3',
  'pg',
  '@nlpjs/*',
  'compromise',
  'compromise/*',
];
const restrict = (patterns, message) => ({ group: patterns, message });
const coreImports = (files, outerLayers) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          restrict(botFramework, 'core/ must not import the bot framework (only bot/ may).'),
          restrict(sdks, 'core/ must not import SDKs, database drivers or NLP.js (only adapters/ may).'),
          restrict(outerLayers, 'core/ must not import outer layers.'),
        ],
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'data/**',
      'coverage/**',
      'test-artifacts/**',
      'manifest/build/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  coreImports(
    ['core/**/*.ts'],
    [
      '../bot/*',
      '../dialogs/*',
      '../skills/*',
      '../adapters/*',
      '../../bot/*',
      '../../dialogs/*',
      '../../skills/*',
      '../../adapters/*',
    ],
  ),

  {
    files: ['dialogs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(botFramework, 'Only bot/ may import the bot framework.'),
            restrict(sdks, 'Only adapters/ may import SDKs or database drivers.'),
            restrict(
              ['../bot/*', '../../bot/*', '../adapters/*', '../../adapters/*'],
              'dialogs/ must not import bot/ or adapters/.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['skills/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(botFramework, 'Only bot/ may import the bot framework.'),
            restrict(sdks, 'Only adapters/ may import SDKs or database drivers.'),
            restrict(
              [
                '../bot/*',
                '../../bot/*',
                '../adapters/*',
                '../../adapters/*',
                '../dialogs/*',
                '../../dialogs/*',
              ],
              'skills/ must not import bot/, dialogs/ or adapters/.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['bot/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [restrict(sdks, 'bot/ reaches SDKs and database drivers through adapters/ only.')] },
      ],
    },
  },
  {
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(botFramework, 'Only bot/ may import the bot framework.'),
            restrict(
              [
                '../bot/*',
                '../../bot/*',
                '../../../bot/*',
                '../dialogs/*',
                '../../dialogs/*',
                '../skills/*',
                '../../skills/*',
                '../../../skills/*',
              ],
              'adapters/ implement core ports; they must not import bot/, dialogs/ or skills/.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', '*.config.js', 'jest*.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
