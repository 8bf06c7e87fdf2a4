import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', '.data/**', 'node_modules/**', 'db/migrations/**', 'test-results/**', 'coverage/**', 'docs/experiments/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through server/config.ts, not process.env.',
        },
      ],
    },
  },
  {
    // The config module, CLIs, tests and build config are the places that may read the environment.
    files: ['server/config.ts', 'tests/**', 'server/cli/**', 'vite.config.ts', 'drizzle.config.ts', '.ci/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+(server/(?!contract)|db|jobs)', message: 'The client may import only the API contract from server/contract.' }] },
      ],
    },
  },
  {
    files: ['server/contract/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(node:|\\.\\./)', message: 'The contract is shared with the browser: zod only.' }] }],
    },
  },
  {
    files: ['tests/**', 'eslint.config.js'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
