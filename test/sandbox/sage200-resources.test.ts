/* The sandbox's Sage 200 resource table is the output of its generator, run on the OpenAPI files in the repository. */
import fs from 'node:fs';

const { generate, OUTPUT } = require('../../scripts/generate-sage200-resources.js');

test('test/sandbox/sage200-resources.js is exactly what scripts/generate-sage200-resources.js writes from test/fixtures/sage200-openapi', () => {
	// On a difference: run `node scripts/generate-sage200-resources.js` (or fix the generator).
	expect(fs.readFileSync(OUTPUT, 'utf8')).toBe(generate());
});
