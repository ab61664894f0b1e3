#!/usr/bin/env node
'use strict';
/**
 * Takes docs/images/n8n-sage-demo.png: the n8n editor with a demo workflow run against the
 * sandbox. By hand, not in CI; needs a running demo (npm start) and, outside the repo:
 *
 *   apt-get install -y chromium                       # Debian's Chromium at /usr/bin/chromium
 *   mkdir -p /tmp/pw && cd /tmp/pw && echo '{}' > package.json && npm install --no-save playwright-core
 *   PLAYWRIGHT_CORE=/tmp/pw/node_modules/playwright-core node scripts/screenshot.js
 *
 * Env: N8N_URL (default http://127.0.0.1:5678), DEMO_WORKFLOW (default the Sage 200 demo),
 * SCREENSHOT_OUT (default docs/images/n8n-sage-demo.png), CHROMIUM (default /usr/bin/chromium),
 * SCREENSHOT_HEIGHT (default 900 px). docs/images/x3-get-many-conditions.png is the X3 demo's node:
 *   DEMO_WORKFLOW=sageDemoX3000001 SCREENSHOT_HEIGHT=1280 SCREENSHOT_OUT=docs/images/x3-get-many-conditions.png node scripts/screenshot.js
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const N8N_URL = process.env.N8N_URL || 'http://127.0.0.1:5678';
const WORKFLOW = process.env.DEMO_WORKFLOW || 'sageDemoS2000001';
const OUT = path.resolve(process.env.SCREENSHOT_OUT || path.join(REPO_ROOT, 'docs', 'images', 'n8n-sage-demo.png'));
const LOGIN = { email: process.env.DEMO_EMAIL || 'demo@example.com', password: process.env.DEMO_PASSWORD || 'SageDemo-2026' };

function loadPlaywright() {
	const candidates = [process.env.PLAYWRIGHT_CORE, '/tmp/pw/node_modules/playwright-core', 'playwright-core'].filter(Boolean);
	for (const candidate of candidates) {
		try {
			return require(candidate);
		} catch {
			// next
		}
	}
	throw new Error('playwright-core not found: install it outside the repo and set PLAYWRIGHT_CORE (see the header of this file)');
}

async function main() {
	const { chromium } = loadPlaywright();
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
		viewport: { width: 1440, height: Number(process.env.SCREENSHOT_HEIGHT || 900) },
		deviceScaleFactor: 1,
	});
	try {
		const page = context.pages()[0] || (await context.newPage());
		page.setDefaultTimeout(30000);

		await page.goto(`${N8N_URL}/signin`);
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(LOGIN.email);
		await page.locator('input[type="password"]').first().fill(LOGIN.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !/\/signin/.test(url.pathname));

		await page.goto(`${N8N_URL}/workflow/${WORKFLOW}`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor();
		await page.waitForTimeout(1500);

		// Run it from the canvas, as a user would.
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		// Done when every node shows its success tick.
		const nodeCount = await page.locator('[data-test-id="canvas-node"]').count();
		await page.waitForFunction(
			(n) => document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >= n,
			nodeCount,
			{ timeout: 60000 },
		);
		await page.waitForTimeout(1500);
		if (process.env.SCREENSHOT_DEBUG) await page.screenshot({ path: OUT.replace(/\.png$/, '.canvas.png') });

		// Open the Sage node: parameters on the left, its output table on the right.
		const sageNode = page.locator('[data-test-id="canvas-node"]').filter({ hasText: /Sage/ }).first();
		await sageNode.dblclick();
		await page.locator('[data-test-id="ndv"]').first().waitFor();
		// Pickers fill from the node's loadOptions methods (the folder's schema) once it is open.
		await page
			.waitForFunction(() => !document.body.innerText.includes('Loading options'), undefined, { timeout: 20000 })
			.catch(() => console.log('some pickers were still loading'));
		// The "Workflow executed successfully" toast would cover the output.
		await page.locator('.el-notification__closeBtn').first().click().catch(() => undefined);
		await page.waitForTimeout(1500);

		fs.mkdirSync(path.dirname(OUT), { recursive: true });
		await page.screenshot({ path: OUT });
		console.log(`saved ${path.relative(REPO_ROOT, OUT)}`);
	} finally {
		await context.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});
