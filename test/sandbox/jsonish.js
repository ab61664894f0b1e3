'use strict';
/**
 * Parser for Sage's JSON-ish filter and orderBy strings (X3 cloud and xtrem alike): unquoted keys,
 * single or double quoted strings with backslash escapes, trailing commas. Never eval.
 * `toError(message)` builds the product's own error.
 */
function parseJsonish(input, what, toError) {
	const text = String(input);
	let i = 0;
	const fail = (msg) => {
		throw toError(`Invalid ${what} ${JSON.stringify(text)}: ${msg} at position ${i}`);
	};
	const ws = () => {
		while (i < text.length && /\s/.test(text[i])) i++;
	};
	const str = () => {
		const quote = text[i++];
		let out = '';
		while (i < text.length && text[i] !== quote) {
			if (text[i] === '\\') {
				i++;
				const c = text[i];
				if (c === undefined) break;
				if (c === 'n') out += '\n';
				else if (c === 'r') out += '\r';
				else if (c === 't') out += '\t';
				else if (c === 'u') {
					const hex = text.slice(i + 1, i + 5);
					if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad unicode escape');
					out += String.fromCharCode(parseInt(hex, 16));
					i += 4;
				} else if (c === "'" || c === '"' || c === '\\') out += c;
				// Other escapes stay as written: regular expressions need their \d and \s.
				else out += `\\${c}`;
				i++;
			} else out += text[i++];
		}
		if (text[i] !== quote) fail('unterminated string');
		i++;
		return out;
	};
	const ident = () => {
		const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(i));
		if (!m) fail(`unexpected character '${text[i] ?? 'end of input'}'`);
		i += m[0].length;
		return m[0];
	};
	const value = () => {
		ws();
		const c = text[i];
		if (c === '{') return object();
		if (c === '[') return array();
		if (c === "'" || c === '"') return str();
		if (c !== undefined && /[-+\d.]/.test(c)) {
			const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i));
			if (!m) fail('bad number');
			i += m[0].length;
			return Number(m[0]);
		}
		const word = ident();
		if (word === 'true') return true;
		if (word === 'false') return false;
		if (word === 'null') return null;
		return fail(`unexpected identifier '${word}'`);
	};
	const object = () => {
		i++;
		const out = {};
		ws();
		if (text[i] === '}') {
			i++;
			return out;
		}
		for (;;) {
			ws();
			const key = text[i] === "'" || text[i] === '"' ? str() : ident();
			ws();
			if (text[i] !== ':') fail("expected ':'");
			i++;
			out[key] = value();
			ws();
			if (text[i] === ',') {
				i++;
				ws();
				if (text[i] === '}') {
					i++;
					return out;
				}
				continue;
			}
			if (text[i] === '}') {
				i++;
				return out;
			}
			fail("expected ',' or '}'");
		}
	};
	const array = () => {
		i++;
		const out = [];
		ws();
		if (text[i] === ']') {
			i++;
			return out;
		}
		for (;;) {
			out.push(value());
			ws();
			if (text[i] === ',') {
				i++;
				ws();
				if (text[i] === ']') {
					i++;
					return out;
				}
				continue;
			}
			if (text[i] === ']') {
				i++;
				return out;
			}
			fail("expected ',' or ']'");
		}
	};
	const result = value();
	ws();
	if (i < text.length) fail('unexpected trailing characters');
	return result;
}

module.exports = { parseJsonish };
