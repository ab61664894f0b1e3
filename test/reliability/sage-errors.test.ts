/**
 * Errors keep Sage's own words, the same way in all three nodes: the message leads with the first
 * error-level diagnosis, and a Continue On Fail error item carries the message, the description and
 * the diagnoses as Sage sent them.
 */
import { extractSageError } from '../../nodes/shared/transport';
import { addSage200Credential, addSdmoCredential, allNodesEngine, runSage200, runSdmo, type Json } from './support';

const { startSandbox } = require('../sandbox');

let sandbox: Json;
const engine = allNodesEngine();

beforeAll(async () => {
	sandbox = await startSandbox({ sage200: { customers: 20 } });
});

afterAll(async () => await sandbox.close());

const createWithoutName = { resource: 'customer', operation: 'create', data: JSON.stringify({ id: 'NONAME1', currency: '#GBP', country: '#GB' }) };

describe('SDMO: a create that fails business rules', () => {
	test('stops the node with the diagnosis first', async () => {
		const result = await runSdmo(engine, addSdmoCredential(engine, sandbox), createWithoutName);
		expect(result.error?.message).toMatch(/^Creating customer failed: value is required \(name\) — The record was not created\.$/);
	});

	test('on Continue On Fail, the error item carries error, description and the structured diagnoses', async () => {
		const result = await runSdmo(engine, addSdmoCredential(engine, sandbox), createWithoutName, [{}], true);
		const json = result.items[0].json;
		expect(json.error).toMatch(/value is required \(name\)/);
		expect(json.description).toMatch(/Diagnoses: value is required \(name\)/);
		expect(json.diagnoses).toEqual([{ message: 'value is required', severity: 3, path: ['name'] }]);
		expect(sandbox.sdmo.find('customer', '#NONAME1')).toBeUndefined();
	});
});

describe('Sage 200: an API error on Continue On Fail', () => {
	test('the error item has Sage\'s message and the description with the HTTP status and Sage code', async () => {
		const credential = addSage200Credential(engine, sandbox);
		const result = await runSage200(engine, sandbox, credential, { resource: 'customer', operation: 'get', recordId: '999999999' }, [{}], true);
		const json = result.items[0].json;
		expect(typeof json.error).toBe('string');
		expect(json.error).not.toMatch(/^Sage answered with HTTP/);
		expect(json.description).toMatch(/HTTP 404/);
	});
});

describe('the one extractor, for every product\'s shape', () => {
	test('Sage 200 lists a warning before the error: the error leads, its code is the one kept', () => {
		const details = extractSageError([
			{ $severity: 'warning', $dataCode: 'W1', $message: 'The credit limit is high' },
			{ $severity: 'error', $dataCode: 'ReferenceInUse', $message: 'The reference is already used' },
		]);
		expect(details?.message).toBe('The reference is already used; The credit limit is high');
		expect(details?.code).toBe('ReferenceInUse');
		expect(details?.diagnosisList).toHaveLength(2);
	});

	test('X3 $message with $diagnoses keeps both', () => {
		const details = extractSageError({ $message: 'Creation failed', $diagnoses: [{ $severity: 'error', $message: 'Customer category is mandatory' }] });
		expect(details?.message).toBe('Creation failed');
		expect(details?.diagnoses).toEqual(['Customer category is mandatory']);
	});

	test('GraphQL errors: warnings do not lead, the first error-level diagnosis does', () => {
		const details = extractSageError({
			errors: [
				{
					message: 'The record was not created.',
					extensions: {
						diagnoses: [
							{ severity: 2, path: ['creditLimit'], message: 'rounded to 2 decimals' },
							{ severity: 3, path: ['name'], message: 'value is required' },
						],
					},
				},
			],
		});
		expect(details?.message).toBe('value is required (name) — The record was not created.');
	});

	test('a body with thousands of diagnoses keeps at most 100', () => {
		const diagnoses = Array.from({ length: 5000 }, (_, index) => ({ severity: 3, message: `bad ${index}` }));
		expect(extractSageError({ errors: [{ message: 'x', extensions: { diagnoses } }] })?.diagnosisList).toHaveLength(100);
	});
});
