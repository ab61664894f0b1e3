/**
 * bench/lib.js: the order variants are measured in. Each follows each of the others exactly once a
 * cycle, so no variant always runs after the one whose garbage n8n is still collecting.
 */
const { balancedCycle } = require('../../bench/lib') as { balancedCycle: (count: number) => number[] };

describe('bench turns: balancedCycle', () => {
	it.each([2, 3, 4, 5, 8, 9])('%i variants: every ordered pair of two once, each variant count - 1 times', (count) => {
		const cycle = balancedCycle(count);
		expect(cycle).toHaveLength(count * (count - 1));
		const pairs = cycle.map((variant, step) => `${variant}>${cycle[(step + 1) % cycle.length]}`);
		expect(new Set(pairs).size).toBe(count * (count - 1));
		for (const pair of pairs) expect(pair.split('>')[0]).not.toBe(pair.split('>')[1]);
		for (let variant = 0; variant < count; variant++) expect(cycle.filter((v) => v === variant)).toHaveLength(count - 1);
		// Every variant's warm-up comes first, in order.
		expect(cycle.slice(0, count)).toEqual(Array.from({ length: count }, (_, v) => v));
	});

	it('one variant runs alone', () => {
		expect(balancedCycle(1)).toEqual([0]);
	});
});
