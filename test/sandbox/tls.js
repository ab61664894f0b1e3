'use strict';
/**
 * Certificates for the sandbox's HTTPS mode: a throw-away certificate authority and a server
 * certificate it signs for the loopback addresses, made with the machine's `openssl` when the
 * sandbox starts (test code only; nothing here ships). A client trusts the server by trusting the
 * CA file, e.g. n8n through NODE_EXTRA_CA_CERTS, which Node reads once, when a process starts.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SERVER_EXTENSIONS = [
	'basicConstraints = critical, CA:FALSE',
	'keyUsage = critical, digitalSignature',
	'extendedKeyUsage = serverAuth',
	// The sandbox listens on 127.0.0.1; some switches name 127.0.0.2 as a foreign host.
	'subjectAltName = IP:127.0.0.1, IP:127.0.0.2, IP:::1, DNS:localhost',
].join('\n');

/**
 * Writes ca.pem, server.pem and server.key (P-256 keys, valid for two days) into a new temporary
 * folder. Returns { dir, caPath, ca, key, cert, remove() }.
 */
function generateCertificates({ dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sage-sandbox-tls-')) } = {}) {
	const file = (name) => path.join(dir, name);
	const openssl = (args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
	const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	try {
		openssl(['req', '-x509', ...ecKey, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=Sage sandbox test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
		openssl(['req', ...ecKey, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1']);
		fs.writeFileSync(file('server.ext'), `${SERVER_EXTENSIONS}\n`);
		openssl(['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.pem'), '-days', '2', '-extfile', file('server.ext')]);
	} catch (error) {
		fs.rmSync(dir, { recursive: true, force: true });
		const stderr = error.stderr ? String(error.stderr).trim() : '';
		throw new Error(`could not make the sandbox's TLS certificates with openssl: ${error.message}${stderr ? ` (${stderr})` : ''}`);
	}
	return {
		dir,
		caPath: file('ca.pem'),
		ca: fs.readFileSync(file('ca.pem'), 'utf8'),
		key: fs.readFileSync(file('server.key'), 'utf8'),
		cert: fs.readFileSync(file('server.pem'), 'utf8'),
		remove: () => fs.rmSync(dir, { recursive: true, force: true }),
	};
}

module.exports = { generateCertificates };
