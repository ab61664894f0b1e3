/**
 * Sage's change timestamps, compared and shifted in the format Sage sent them. X3 and SDMO send ISO
 * 8601 with a zone; Sage 200 sends `date_time_updated` without one (the server's local time). A
 * watermark goes back to Sage in a filter, so it keeps Sage's own format: a naive time stays naive
 * (arithmetic treats it as UTC, which is exact for shifting it by a few seconds).
 */

const STAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface ParsedStamp {
	/** Milliseconds since 1970 (UTC, or the naive time read as UTC). */
	ms: number;
	/** Sub-millisecond digits beyond the third, kept so equal stamps compare equal. */
	fraction: string;
	zone?: string;
	separator: 'T' | ' ';
	fractionDigits: number;
	hasSeconds: boolean;
	hasTime: boolean;
}

export function parseStamp(value: unknown): ParsedStamp | undefined {
	if (typeof value !== 'string' || value.length > 40) return undefined;
	const match = STAMP.exec(value.trim());
	if (!match) return undefined;
	const [, year, month, day, hour = '00', minute = '00', second, fraction = '', zone] = match;
	let ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second ?? 0), Number(fraction.padEnd(3, '0').slice(0, 3)));
	if (Number.isNaN(ms)) return undefined;
	if (zone && zone !== 'Z') {
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
	}
	return {
		ms,
		fraction: fraction.slice(3),
		zone,
		separator: value.includes(' ') ? ' ' : 'T',
		fractionDigits: fraction.length,
		hasSeconds: second !== undefined,
		hasTime: match[4] !== undefined,
	};
}

/** Orders two stamps (negative: `a` is older); unreadable stamps sort first. */
export function compareStamps(a: string, b: string): number {
	const left = parseStamp(a);
	const right = parseStamp(b);
	if (!left || !right) return left ? 1 : right ? -1 : 0;
	return left.ms - right.ms || left.fraction.padEnd(6, '0').localeCompare(right.fraction.padEnd(6, '0'));
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** `stamp` moved by `deltaMs`, written as Sage wrote it (zone, separator, fraction digits). */
export function shiftStamp(stamp: string, deltaMs: number): string {
	const parsed = parseStamp(stamp);
	if (!parsed) return stamp;
	return formatStamp(parsed.ms + deltaMs, parsed);
}

/** A time in the format of `like` (UTC ISO 8601 with milliseconds when there is no example). */
export function formatStamp(ms: number, like?: ParsedStamp): string {
	const zone = like?.zone;
	let offsetMinutes = 0;
	if (zone && zone !== 'Z') {
		const digits = zone.slice(1).replace(':', '');
		offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
	}
	const date = new Date(ms + offsetMinutes * 60_000);
	const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
	if (like && !like.hasTime) return day;
	const digits = like ? like.fractionDigits : 3;
	const fraction = digits ? `.${pad(date.getUTCMilliseconds(), 3).padEnd(digits, '0').slice(0, digits)}` : '';
	const seconds = !like || like.hasSeconds ? `:${pad(date.getUTCSeconds())}${fraction}` : '';
	const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}${seconds}`;
	return `${day}${like?.separator ?? 'T'}${time}${like ? (zone ?? '') : 'Z'}`;
}
