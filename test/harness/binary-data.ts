/**
 * n8n's binary data in the engine tests. By default the engine has n8n-core's BinaryDataService
 * without a store (n8n's in-memory mode: the file is read into a Buffer through its stream events);
 * useFilesystemBinaryData() gives it n8n's filesystem store in a temporary folder, as a regular
 * n8n instance has by default (the stream is written to disk as fs.writeFile iterates it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

/** The bytes of a binary item, wherever n8n stored them. */
export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/**
 * For the test file (call at its top level): n8n's filesystem binary store in a temporary folder.
 * `dir()` is that folder; `bytesOnDisk()` what n8n has written there so far (finished and
 * temporary files).
 */
export function useFilesystemBinaryData(): { dir: () => string; bytesOnDisk: () => number } {
	let dir = '';
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sage-binary-'));
		const service = Container.get(BinaryDataService) as unknown as { config: { mode: string; localStoragePath: string }; init(): Promise<void> };
		service.config.mode = 'filesystem';
		service.config.localStoragePath = dir;
		await service.init();
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
	const bytesOnDisk = () => {
		let total = 0;
		const walk = (folder: string) => {
			for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
				const full = path.join(folder, entry.name);
				if (entry.isDirectory()) walk(full);
				else if (!entry.name.endsWith('.metadata')) total += fs.statSync(full).size;
			}
		};
		if (dir) walk(dir);
		return total;
	};
	return { dir: () => dir, bytesOnDisk };
}

/** An RFC 4180 CSV parsed into rows of fields (quoted fields may hold commas, quotes doubled, line breaks). */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"' && field === '') quoted = true;
		else if (char === ',') {
			row.push(field);
			field = '';
		} else if (char === '\r' && text[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i++;
		} else if (char === '"' || char === '\n' || char === '\r') throw new Error(`not RFC 4180 at ${i}: unquoted ${JSON.stringify(char)}`);
		else field += char;
	}
	if (quoted) throw new Error('not RFC 4180: a quoted field is not closed');
	if (field !== '' || row.length) throw new Error('not RFC 4180: the last row does not end with CRLF');
	return rows;
}

/** What a CSV field holds for a record's value, as the file writes it: nested values as JSON. */
export const csvValue = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
