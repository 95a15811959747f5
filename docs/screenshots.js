#!/usr/bin/env node
// README screenshots of a running `npm start` n8n, taken with headless Chromium over the
// Chrome DevTools Protocol (the `ws` package comes from host/node_modules).
//
//   AUDIT_LOGS_N8N_USER_FOLDER=/tmp/shots-n8n AUDIT_LOGS_N8N_PORT=5690 npm start &
//   node docs/screenshots.js http://localhost:5690          # once the editor URL is printed
//
// Writes docs/workflow-sim-siem.png, docs/node-webflow-output.png and docs/nodes-panel.png.
// Environment: AUDIT_LOGS_N8N_EMAIL / AUDIT_LOGS_N8N_PASSWORD (npm start's defaults),
// CHROMIUM (default `chromium`), SHOTS_ONLY=name1,name2 to retake some of them,
// SHOTS_NDV_MODE (JSON, Table or Schema for the node's output), SHOTS_DEBUG=1 (step shots in /tmp).
// The Sim trigger shot needs a first execution of the published workflow (the first run with
// events lands about a minute after start); the script reloads and waits up to 150 s for it.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const WebSocket = require('../host/node_modules/ws');
const { stableId } = require('../host/lib/workflows');

const BASE = (process.argv[2] || 'http://localhost:5678').replace(/\/$/, '');
const OUT = path.resolve(__dirname);
const EMAIL = process.env.AUDIT_LOGS_N8N_EMAIL || 'admin@example.com';
const PASSWORD = process.env.AUDIT_LOGS_N8N_PASSWORD || 'Sandbox-Passw0rd';
const WIDTH = 1440;
const HEIGHT = 900;
const ONLY = process.env.SHOTS_ONLY ? new Set(process.env.SHOTS_ONLY.split(',')) : null;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message) => console.log(`[shots] ${message}`);
const workflowId = (file) => stableId(`workflow:${file}`);
const example = (file) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', file), 'utf8'));

async function launchChromium() {
	const port = 9300 + Math.floor(Math.random() * 500);
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'shots-chrome-'));
	const child = spawn(
		process.env.CHROMIUM || 'chromium',
		[
			'--headless=new',
			`--remote-debugging-port=${port}`,
			`--user-data-dir=${profile}`,
			`--window-size=${WIDTH},${HEIGHT}`,
			'--no-sandbox', // we run as root in a container
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--no-first-run',
			'--hide-scrollbars',
			'about:blank',
		],
		{ detached: true, stdio: 'ignore' },
	);
	const stop = async () => {
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {}
		await sleep(500);
		fs.rmSync(profile, { recursive: true, force: true });
	};
	for (let i = 0; i < 100; i++) {
		try {
			const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
			const page = targets.find((t) => t.type === 'page');
			if (page) return { wsUrl: page.webSocketDebuggerUrl, stop };
		} catch {}
		await sleep(200);
	}
	await stop();
	throw new Error('chromium did not open its DevTools port');
}

