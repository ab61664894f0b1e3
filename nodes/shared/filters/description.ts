import { NodeOperationError, type IDataObject, type INode, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import { checkConditions, checkConditionShapes, ConditionError, OPERATORS, TYPE_LABELS, operatorsFor, type Combine, type Condition, type ConditionOperator, type FilterFields, type RawCondition } from './conditions';

const operatorsWith = (...kinds: Array<(typeof OPERATORS)[ConditionOperator]['value']>) =>
	(Object.keys(OPERATORS) as ConditionOperator[]).filter((operator) => kinds.includes(OPERATORS[operator].value));

/** The operator list: n8n's editor shows it sorted by name. */
const OPERATOR_OPTIONS: INodePropertyOptions[] = (Object.keys(OPERATORS) as ConditionOperator[])
	.map((operator) => ({ name: OPERATORS[operator].name, value: operator, description: OPERATORS[operator].description }))
	.sort((a, b) => a.name.localeCompare(b.name));

/**
 * The Conditions builder and its Combine switch for a Get Many (or a trigger): the fields come from
 * `fieldsMethod`, a loadOptions method listing the schema's fields with their types.
 */
export function conditionProperties(fieldsMethod: string, dependsOn: string[], displayOptions?: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Conditions',
			name: 'conditions',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Condition',
			default: {},
			description:
				'Only records matching these conditions, each a field, an operator for its type and a value (e.g. country Equals FR, or code Starts With AE1). Combined with Filter (Advanced) using AND.',
			...(displayOptions && { displayOptions }),
			options: [
				{
					displayName: 'Condition',
					name: 'condition',
					values: [
						{
							displayName: 'Field Name or ID',
							name: 'field',
							type: 'options',
							typeOptions: { loadOptionsMethod: fieldsMethod, loadOptionsDependsOn: dependsOn },
							default: '',
							description:
								'The field to compare, from the schema; its type (text, number, date, boolean) decides the operators. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: OPERATOR_OPTIONS,
							default: 'equals',
							description:
								'How the field is compared. Text: Equals, Not Equals, Contains, Starts With, Ends With, Is One Of. Numbers: Equals, Not Equals, Less Than, Less Than or Equal, Greater Than, Greater Than or Equal, Between, Is One Of. Dates: Equals, Not Equals, Is Before/After, Is On or Before/After, Is Between Dates. Booleans: Is True, Is False. Any type: Is Empty, Is Not Empty.',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							displayOptions: { show: { operator: operatorsWith('one', 'list', 'range') } },
							placeholder: 'FR',
							description:
								'The value to compare with, as plain text (no quotes): e.g. FR, 42 or 2024-01-31T10:00:00Z. For Is One Of, values separated by commas (FR, GB, DE) or a list from an expression. For Between, the lower end.',
						},
						{
							displayName: 'Value (Date)',
							name: 'date',
							type: 'dateTime',
							default: '',
							displayOptions: { show: { operator: operatorsWith('date', 'dateRange') } },
							description: "The date to compare with, e.g. 2024-01-31T00:00:00 (the workflow's time zone unless it gives one); for Is Between Dates, the start (Value To (Date) is the end)",
						},
						{
							displayName: 'Value To',
							name: 'valueTo',
							type: 'string',
							default: '',
							displayOptions: { show: { operator: ['between'] } },
							placeholder: '100',
							description: 'The upper end of Between (included), e.g. 100',
						},
						{
							displayName: 'Value To (Date)',
							name: 'dateTo',
							type: 'dateTime',
							default: '',
							displayOptions: { show: { operator: ['betweenDates'] } },
							description: 'The end of Is Between Dates (included), e.g. 2024-12-31T23:59:59',
						},
					],
				},
			],
		},
		{
			displayName: 'Combine',
			name: 'combineConditions',
			type: 'options',
			options: [
				{ name: 'All Conditions (AND)', value: 'and', description: 'A record must match every condition' },
				{ name: 'Any Condition (OR)', value: 'or', description: 'A record must match at least one condition' },
			],
			default: 'and',
			description: 'Whether records must match all conditions or any of them (Filter (Advanced), when set, must always hold as well)',
			...(displayOptions && { displayOptions }),
		},
	];
}

/** What a Get Many read from the Conditions and Combine parameters. */
export interface ConditionsInput {
	rows: RawCondition[];
	combine: Combine;
}

type GetParameter = (name: string, itemIndex: number, fallback?: unknown) => unknown;

function toNodeError(node: INode, error: unknown, itemIndex: number): unknown {
	if (!(error instanceof ConditionError)) return error;
	return new NodeOperationError(node, `${error.message} (parameter "Conditions")`, {
		itemIndex,
		description: `${error.hint ? `${error.hint} ` : ''}Nothing was sent to Sage.`,
	});
}

/** The rows and Combine as given, with the checks that need no schema done (before any request). */
export function readConditions(node: INode, getNodeParameter: GetParameter, itemIndex: number): ConditionsInput {
	const collection = getNodeParameter('conditions', itemIndex, {}) as IDataObject | undefined;
	const rows = (Array.isArray(collection?.condition) ? collection.condition : []) as RawCondition[];
	const combine = getNodeParameter('combineConditions', itemIndex, 'and');
	if (combine !== 'and' && combine !== 'or') {
		throw new NodeOperationError(node, `The parameter "Combine" must be "and" or "or" (got ${JSON.stringify(combine)})`, { itemIndex });
	}
	try {
		checkConditionShapes(rows);
	} catch (error) {
		throw toNodeError(node, error, itemIndex);
	}
	return { rows, combine };
}

/** The rows checked against the entity's fields: unknown fields, operators and values fail naming the condition. */
export function requireConditions(node: INode, input: ConditionsInput, fields: FilterFields, timezone: string, itemIndex: number): Condition[] {
	try {
		return checkConditions(input.rows, fields, timezone);
	} catch (error) {
		throw toNodeError(node, error, itemIndex);
	}
}

/** Options for a Field picker of Conditions: each field with its type and the operators it takes. */
export function filterFieldOptions(fields: FilterFields): INodePropertyOptions[] {
	return Object.entries(fields)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, field]) => ({
			name,
			value: name,
			description: `${TYPE_LABELS[field.type]}${field.dateOnly ? ' (date only)' : ''}: ${operatorsFor(field.type)
				.map((operator) => OPERATORS[operator].name)
				.join(', ')}`,
		}));
}
