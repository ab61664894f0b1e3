/**
 * A credential store several processes share, as n8n's database is shared by its main process and
 * its queue-mode workers: every read decrypts what is stored now (here: parses the file), every
 * persist writes the whole credential (an atomic rename, like a row update). No locking: n8n gives a
 * node no way to compare-and-set a credential either.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CredentialStore, type StoredCredential } from './credentials-helper';
import type { Engine } from './engine';

let writes = 0;

export class FileCredentialStore extends CredentialStore {
	constructor(readonly path: string) {
		super();
	}

	private load(): Record<string, StoredCredential> {
		try {
			return JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, StoredCredential>;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
			throw error;
		}
	}

	private save(all: Record<string, StoredCredential>) {
		const temporary = `${this.path}.${process.pid}.${++writes}`;
		writeFileSync(temporary, JSON.stringify(all));
		renameSync(temporary, this.path);
	}

	override add(credential: StoredCredential) {
		this.save({ ...this.load(), [credential.id]: structuredClone(credential) });
	}

	override get(id: string): StoredCredential {
		const credential = this.load()[id];
		if (!credential) throw new Error(`Credential ${id} not found`);
		return credential;
	}

	override update(id: string, data: ICredentialDataDecryptedObject) {
		const all = this.load();
		if (!all[id]) throw new Error(`Credential ${id} not found`);
		all[id] = { ...all[id], data: structuredClone(data) };
		this.save(all);
		this.updates.push({ id, data: structuredClone(data) });
	}

	override all() {
		return Object.values(this.load());
	}
}

/** Makes an engine (and its credentials helper) read and persist credentials through `store`. */
export function useStore(engine: Engine, store: CredentialStore): Engine {
	(engine as { store: CredentialStore }).store = store;
	(engine.credentialsHelper as unknown as { store: CredentialStore }).store = store;
	return engine;
}
