/**
 * ESLint config for the tests (imported by ../eslint.config.mjs). Tests start servers, read
 * process.env and use timers, so n8n's community-node rules, which the root config applies to what
 * ships, are not theirs; TypeScript's recommended rules are.
 */
import tseslint from 'typescript-eslint';

export default tseslint.config({
	files: ['test/**/*.ts'],
	extends: [tseslint.configs.recommended],
	rules: {
		'@typescript-eslint/no-explicit-any': 'off',
		'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		'@typescript-eslint/no-require-imports': 'off',
		'@typescript-eslint/no-non-null-assertion': 'off',
	},
});