function cdpClient(wsUrl) {
	const ws = new WebSocket(wsUrl, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
	let nextId = 1;
	const pending = new Map();
	ws.on('message', (data) => {
		const message = JSON.parse(data.toString());
		if (message.id && pending.has(message.id)) {
			const { resolve, reject } = pending.get(message.id);
			pending.delete(message.id);
			if (message.error) reject(new Error(`${message.error.message} ${message.error.data ?? ''}`));
			else resolve(message.result);
		}
	});
	const opened = new Promise((resolve, reject) => {
		ws.once('open', resolve);
		ws.once('error', reject);
	});
	const send = async (method, params = {}) => {
		await opened;
		const id = nextId++;
		return new Promise((resolve, reject) => {
			pending.set(id, { resolve, reject });
			ws.send(JSON.stringify({ id, method, params }));
		});
	};
	return { send, close: () => ws.close() };
}

async function main() {
	const chromium = await launchChromium();
	const cdp = cdpClient(chromium.wsUrl);
	try {
		await run(cdp);
	} catch (error) {
		// What the page showed when it went wrong.
		const shot = await cdp.send('Page.captureScreenshot', { format: 'png' }).catch(() => null);
		if (shot) fs.writeFileSync(path.join(os.tmpdir(), 'shots-failure.png'), Buffer.from(shot.data, 'base64'));
		const where = await cdp.send('Runtime.evaluate', { expression: 'location.href', returnByValue: true }).catch(() => null);
		console.error(`[shots] failed at ${where?.result?.value}; page saved as ${path.join(os.tmpdir(), 'shots-failure.png')}`);
		throw error;
	} finally {
		cdp.close();
		await chromium.stop();
	}
}

async function run(cdp) {
	const { send } = cdp;
	await send('Page.enable');
	await send('Runtime.enable');
	await send('Emulation.setDeviceMetricsOverride', { width: WIDTH, height: HEIGHT, deviceScaleFactor: 1, mobile: false });

	const evaluate = async (expression) => {
		const { result, exceptionDetails } = await send('Runtime.evaluate', {
			expression,
			awaitPromise: true,
			returnByValue: true,
		});
		if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
		return result.value;
	};
	const waitFor = async (expression, { timeout = 30000, what = expression } = {}) => {
		const deadline = Date.now() + timeout;
		while (Date.now() < deadline) {
			const value = await evaluate(expression).catch(() => undefined);
			if (value) return value;
			await sleep(250);
		}
		throw new Error(`timed out waiting for ${what}`);
	};
	const goto = async (url) => {
		await send('Page.navigate', { url });
		await waitFor('document.readyState === "complete"');
	};
	// `selector`, or `iframe >> selector` for an element inside the page's (same-origin) iframe.
	const center = (selector) => {
		const [frame, inner] = selector.includes(' >> ') ? selector.split(' >> ') : [null, selector];
		return waitFor(
			`(() => { let dx = 0, dy = 0, doc = document;
			if (${JSON.stringify(frame)}) { const f = document.querySelector(${JSON.stringify(frame)}); if (!f || !f.contentDocument) return null;
				const fr = f.getBoundingClientRect(); dx = fr.x; dy = fr.y; doc = f.contentDocument; }
			const el = doc.querySelector(${JSON.stringify(inner)}); if (!el) return null;
			const r = el.getBoundingClientRect(); if (!r.width) return null;
			return { x: dx + r.x + r.width / 2, y: dy + r.y + r.height / 2 }; })()`,
			{ what: selector },
		);
	};
	const click = async (selector, clickCount = 1) => {
		const { x, y } = await center(selector);
		await send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
		for (let n = 1; n <= clickCount; n++) {
			await send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: n });
			await send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: n });
		}
	};
	const type = async (selector, text) => {
		await click(selector);
		await send('Input.insertText', { text });
	};
	const moveMouseAway = () => send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: WIDTH - 5, y: HEIGHT - 5 });
	const shoot = async (name) => {
		const { data } = await send('Page.captureScreenshot', { format: 'png' });
		const file = path.join(OUT, name);
		fs.writeFileSync(file, Buffer.from(data, 'base64'));
		log(`wrote ${path.relative(process.cwd(), file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
	};
	const debugShot = async (name) => {
		if (!process.env.SHOTS_DEBUG) return;
		const { data } = await send('Page.captureScreenshot', { format: 'png' });
		fs.writeFileSync(path.join(os.tmpdir(), `shots-debug-${name}.png`), Buffer.from(data, 'base64'));
	};
	// The logs panel remembers being open (localStorage); shots after the first want it closed.
	const closeLogsPanel = () => evaluate(`localStorage.removeItem('N8N_LOGS_PANEL_OPEN')`).catch(() => {});
	const want = (name) => !ONLY || ONLY.has(name);

	// Sign in through the form, like a person would.
	await goto(`${BASE}/signin`);
	await type('input[name="emailOrLdapLoginId"]', EMAIL);
	await type('input[name="password"]', PASSWORD);
	await send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' });
	await send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
	await waitFor('!location.pathname.startsWith("/signin")', { what: 'the sign-in to finish' });
	log(`signed in as ${EMAIL}`);
	// Newer n8n versions greet a fresh owner with dialogs; close whatever is open.
	const closeDialogs = () =>
		evaluate(`document.querySelectorAll('.el-dialog__headerbtn, [data-test-id="close-button"]').forEach((b) => b.click())`);

	// 1. The Sim → SIEM trigger workflow, at its latest execution (published, polls every minute).
	if (want('workflow-sim-siem.png')) {
		const id = workflowId('sim-forward-to-siem.json');
		// The executions tab opens the newest execution; its preview is an iframe of the canvas.
		// It does not move on by itself when the first execution arrives later, so reload.
		const deadline = Date.now() + 150000;
		for (;;) {
			await goto(`${BASE}/workflow/${id}/executions`);
			const opened = await waitFor(`/\\/executions\\/\\w+/.test(location.pathname)`, { timeout: 8000 }).catch(() => false);
			if (opened) break;
			if (Date.now() > deadline) throw new Error('the Sim trigger workflow has no execution yet (it polls once a minute)');
			log('no execution of the Sim trigger workflow yet; waiting');
			await sleep(10000);
		}
		await waitFor(
			`(() => { const f = document.querySelector('iframe'); const d = f && f.contentDocument;
			return d && d.querySelectorAll('[data-test-id="canvas-node"]').length > 1; })()`,
			{ what: 'the execution preview' },
		);
		await sleep(1500);
		await closeDialogs();
		// Open the preview's logs panel: the run's nodes, and the trigger's output items.
		await click('iframe >> [data-test-id="logs-overview-header"]');
		await sleep(1000);
		await debugShot('sim-logs-open');
		// Select the trigger's row, so the panel shows its output items next to the overview.
		const trigger = example('sim-forward-to-siem.json').nodes.find((n) => n.type.endsWith('.simAuditLogTrigger')).name;
		await waitFor(
			`(() => { const d = document.querySelector('iframe').contentDocument;
			const body = d.querySelector('[data-test-id="logs-overview-body"]'); if (!body) return false;
			const el = [...body.querySelectorAll('*')].find((e) => e.children.length === 0 && e.textContent.trim() === ${JSON.stringify(trigger)});
			if (el) el.setAttribute('data-shot', 'trigger-row'); return !!el; })()`,
			{ what: 'the trigger in the logs panel' },
		);
		await click('iframe >> [data-shot="trigger-row"]');
		await sleep(1500);
		await moveMouseAway();
		await shoot('workflow-sim-siem.png');
	}

	// 2. The Webflow node of the weekly access review, opened, after "Execute step".
	if (want('node-webflow-output.png')) {
		const file = 'webflow-weekly-access-review.json';
		const node = example(file).nodes.find((n) => n.type === 'n8n-nodes-audit-logs.webflowAuditLog');
		await closeLogsPanel();
		await goto(`${BASE}/workflow/${workflowId(file)}/${node.id}`);
		await waitFor(`document.querySelector('[data-test-id="node-execute-button"]')`, { what: 'the node view (NDV)' });
		await sleep(1000);
		await closeDialogs();
		await click('[data-test-id="ndv"] [data-test-id="node-execute-button"]');
		await waitFor(
			`(() => { const o = document.querySelector('[data-test-id="ndv-output-panel"], [data-test-id="output-panel"]');
			return o && /item/i.test(o.innerText) && !/executing/i.test(o.innerText); })()`,
			{ timeout: 60000, what: 'the output of Execute step' },
		);
		// Dismiss the "Node executed successfully" toast.
		await evaluate(`document.querySelectorAll('.el-notification__closeBtn').forEach((b) => b.click())`);
		const mode = process.env.SHOTS_NDV_MODE ?? 'JSON'; // or Table, Schema; empty keeps n8n's choice
		if (mode) {
			await waitFor(
				`(() => { const o = document.querySelector('[data-test-id="output-panel"] [data-test-id="ndv-run-data-display-mode"]'); if (!o) return false;
				const el = [...o.querySelectorAll('label, div, span')].find((e) => e.textContent.trim() === ${JSON.stringify(mode)});
				if (el) el.setAttribute('data-shot', 'mode'); return !!el; })()`,
				{ what: 'the output display mode' },
			);
			await click('[data-shot="mode"]');
		}
		await sleep(1500);
		await moveMouseAway();
		await shoot('node-webflow-output.png');
		await send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27 });
		await send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27 });
	}

	// 3. The nodes panel searching for "audit", on a new workflow.
	if (want('nodes-panel.png')) {
		await closeLogsPanel();
		await goto(`${BASE}/workflow/new`);
		await waitFor(`document.querySelector('[data-test-id="canvas-plus-button"], [data-test-id="node-creator-plus-button"]')`, {
			what: 'the empty canvas',
		});
		await sleep(1000);
		await closeDialogs();
		await click('[data-test-id="node-creator-plus-button"]');
		await sleep(1000); // the panel slides in; a click during the animation can land outside and close it
		await debugShot('1-creator-open');
		await type('[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]', 'audit');
		await waitFor(`document.querySelectorAll('[data-test-id="node-creator-item-name"], [data-test-id="node-creator-node-item"]').length > 0`, {
			what: 'search results in the nodes panel',
		});
		await debugShot('2-searched');
		await sleep(1500);
		await moveMouseAway();
		await shoot('nodes-panel.png');
	}
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exit(1);
});
