// Browser tests of the web app: Debian's Chromium driven by playwright-core, against a `tcxd serve`
// started here on a free port with a fresh demo database. Run from web/: `npm run test:browser`
// (needs build/tcxd and web/dist). Screenshots and measured figures go to build/browser-screenshots/.
//
// Environment: TCXD_BROWSER_MEMBERS (default 20000) — size of the demo province;
//              TCXD_CHROMIUM (default /usr/bin/chromium).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { chromium } = createRequire(path.join(ROOT, 'web/package.json'))('playwright-core');

const TCXD = path.join(ROOT, 'build/tcxd');
const DIST = path.join(ROOT, 'web/dist');
const SHOTS = path.join(ROOT, 'build/browser-screenshots');
const MEMBERS = Number(process.env.TCXD_BROWSER_MEMBERS || 20000);
const PASSWORD = 'TcxdDemo@2026';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let tmp;
let server;
let base;
let browser;
let serverLog = ''; // the server's last 8 KB of stderr
let serverEnd = null; // how the server ended, when it did before the tests did
const figures = { members: MEMBERS };
const problems = []; // page errors and CSP violations seen on any page

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForHealth(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`server did not answer ${url}/api/v1/health within ${ms} ms`);
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Logs in through the API (not the page) and returns the session for direct API reads. */
async function apiSession(login) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: PASSWORD }),
  });
  assert.equal(r.status, 200, `API login ${login}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const body = await r.json();
  return {
    user: body.user,
    get: async (p) => {
      const res = await fetch(`${base}/api/v1${p}`, { headers: { cookie } });
      assert.equal(res.status, 200, `GET ${p}`);
      return res.json();
    },
    post: async (p, data) => {
      const res = await fetch(`${base}/api/v1${p}`, {
        method: 'POST',
        headers: { cookie, 'Content-Type': 'application/json', 'X-CSRF-Token': body.csrf_token },
        body: JSON.stringify(data),
      });
      assert.equal(res.status, 201, `POST ${p}: ${await res.clone().text()}`);
      return res.json();
    },
  };
}

// A PNG of w x h pixels (8-bit RGB, a gradient), for the photo upload.
function testPng(w, h) {
  const chunk = (kind, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(kind, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + 3 * w);
    for (let x = 0; x < w; x++) row.set([(x * 255) / w, (y * 255) / h, 128], 1 + 3 * x);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function newPage(viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
    if (/React Router caught|Minified React error|tcxd: screen failed/.test(m.text())) problems.push(`render: ${m.text().slice(0, 200)}`);
  });
  return page;
}

async function login(page, name) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Tên đăng nhập').fill(name);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('account-menu').waitFor();
}

const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
const vn = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
/** Today in Vietnam as YYYY-MM-DD (the server's today and the page's). */
const todayVn = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
const addDaysIso = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400 * 1000).toISOString().slice(0, 10);
const isoToVn = (iso) => iso.split('-').reverse().join('/');
const rowNames = (page) => page.locator('[data-testid="member-table"] .tcxd-member-link').allTextContents();

/** Logs in and waits until the landing list has rendered: the home page's own redirect to the member list
 * must not race the next navigation. */
async function enter(page, name) {
  await login(page, name);
  await page.waitForURL(/\/orgs\/\d+\/members$/);
  await page.getByTestId('list-count').waitFor();
}

/** Types a date into the date picker labelled `label` (Tab, not Enter, which would submit the form). */
async function pickDate(page, label, iso) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(isoToVn(iso));
  await input.press('Tab');
}

before(async () => {
  assert.ok(fs.existsSync(TCXD), `${TCXD} is missing: run make build`);
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'web/dist is missing: run npm run build in web/');
  fs.rmSync(SHOTS, { recursive: true, force: true }); // no screenshot left from an older run
  fs.mkdirSync(SHOTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcxd-browser-'));
  const db = path.join(tmp, 'x.db');
  execFileSync(TCXD, ['demo', '--db', db, '--members', String(MEMBERS), '--seed', '1', '--accounts'], { stdio: 'pipe' });
  assert.ok(fs.existsSync(path.join(tmp, 'demo-accounts.txt')));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(TCXD, ['serve', '--db', db, '--port', String(port), '--web', DIST], { stdio: ['ignore', 'ignore', 'pipe'] });
  server.stderr.on('data', (d) => (serverLog = (serverLog + d).slice(-8000)));
  // A crash (a signal) is reported too, with the server's last words; the next test fails with them.
  server.on('exit', (code, signal) => {
    serverEnd = `${code ?? signal} at ${new Date().toISOString()}`;
    if (code || signal) console.error(`tcxd serve exited ${serverEnd}\n${serverLog}`);
  });
  await waitForHealth(base, 30_000);
  browser = await chromium.launch({ executablePath: process.env.TCXD_CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});

/** Fails a test whose server is gone with how it ended and its last log lines, not with "fetch failed". */
function assertServerUp() {
  if (serverEnd !== null) assert.fail(`tcxd serve ended (${serverEnd}); its last stderr:\n${serverLog}`);
}

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  fs.writeFileSync(path.join(SHOTS, 'figures.json'), JSON.stringify(figures, null, 2));
  console.log('figures:', JSON.stringify(figures));
});

describe('TCXD web app', { concurrency: 1 }, () => {
  beforeEach(assertServerUp);
  afterEach(assertServerUp);
  let page; // the province staff's page, shared by the scenarios that follow one another
  let orgName;
  let orgId;
  let memberId;

  test('login: a wrong password shows the Vietnamese error; the first screen stays under 500 KB of JS', async () => {
    page = await newPage();
    const scripts = new Set();
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
    });
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    assert.match(page.url(), /\/login$/);
    let gz = 0;
    for (const p of scripts) gz += zlib.gzipSync(fs.readFileSync(path.join(DIST, p)), { level: 9 }).length;
    figures.first_screen_js_gzip_kb = Math.round(gz / 102.4) / 10;
    figures.first_screen_js_files = scripts.size;
    console.log(`first screen (login): ${scripts.size} JS files, ${figures.first_screen_js_gzip_kb} KB gzip`);
    assert.ok(gz <= 500 * 1024, `first screen JS ${gz} bytes gzip > 500 KB`);

    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Hãy nhập tên đăng nhập.').waitFor();
    await page.getByLabel('Tên đăng nhập').fill('bantochuc');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const err = page.getByTestId('login-error');
    await err.waitFor();
    assert.match(await err.textContent(), /Tên đăng nhập hoặc mật khẩu không đúng\./);
    await shot(page, '01-login-error');

    const before = scripts.size;
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('[data-testid="member-table"] .tcxd-member-link').first().waitFor();
    let gzApp = 0;
    for (const p of scripts) gzApp += zlib.gzipSync(fs.readFileSync(path.join(DIST, p)), { level: 9 }).length;
    figures.after_login_js_gzip_kb = Math.round(gzApp / 102.4) / 10;
    console.log(`after login (tree + list): ${scripts.size - before} more JS files, ${figures.after_login_js_gzip_kb} KB gzip in all`);
    assert.match(page.url(), /\/orgs\/\d+\/members$/);
  });

  test('open an organization in the tree: its subtree list with the right total', async () => {
    const api = await apiSession('bantochuc');
    const [root] = (await api.get('/orgs')).items;
    const children = (await api.get(`/orgs/${root.id}/children`)).items;
    const org = children.reduce((a, b) => (b.counts.members > a.counts.members ? b : a));
    orgName = org.name;
    orgId = org.id;
    const total = Object.values(org.counts.by_status).reduce((a, b) => a + b, 0);

    const tree = page.getByTestId('org-tree');
    const node = tree.locator(`[data-org-id="${org.id}"]`);
    // A big province has more organizations than the (virtual) tree shows: find it with the tree's search.
    const treeSearch = tree.getByPlaceholder('Tìm trong cây tổ chức…');
    await treeSearch.fill(fold(org.name));
    await node.waitFor();
    assert.equal((await node.locator('.tcxd-tree-count').textContent()).trim(), vn(org.counts.members));
    const t0 = Date.now();
    await node.click();
    await page.getByTestId('org-title').filter({ hasText: org.name }).waitFor();
    await page.getByTestId('list-count').filter({ hasText: `Tổng số: ${vn(total)} hồ sơ` }).waitFor();
    await page.locator('[data-testid="member-table"] .tcxd-member-link').first().waitFor();
    figures.org_select_to_list_ms = Date.now() - t0;
    await treeSearch.fill('');
    console.log(`select an organization (${vn(total)} records) → first page visible: ${figures.org_select_to_list_ms} ms`);

    // The first page is the API's first page, in the server's Vietnamese order.
    const first = (await api.get(`/members?org=${org.id}&limit=50`)).items.map((m) => m.full_name);
    const shown = await rowNames(page);
    assert.deepEqual(shown.slice(0, 10), first.slice(0, 10));

    // The whole province: its first page too.
    const rootNode = tree.locator(`[data-org-id="${root.id}"]`);
    const rootTotal = Object.values(root.counts.by_status).reduce((a, b) => a + b, 0);
    const r0 = Date.now();
    await rootNode.click();
    await page.getByTestId('list-count').filter({ hasText: `Tổng số: ${vn(rootTotal)} hồ sơ` }).waitFor();
    await page.locator('[data-testid="member-table"] .tcxd-member-link').first().waitFor();
    figures.province_select_to_list_ms = Date.now() - r0;
    console.log(`select the province (${vn(rootTotal)} records) → first page visible: ${figures.province_select_to_list_ms} ms`);
    await treeSearch.fill(fold(org.name));
    await node.click();
    await treeSearch.fill('');
    await page.getByTestId('list-count').filter({ hasText: `Tổng số: ${vn(total)} hồ sơ` }).waitFor();

    // Lazy tree: expanding a node loads its children (the root's first child is always on screen).
    const firstChild = tree.locator(`[data-org-id="${children[0].id}"]`);
    const kids = (await api.get(`/orgs/${children[0].id}/children`)).items;
    assert.equal(await tree.locator(`[data-org-id="${kids[0].id}"]`).count(), 0);
    await firstChild.locator('xpath=ancestor::div[contains(@class,"ant-tree-treenode")]').locator('.ant-tree-switcher').click();
    await tree.locator(`[data-org-id="${kids[0].id}"]`).waitFor();
    await shot(page, '02-org-members');

    // Scrolling loads the next page with the cursor.
    const body = page.locator('[data-testid="member-table"] .ant-table-tbody-virtual-holder');
    await body.hover();
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 2500);
    await page.getByTestId('list-count').filter({ hasText: `Tổng số: ${vn(total)} hồ sơ` }).waitFor();
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="member-table"] .ant-table-row .ant-table-cell:first-child')];
      return rows.some((td) => Number(td.textContent.replace(/\./g, '')) > 50);
    });
  });

  test('search without diacritics finds "Nguyễn Văn …"', async () => {
    const search = page.getByTestId('member-search');
    await search.click();
    const t0 = Date.now();
    await search.pressSequentially('nguyen van', { delay: 30 });
    const typed = Date.now();
    await page.waitForFunction(() => {
      const names = [...document.querySelectorAll('[data-testid="member-table"] .tcxd-member-link')].map((a) => a.textContent);
      return names.length > 0 && names.every((n) => /Nguy[eễ]n/.test(n) && /V[aă]n/.test(n));
    });
    const done = Date.now();
    const names = await rowNames(page);
    // Every name has a word starting "nguyen" and one starting "van", written with their marks.
    assert.ok(names.some((n) => n.includes('Nguyễn') && n.includes('Văn')), `no "Nguyễn … Văn" in ${names.slice(0, 5)}`);
    for (const n of names) {
      const words = fold(n).split(' ');
      assert.ok(words.some((w) => w.startsWith('nguyen')) && words.some((w) => w.startsWith('van')), n);
    }
    const measure = await page.evaluate(() => {
      const m = performance.getEntriesByName('tcxd:list', 'measure').at(-1);
      return m ? Math.round(m.duration) : null;
    });
    figures.search_request_ms = await page.evaluate(() => {
      const r = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/members?') && e.name.includes('q=')).at(-1);
      return r ? Math.round(r.duration) : null;
    });
    figures.search_last_key_to_results_ms = done - typed;
    figures.search_request_to_render_ms = measure;
    figures.search_debounce_ms = 150;
    console.log(
      `search "nguyen van": last key → results ${done - typed} ms (debounce 150 ms included; request sent → rendered ${measure} ms, of which the HTTP request ${figures.search_request_ms} ms); typing took ${typed - t0} ms`,
    );
    assert.match(page.url(), /q=nguyen\+van|q=nguyen%20van/);
    await shot(page, '03-search');
  });

  test('open a member, change their residence, see the change and its audit entry', async () => {
    const link = page.locator('[data-testid="member-table"] .tcxd-member-link').first();
    const name = await link.textContent();
    await link.click();
    await page.getByTestId('member-name').filter({ hasText: name }).waitFor();
    memberId = Number(/\/members\/(\d+)/.exec(page.url())[1]);
    await shot(page, '04-member-identity');
    // The print menu: the member sheet and the CV, each a PDF opened in a new tab.
    await page.getByTestId('print-menu').hover();
    for (const [id, path] of [['print-sheet', 'sheet'], ['print-cv', 'cv']]) {
      const item = page.getByTestId(id);
      await item.waitFor();
      assert.equal(await item.getAttribute('href'), `/api/v1/members/${memberId}/${path}`);
      const res = await page.request.get(`${base}/api/v1/members/${memberId}/${path}`);
      assert.equal(res.headers()['content-type'], 'application/pdf');
    }
    await page.mouse.move(0, 0);
    await page.getByRole('tab', { name: 'Thông tin đảng viên' }).click();
    await page.getByText('Ngày quyết định kết nạp').waitFor();
    // Dates are dd/mm/yyyy.
    const party = await page.getByRole('tabpanel').filter({ visible: true }).textContent();
    assert.match(party, /\d{2}\/\d{2}\/\d{4}/);
    await shot(page, '05-member-party');

    const residence = `Số ${Date.now() % 1000}, phố Hàng Bài, phường Hoàn Kiếm, Hà Nội`;
    await page.getByTestId('edit-member').click();
    const input = page.getByTestId('residence-input');
    await input.waitFor();
    await input.fill(residence);
    await shot(page, '06-member-edit');
    await page.getByTestId('save-member').click();
    await page.getByTestId('member-residence').filter({ hasText: residence }).waitFor();
    await page.getByText('Đã lưu thay đổi.').waitFor();

    await page.getByRole('tab', { name: 'Lịch sử thay đổi' }).click();
    const entry = page.locator('.tcxd-audit-entry[data-action="member.update"]').first();
    await entry.waitFor();
    assert.match(await entry.textContent(), /Sửa hồ sơ/);
    assert.match(await entry.textContent(), /bantochuc/);
    assert.equal(await entry.locator('.tcxd-after').first().textContent(), residence);
    assert.match(await entry.textContent(), /Nơi ở hiện nay/);
    await shot(page, '07-member-history');

    // The photo: none yet; a text file is refused by the page, a PNG too small by the server (its message
    // shown); a good PNG is shown in the 3 × 4 box, then removed after confirming.
    await page.getByRole('tab', { name: 'Lý lịch', exact: true }).click();
    await page.getByTestId('member-photo-none').waitFor();
    const photoInput = page.locator('[data-testid="member-photo"] input[type="file"]');
    await photoInput.setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải ảnh', 'utf8') });
    await page.getByText('Tệp không phải ảnh JPEG hoặc PNG.').waitFor();
    await photoInput.setInputFiles({ name: 'nho.png', mimeType: 'image/png', buffer: testPng(8, 8) });
    await page.getByText(/Kích thước ảnh 8 × 8 điểm ảnh không hợp lệ/).waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/members/${memberId}/photo`) && r.request().method() === 'PUT' && r.status() === 200),
      photoInput.setInputFiles({ name: 'anh-the.png', mimeType: 'image/png', buffer: testPng(60, 80) }),
    ]);
    await page.getByText('Đã lưu ảnh.').waitFor();
    await page.locator('[data-testid="member-photo-img"]:visible').waitFor();
    await shot(page, '07b-member-photo');
    await page.getByTestId('member-photo-remove').click();
    await page.getByTestId('member-photo-remove-ok').click();
    await page.getByTestId('member-photo-none').waitFor();
  });

  test('a wrong form shows the errors on their fields; leaving with unsaved changes asks first', async () => {
    const api = await apiSession('bantochuc');
    const other = (await api.get(`/members?org=${orgId}&limit=5`)).items.find((m) => m.id !== memberId && m.national_id);
    await page.goto(`${base}/members/${memberId}/edit`);
    const form = page.getByTestId('member-form');
    await form.waitFor();

    // Empty name: checked in the page with the server's own words.
    const nameInput = page.getByLabel('Họ và tên');
    await nameInput.fill('');
    await page.getByTestId('save-member').click();
    const nameItem = page.locator('.ant-form-item').filter({ has: nameInput });
    await nameItem.getByText('Trường này là bắt buộc.').waitFor();
    await nameInput.fill('Trần Thị Bình');

    // A national ID already used by someone else: only the server knows; its message lands on the field.
    const nid = page.getByLabel('Số định danh cá nhân (CCCD)');
    await nid.fill(other.national_id);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/members/${memberId}`) && r.request().method() === 'PATCH'),
      page.getByTestId('save-member').click(),
    ]);
    assert.equal(resp.status(), 409);
    const body = await resp.json();
    assert.equal(body.error.field, 'national_id');
    const nidItem = page.locator('.ant-form-item').filter({ has: nid });
    await nidItem.getByText(body.error.message).waitFor();
    assert.equal(body.error.message, 'Số định danh cá nhân (CCCD) này đã có trong hệ thống.');

    // Birth date in the future: refused on the field, nothing sent.
    const birth = page.getByLabel('Ngày sinh');
    await birth.click();
    await birth.fill('01/01/2099');
    await birth.press('Enter');
    let sent = false;
    const onReq = (r) => r.method() === 'PATCH' && (sent = true);
    page.on('request', onReq);
    await page.getByTestId('save-member').click();
    await page.locator('.ant-form-item').filter({ has: birth }).getByText('Ngày không được ở tương lai.').waitFor();
    page.off('request', onReq);
    assert.equal(sent, false);
    await page.keyboard.press('Escape');
    await page.locator('.ant-picker-dropdown').first().waitFor({ state: 'hidden' });
    await shot(page, '08-form-errors');

    // Leaving now asks first; "stay" keeps the form.
    await page.getByRole('button', { name: 'Hủy' }).click();
    await page.locator('.ant-modal-confirm-title').filter({ hasText: 'Bỏ các thay đổi chưa lưu?' }).waitFor();
    await shot(page, '09-unsaved-warning');
    await page.getByRole('button', { name: 'Ở lại' }).click();
    // The first dialog's closing animation must end first: a click on its "Rời trang" would proceed a
    // navigation already cancelled, and the page would stay.
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await form.waitFor();
    assert.match(page.url(), /\/edit$/);
    await page.getByRole('button', { name: 'Hủy' }).click();
    await page.getByRole('button', { name: 'Rời trang' }).click();
    await page.getByTestId('member-name').waitFor();
    // Nothing was saved: the name is unchanged.
    const m = await api.get(`/members/${memberId}`);
    assert.notEqual(m.full_name, 'Trần Thị Bình');
  });

  test('dashboard of the selected subtree: counts, charts and their tables', async () => {
    const api = await apiSession('bantochuc');
    const org = await api.get(`/orgs/${orgId}`);
    await page.goto(`${base}/orgs/${orgId}/dashboard`);
    const dash = page.getByTestId('dashboard');
    await dash.getByText('Đảng số', { exact: true }).waitFor();
    await dash.locator('.ant-statistic-content').first().filter({ hasText: vn(org.counts.members) }).waitFor();
    const status = page.getByTestId('chart-status');
    await status.locator('canvas').waitFor();
    await page.waitForTimeout(600); // chart animation
    await shot(page, '10-dashboard');
    await status.getByText('Bảng', { exact: true }).click();
    const official = status.locator('tr').filter({ hasText: 'Chính thức' });
    await official.waitFor();
    assert.match(await official.textContent(), new RegExp(vn(org.counts.by_status.official)));
    await shot(page, '11-dashboard-table');
    figures.stats_endpoint = (await dash.getByText('Máy chủ chưa có số liệu').count()) === 0;
  });

  test('a branch account cannot see a member of another branch', async () => {
    const other = await apiSession('chibo2');
    const [stranger] = (await other.get(`/members?org=${other.user.org_id}&limit=1`)).items;
    const p = await newPage();
    await login(p, 'chibo');
    await p.locator('[data-testid="member-table"] .tcxd-member-link').first().waitFor();
    const treeOrgs = await p.locator('[data-testid="org-tree"] [data-org-id]').count();
    assert.equal(treeOrgs, 1, 'a branch secretary sees only the branch in the tree');
    await shot(p, '12-branch-list');
    await p.goto(`${base}/members/${stranger.id}`);
    await p.getByText('Không tìm thấy đảng viên này, hoặc hồ sơ nằm ngoài phạm vi quản lý của bạn.').waitFor();
    assert.equal(await p.getByText(stranger.full_name).count(), 0);
    await shot(p, '13-branch-not-found');

    // The secretary adds a member to the branch.
    await p.goto(`${base}/orgs/${(await apiSession('chibo')).user.org_id}/members`);
    await p.getByRole('button', { name: 'Thêm đảng viên' }).click();
    await p.getByTestId('member-form').waitFor();
    await p.getByLabel('Họ và tên').fill('Lường Thị Ngọc Ánh');
    await p.getByLabel('Giới tính').click();
    await p.locator('.ant-select-item-option').filter({ hasText: 'Nữ' }).click();
    const date = async (label, text) => {
      const input = p.getByLabel(label);
      await input.click();
      await input.fill(text);
      await input.press('Enter');
      await p.keyboard.press('Escape');
    };
    await date('Ngày sinh', '05/09/1998');
    await date('Ngày quyết định kết nạp', '03/02/2026');
    await p.getByLabel('Dân tộc').fill('Thái');
    await shot(p, '14-member-create');
    await p.getByTestId('save-member').click();
    await p.getByTestId('member-name').filter({ hasText: 'Lường Thị Ngọc Ánh' }).waitFor();
    await p.getByText('Đã thêm mới.').waitFor();
    await p.getByRole('tab', { name: 'Thông tin đảng viên' }).click();
    const party = await p.getByRole('tabpanel').filter({ visible: true }).textContent();
    assert.match(party, /Dự bị/);
    assert.match(party, /03\/02\/2026/);
    await p.context().close();
  });

  test('a member sees only their own record; logging out returns to the login page', async () => {
    const p = await newPage();
    await login(p, 'dangvien');
    await p.getByTestId('member-name').waitFor();
    assert.match(p.url(), /\/members\/\d+$/);
    assert.equal(await p.getByTestId('org-tree').count(), 0);
    assert.equal(await p.getByTestId('edit-member').count(), 0);
    await shot(p, '15-member-self');

    // Change password with a wrong current password: the server's message on that field.
    await p.getByTestId('account-menu').click();
    await p.getByText('Đổi mật khẩu').click();
    await p.getByLabel('Mật khẩu hiện tại').fill('khong-dung-1');
    await p.getByLabel('Mật khẩu mới', { exact: true }).fill('MatKhauMoi@2026');
    await p.getByLabel('Nhập lại mật khẩu mới').fill('MatKhauMoi@2026');
    await p.getByRole('button', { name: 'Lưu' }).click();
    const oldItem = p.locator('.ant-form-item').filter({ has: p.getByLabel('Mật khẩu hiện tại') });
    await oldItem.getByText('Mật khẩu hiện tại không đúng.').waitFor();
    await shot(p, '16-change-password');
    await p.getByRole('button', { name: 'Hủy' }).click();

    await p.getByTestId('account-menu').click();
    await p.getByText('Đăng xuất').click();
    await p.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await p.goto(`${base}/members/1`);
    await p.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    assert.match(p.url(), /\/login\?next=/);
    await p.context().close();
  });

  test('phone-sized screen: the list and the tree drawer', async () => {
    const p = await newPage({ width: 390, height: 844 });
    await login(p, 'bantochuc');
    await p.locator('[data-testid="member-table"] .tcxd-member-link').first().waitFor();
    await shot(p, '17-phone-list');
    await p.getByRole('button', { name: 'Cây tổ chức' }).click();
    await p.getByTestId('org-tree').waitFor();
    await p.waitForTimeout(500); // the drawer slides in
    await shot(p, '18-phone-tree');
    await p.context().close();
  });

  test('import from a file: the preview names the bad cells and writes nothing; only the valid rows after confirming; export downloads', async () => {
    const api = await apiSession('dangbocoso');
    const [branch] = (await api.get(`/orgs/${api.user.org_id}/children`)).items.filter((o) => o.holds_members);
    assert.ok(branch, 'the grassroots committee has a branch');
    const counted = async () => Object.values((await api.get(`/orgs/${branch.id}`)).counts.by_status).reduce((a, b) => a + b, 0);
    const before = await counted();

    // National IDs: unique, 12 digits, never in the demo data (whose IDs start with 001000).
    const ids = new Set();
    while (ids.size < 5) ids.add(`099${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`);
    const [id1, id2, id3, id4, id5] = ids;
    const good = ['Đinh Văn Khải', 'Bùi Minh Tâm', 'Lò Thị Hoa'];
    const file = [
      'Họ và tên,Giới tính,Ngày sinh,Dân tộc,Số định danh cá nhân (CCCD),Ngày vào Đảng,Ghi chú',
      `${good[0]},Nam,12/03/1990,Kinh,${id1},03/02/2025,`,
      `Vũ Thị Thu Lan,Nữ,31/02/1980,Kinh,${id2},03/02/2025,ngày sinh sai`,
      `${good[1]},Nam,07/08/1985,Tày,${id3},10/03/2025,`,
      `Phan Quốc Bảo,Khác,01/01/1992,Kinh,${id4},03/02/2025,giới tính sai`,
      `${good[2]},Nữ,20/10/1995,Thái,${id5},15/04/2025,`,
    ].join('\r\n');

    const p = await newPage();
    await login(p, 'dangbocoso');
    await p.goto(`${base}/orgs/${branch.id}/members`);
    await p.getByTestId('list-count').filter({ hasText: `Tổng số: ${vn(before)} hồ sơ` }).waitFor();
    await p.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await p.getByTestId('import-title').filter({ hasText: 'Nhập đảng viên từ Excel' }).waitFor();
    const input = p.locator('[data-testid="import-file"] input[type="file"]');

    // Above 64 MB: refused in the page, nothing sent.
    let posts = 0;
    const onReq = (r) => r.method() === 'POST' && r.url().includes('/members/import') && posts++;
    p.on('request', onReq);
    const big = path.join(tmp, 'qua-lon.xlsx');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 64 * 1024 * 1024 + 1);
    await input.setInputFiles(big);
    await p.getByTestId('import-error').filter({ hasText: 'Tệp quá lớn: tối đa 64 MB.' }).waitFor();
    fs.rmSync(big);
    assert.equal(posts, 0, 'a file above 64 MB is not sent');
    p.off('request', onReq);

    // The preview: counts, the bad rows and columns in Vietnamese, the valid rows.
    const [preview] = await Promise.all([
      p.waitForResponse((r) => r.url().includes(`/orgs/${branch.id}/members/import?dry_run=1`)),
      input.setInputFiles({ name: 'dang-vien-moi.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') }),
    ]);
    assert.equal(preview.status(), 200);
    await p.getByTestId('import-report').waitFor();
    assert.equal(await p.getByTestId('import-valid-rows').textContent(), '3');
    assert.equal(await p.getByTestId('import-bad-rows').textContent(), '2');
    assert.match(await p.getByTestId('import-report').textContent(), /Ghi chú/); // the column not recognized
    const cells = (rows) => rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
    assert.deepEqual(await cells(p.locator('[data-testid="import-issues"] tbody tr.ant-table-row')), [
      ['3', 'Ngày sinh', '31/02/1980', 'Ngày không hợp lệ: dùng dạng ngày/tháng/năm, ví dụ 02/09/1975.'],
      ['5', 'Giới tính', 'Khác', 'Giới tính phải là "Nam" hoặc "Nữ".'],
    ]);
    const previewRows = await cells(p.locator('[data-testid="import-preview"] tbody tr.ant-table-row'));
    assert.deepEqual(previewRows.map((r) => [r[0], r[1]]), [['2', good[0]], ['4', good[1]], ['6', good[2]]]);
    assert.ok(await p.getByTestId('import-all').isDisabled(), '"Nhập 5 dòng" waits until no row is bad');
    assert.equal((await p.getByTestId('import-all').textContent()).trim(), 'Nhập 5 dòng');
    await shot(p, '19-import-preview');

    // Nothing is written by the preview.
    assert.equal(await counted(), before);

    // The issues as CSV, made in the page: UTF-8 with BOM, the Vietnamese header, one line per issue.
    const [issuesFile] = await Promise.all([p.waitForEvent('download'), p.getByTestId('import-issues-csv').click()]);
    assert.match(issuesFile.suggestedFilename(), /^loi-nhap-dang-vien-.*\.csv$/);
    const issuesText = fs.readFileSync(await issuesFile.path(), 'utf8');
    assert.ok(issuesText.startsWith('\uFEFFDòng,Cột,Giá trị,Lỗi\r\n'), issuesText.slice(0, 40));
    assert.match(issuesText, /\r\n5,Giới tính,Khác,/);

    // Only the valid rows, after a confirmation.
    await p.getByRole('button', { name: 'Chỉ nhập 3 dòng hợp lệ' }).click();
    const dialog = p.locator('.ant-modal-confirm');
    await dialog.locator('.ant-modal-confirm-title').filter({ hasText: 'Chỉ nhập 3 dòng hợp lệ?' }).waitFor();
    await shot(p, '20-import-confirm');
    const [applied] = await Promise.all([
      p.waitForResponse((r) => r.url().includes(`/orgs/${branch.id}/members/import?dry_run=0&skip_invalid=1`)),
      dialog.getByRole('button', { name: 'Nhập 3 dòng' }).click(),
    ]);
    assert.equal(applied.status(), 201);
    await p.getByTestId('import-done').filter({ hasText: `Đã nhập 3 đảng viên vào ${branch.name}.` }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await shot(p, '21-import-done');
    assert.equal(await counted(), before + 3);
    const found = (await api.get(`/members?org=${branch.id}&q=${encodeURIComponent('dinh van khai')}&limit=10`)).items;
    assert.ok(found.some((m) => m.full_name === good[0] && m.national_id === id1 && m.status === 'probationary'));

    // Back to the list: the new total.
    await p.getByRole('button', { name: 'Về danh sách' }).click();
    await p.getByTestId('list-count').filter({ hasText: `Tổng số: ${vn(before + 3)} hồ sơ` }).waitFor();

    // Export: the server writes the filtered list; the browser downloads an .xlsx.
    await p.getByTestId('export-menu').click();
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Excel (.xlsx)' }).click()]);
    assert.match(download.suggestedFilename(), /^dang-vien-.*\.xlsx$/);
    assert.match(download.url(), new RegExp(`/api/v1/members/export\\?org=${branch.id}&format=xlsx&layout=list$`));
    const xlsx = fs.readFileSync(await download.path());
    assert.equal(xlsx.subarray(0, 2).toString(), 'PK'); // a zip, as every .xlsx
    await p.context().close();
  });

  test('dossier: a branch secretary records a version (catalog text, a work period); a row without a name is refused at its field; an earlier date shows no version', async () => {
    const api = await apiSession('chibo');
    const [member] = (await api.get(`/members?org=${api.user.org_id}&limit=1`)).items;
    assert.deepEqual((await api.get(`/members/${member.id}/dossier/history`)).items, [], 'the demo member has no dossier version yet');
    const today = todayVn();
    const yesterday = isoToVn(addDaysIso(today, -1));

    const p = await newPage();
    await login(p, 'chibo');
    await p.goto(`${base}/members/${member.id}`);
    await p.getByTestId('member-name').filter({ hasText: member.full_name }).waitFor();
    await p.getByRole('tab', { name: 'Hồ sơ' }).click();
    await p.getByTestId('dossier-no-version').waitFor();
    await p.getByTestId('dossier-update').click();
    const form = p.getByTestId('dossier-form');
    await form.waitFor();
    assert.equal(await p.getByLabel('Có hiệu lực từ ngày').inputValue(), isoToVn(today));

    await p.getByLabel('Lý luận chính trị').fill('trung cap');
    await p.keyboard.press('Escape');
    await p.getByTestId('dossier-add-work_history').click();
    const date = async (loc, text) => {
      await loc.click();
      await loc.fill(text);
      await loc.press('Enter');
      await p.keyboard.press('Escape');
    };
    await date(p.locator('#work_history_0_from'), '01/09/2001');
    await p.locator('#work_history_0_place').fill('UBND phường Hòa Bình');
    await p.locator('#work_history_0_position').fill('Cán bộ tư pháp');
    await p.getByLabel('Ghi chú').fill('Bổ sung lý luận chính trị');

    // A family row without a name: the server's message lands on that row's name, nothing is written.
    await p.getByTestId('dossier-add-family').click();
    await p.locator('#family_0_relation').fill('Bố');
    const [bad] = await Promise.all([
      p.waitForResponse((r) => r.url().endsWith(`/api/v1/members/${member.id}/dossier`) && r.request().method() === 'PUT'),
      p.getByTestId('save-dossier').click(),
    ]);
    assert.equal(bad.status(), 422);
    const badBody = await bad.json();
    assert.equal(badBody.error.fields['dossier.family[0].full_name'], 'Trường này là bắt buộc.');
    await p.locator('.ant-form-item').filter({ has: p.locator('#family_0_full_name') }).getByText('Trường này là bắt buộc.').waitFor();
    await shot(p, '22-dossier-error');
    assert.deepEqual((await api.get(`/members/${member.id}/dossier/history`)).items, [], 'a refused dossier writes nothing');

    await p.locator('#family_0_full_name').fill('Nguyễn Văn Bình');
    const [good] = await Promise.all([
      p.waitForResponse((r) => r.url().endsWith(`/api/v1/members/${member.id}/dossier`) && r.request().method() === 'PUT'),
      p.getByTestId('save-dossier').click(),
    ]);
    assert.equal(good.status(), 201);
    await p.getByText('Đã ghi phiên bản hồ sơ mới.').waitFor();
    const version = p.getByTestId('dossier-version');
    await version.waitFor();
    assert.match(await version.textContent(), new RegExp(`Phiên bản có hiệu lực từ ngày ${isoToVn(today)}`));
    assert.match(await version.textContent(), /bởi chibo/);
    assert.match(await version.textContent(), /Bổ sung lý luận chính trị/);
    assert.equal(await p.getByTestId('dossier-field-political_theory').textContent(), 'Trung cấp');
    assert.match(await p.getByTestId('dossier-work_history').textContent(), /01\/09\/2001.*UBND phường Hòa Bình.*Cán bộ tư pháp/);
    assert.match(await p.getByTestId('dossier-family').textContent(), /Nguyễn Văn Bình/);
    const view = await api.get(`/members/${member.id}/dossier`);
    assert.ok(view.party_age, 'the server computes the party age');
    assert.equal(await p.getByTestId('dossier-party-age').textContent(), `${view.party_age.years} năm ${view.party_age.months} tháng`);
    assert.equal(await p.locator('[data-testid="dossier-history"] [data-version-id]').count(), 1);
    await shot(p, '23-dossier-version');

    // As of yesterday: the version is not in force yet.
    await date(p.getByLabel('Xem hồ sơ tại ngày'), yesterday);
    await p.getByTestId('dossier-no-version').filter({ hasText: `tại ngày ${yesterday}` }).waitFor();
    assert.equal(await p.getByTestId('dossier-field-political_theory').textContent(), '–');
    // The version in the history shows it again.
    await p.locator('[data-testid="dossier-history"] [data-version-id]').first().click();
    await p.getByTestId('dossier-version').waitFor();
    assert.equal(await p.getByTestId('dossier-field-political_theory').textContent(), 'Trung cấp');
    await p.context().close();
  });

  test('yearly supplement: grassroots staff open the current year; a branch secretary marks a member "no change" and updates another dossier from the reminder list; the board counts both', async () => {
    const staff = await apiSession('dangbocoso');
    const secretary = await apiSession('chibo');
    const year = Number(todayVn().slice(0, 4));
    assert.equal((await staff.get(`/orgs/${staff.user.org_id}/supplements`)).items.filter((c) => c.year === year).length, 0);

    const p = await newPage();
    await login(p, 'dangbocoso');
    await p.goto(`${base}/orgs/${staff.user.org_id}/supplements`);
    await p.getByText('Chưa có đợt bổ sung hồ sơ nào áp dụng cho tổ chức này.').waitFor();
    assert.equal(await p.getByLabel('Năm', { exact: true }).inputValue(), String(year));
    const [opened] = await Promise.all([
      p.waitForResponse((r) => r.url().endsWith(`/api/v1/orgs/${staff.user.org_id}/supplements`) && r.request().method() === 'POST'),
      p.getByTestId('supplement-open-submit').click(),
    ]);
    assert.equal(opened.status(), 201);
    const campaign = await opened.json();
    await p.getByTestId('supplement-board').waitFor();
    await p.locator('[data-testid="supplement-campaigns"] [data-campaign-id]').filter({ hasText: `Năm ${year}` }).waitFor();
    await p.getByTestId('supplement-close').waitFor();
    await shot(p, '24-supplement-opened');
    // A second campaign for the same year: the server's message on the year.
    await p.getByTestId('supplement-open-submit').click();
    await p.getByText(`Tổ chức này đã mở đợt bổ sung hồ sơ năm ${year}.`).waitFor();
    // A branch of the committee's board opens that branch's own board of the same campaign.
    const branchLink = p.getByTestId('supplement-branch-link').first();
    const branchName = await branchLink.textContent();
    await branchLink.click();
    await p.waitForURL(new RegExp(`/orgs/\\d+/supplements\\?c=${campaign.id}$`));
    await p.getByTestId('supplement-board').getByText(branchName).first().waitFor();
    await p.context().close();

    // The branch secretary sees the campaign covering the branch, without the committee's buttons.
    const branchId = secretary.user.org_id;
    const before = await secretary.get(`/supplements/${campaign.id}?org=${branchId}`);
    assert.ok(before.total.pending > 0, 'the branch has members to supplement');
    const q = await newPage();
    await login(q, 'chibo');
    await q.goto(`${base}/orgs/${branchId}/supplements`);
    const board = q.getByTestId('supplement-board');
    await board.waitFor();
    const total = (k) => q.getByTestId(`supplement-total-${k}`);
    await total('pending').filter({ hasText: vn(before.total.pending) }).waitFor();
    assert.equal(await total('no_change').textContent(), vn(before.total.no_change));
    assert.equal(await q.getByTestId('supplement-open').count(), 0);
    assert.equal(await q.getByTestId('supplement-close').count(), 0);

    const first = before.pending[0];
    // The reminder list is in the server's order: its first row is the first pending member.
    const row = q.locator('[data-testid="supplement-pending"] tr.ant-table-row').first();
    assert.match(await row.textContent(), new RegExp(first.full_name));
    const [marked] = await Promise.all([
      q.waitForResponse((r) => r.url().endsWith(`/api/v1/supplements/${campaign.id}/members/${first.id}`) && r.request().method() === 'PUT'),
      row.getByTestId('supplement-no-change').click(),
    ]);
    assert.equal(marked.status(), 204);
    await total('no_change').filter({ hasText: new RegExp(`^${vn(before.total.no_change + 1)}$`) }).waitFor();
    assert.equal(await total('pending').textContent(), vn(before.total.pending - 1));
    const after = await secretary.get(`/supplements/${campaign.id}?org=${branchId}`);
    assert.equal(after.total.no_change, before.total.no_change + 1);
    assert.equal(after.total.pending, before.total.pending - 1);
    // The percent is the server's, written the Vietnamese way.
    const percent = `${after.total.percent_done.replace('.', ',')} %`;
    assert.equal(await q.getByTestId('supplement-percent').textContent(), percent);
    const branchRow = q.locator('[data-testid="supplement-branches"] tr.ant-table-row').filter({ hasText: after.branches[0].code });
    assert.match(await branchRow.textContent(), new RegExp(percent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await shot(q, '25-supplement-board');

    // "Cập nhật hồ sơ" from the reminder list: the dossier form for this campaign; saving counts the member as changed.
    const next = after.pending[0];
    const nextRow = q.locator('[data-testid="supplement-pending"] tr.ant-table-row').first();
    assert.match(await nextRow.textContent(), new RegExp(next.full_name));
    await nextRow.getByTestId('supplement-update').click();
    await q.getByTestId('dossier-edit-supplement').filter({ hasText: `đợt bổ sung hồ sơ năm ${year}` }).waitFor();
    await q.getByLabel('Lý luận chính trị').fill('So cap');
    await q.keyboard.press('Escape');
    const [put] = await Promise.all([
      q.waitForResponse((r) => r.url().endsWith(`/api/v1/members/${next.id}/dossier`) && r.request().method() === 'PUT'),
      q.getByTestId('save-dossier').click(),
    ]);
    assert.equal(put.status(), 201);
    assert.equal(JSON.parse(put.request().postData()).supplement_id, campaign.id);
    await board.waitFor();
    await total('changed').filter({ hasText: new RegExp(`^${vn(after.total.changed + 1)}$`) }).waitFor();
    assert.equal(await total('pending').textContent(), vn(after.total.pending - 1));
    assert.equal((await secretary.get(`/members/${next.id}/dossier`)).dossier.political_theory, 'Sơ cấp');
    await q.context().close();
  });

  test('annual rating: a branch secretary enters a self-assessment; the committee sees the cap meter, is refused over the cap with the numbers, lowers one member with a reason and saves the branch; the report counts them', async () => {
    const secretary = await apiSession('chibo');
    const branchId = secretary.user.org_id;
    const year = Number(todayVn().slice(0, 4));
    const campaign = (await secretary.get(`/orgs/${branchId}/ratings`)).items.find((c) => c.year === year && c.quarter === 0 && c.state === 'open');
    assert.ok(campaign, "the demo opens this year's campaign");
    const sheet = await secretary.get(`/ratings/${campaign.id}/branches/${branchId}`);
    const eligible = sheet.lines.filter((l) => l.excluded === null && l.rating === null);
    assert.ok(eligible.length >= 8, `the branch has ${eligible.length} members to rate`);

    // The first member's form through the page: the score per criterion, the total shown as typed.
    const q = await newPage();
    await login(q, 'chibo');
    await q.goto(`${base}/orgs/${branchId}/ratings`);
    await q.getByTestId('rating-board').waitFor();
    assert.equal(await q.getByTestId('rating-open').count(), 0); // a branch secretary does not open campaigns
    await q.getByTestId('rating-branch-link').filter({ hasText: sheet.branch.name }).click();
    await q.getByTestId('rating-sheet').waitFor();
    const firstRow = q.locator('[data-testid="rating-lines"] tr.ant-table-row').filter({ hasText: eligible[0].member.full_name });
    await firstRow.getByTestId('rating-self-open').click();
    const scores = { political_ethics: 20, discipline: 10, tasks: 56, remedy: 9 };
    for (const [code, v] of Object.entries(scores)) await q.getByTestId(`rating-score-${code}`).fill(String(v));
    await q.getByTestId('rating-self-total').filter({ hasText: 'Tổng điểm: 95/100' }).waitFor();
    await q.getByLabel('Vượt yêu cầu').fill('4');
    const [saved] = await Promise.all([
      q.waitForResponse((r) => r.url().endsWith(`/api/v1/ratings/${campaign.id}/members/${eligible[0].member.id}/self`) && r.request().method() === 'PUT'),
      q.getByTestId('rating-self-submit').click(),
    ]);
    assert.equal(saved.status(), 200);
    assert.equal((await saved.json()).derived_level, 'excellent');
    await firstRow.locator('[data-col="score"]').filter({ hasText: /^95$/ }).waitFor();
    await shot(q, '26-rating-self-assessment');
    await q.context().close();

    // The others through the API: k excellent (one more than the cap allows), the rest good.
    const n = eligible.length;
    let k = 1;
    while (k <= Math.floor((20 * (n - k)) / 100)) k += 1;
    const allowed = Math.floor((20 * (n - k)) / 100);
    const login2 = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'chibo', password: PASSWORD }) });
    const cookie = login2.headers.get('set-cookie').split(';')[0];
    const csrf = (await login2.json()).csrf_token;
    for (const [i, l] of eligible.entries()) {
      if (i === 0) continue;
      const excellent = i < k;
      const body = excellent
        ? { scores: [20, 10, 56, 9], tasks: { assigned: 10, completed: 10, on_time: 10, exceeded: 4 } }
        : { scores: [18, 9, 48, 5], tasks: { assigned: 10, completed: 10, on_time: 10, exceeded: 1 } };
      const r = await fetch(`${base}/api/v1/ratings/${campaign.id}/members/${l.member.id}/self`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', cookie, 'X-CSRF-Token': csrf },
        body: JSON.stringify(body),
      });
      assert.equal(r.status, 200, await r.text());
    }

    // The committee's decision screen: the meter says the share is over the cap; saving is refused with the numbers.
    const p = await newPage();
    await login(p, 'dangbocoso');
    await p.goto(`${base}/ratings/${campaign.id}/branches/${branchId}`);
    await p.getByTestId('rating-sheet').waitFor();
    const h = 20 * (n - k); // 20 % of the good ones, written as the server does ("1.8", "36")
    const shareText = `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`.replace(/0+$/, '').replace(/\.$/, '');
    const message = `${k} xuất sắc > 20 % của ${n - k} tốt = ${shareText} (tối đa ${allowed})`;
    await p.locator('[data-testid="rating-meter-check"][data-ok="no"]').filter({ hasText: message }).waitFor();
    await shot(p, '27-rating-cap-meter');
    const [refused] = await Promise.all([
      p.waitForResponse((r) => r.url().endsWith(`/api/v1/ratings/${campaign.id}/decisions`) && !JSON.parse(r.request().postData()).dry_run),
      p.getByTestId('rating-save').click(),
    ]);
    assert.equal(refused.status(), 422);
    await p.getByTestId('rating-save-error').filter({ hasText: message }).waitFor();
    assert.equal((await secretary.get(`/ratings/${campaign.id}?org=${branchId}`)).total.decided, 0);

    // One excellent self-assessment decided "good", with the reason: the meter is satisfied and the branch is saved.
    const last = eligible[k - 1];
    const row = p.locator('[data-testid="rating-lines"] tr.ant-table-row').filter({ hasText: last.member.full_name });
    await row.getByTestId('rating-choice').click();
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^Hoàn thành tốt nhiệm vụ$/ }).click();
    await row.getByTestId('rating-reason').fill('Giữ tỷ lệ xuất sắc theo quy định');
    await p.locator('[data-testid="rating-meter-check"][data-ok="yes"]').first().waitFor();
    const [done] = await Promise.all([
      p.waitForResponse((r) => r.url().endsWith(`/api/v1/ratings/${campaign.id}/decisions`) && !JSON.parse(r.request().postData()).dry_run),
      p.getByTestId('rating-save').click(),
    ]);
    assert.equal(done.status(), 200, await done.text());
    const board = await secretary.get(`/ratings/${campaign.id}?org=${branchId}`);
    assert.equal(board.total.decided, n);
    await row.locator('[data-col="decision"]').filter({ hasText: 'Hoàn thành tốt nhiệm vụ' }).waitFor();

    // The report of the branch: the counts, the base printed, the percentages of the server.
    await p.goto(`${base}/orgs/${branchId}/rating-report?year=${year}`);
    await p.getByTestId('rating-total-rated').filter({ hasText: new RegExp(`^${vn(n)}$`) }).waitFor();
    const report = await secretary.get(`/orgs/${branchId}/rating-report?year=${year}`);
    assert.equal(report.members.levels.reduce((a, l) => a + Math.round(Number(l.percent) * 100), 0), 10000);
    const excellentRow = p.locator('[data-testid="rating-levels"] tr.ant-table-row').first();
    // k − 1 excellent remain (one was decided "good"): within the cap, whose base grew by that one.
    assert.equal(await excellentRow.locator('[data-col="count"]').textContent(), vn(k - 1));
    assert.equal(await excellentRow.locator('[data-col="percent"]').textContent(), `${report.members.levels[0].percent.replace('.', ',')} %`);
    assert.match(await p.getByTestId('rating-levels-base').textContent(), new RegExp(`Cơ số: ${vn(n)} được xếp loại`));
    await shot(p, '28-rating-report');
    // The same report in the structure of an earlier day: the branch existed then, so the same figures,
    // asked of the server with that day.
    const asOf = `${year}-01-02`;
    const [then] = await Promise.all([
      p.waitForResponse((r) => r.url().includes('/rating-report?') && r.url().includes(`as_of=${asOf}`)),
      pickDate(p, 'Cơ cấu tại ngày…', asOf),
    ]);
    assert.equal(then.status(), 200, await then.text());
    assert.equal((await then.json()).members.rated, n);
    await p.getByTestId('rating-total-rated').filter({ hasText: new RegExp(`^${vn(n)}$`) }).waitFor();
    assert.match(p.url(), new RegExp(`as_of=${asOf}`));
    await p.context().close();
  });

  test('catalogs: an administrator adds a religion entry and retires it; province staff read the catalogs without editing controls; the member form offers "Khơ-me"', async () => {
    const a = await newPage();
    await login(a, 'admin');
    await a.getByTestId('nav-catalogs').click();
    const table = a.getByTestId('catalog-table');
    await table.getByText('Khơ-me', { exact: true }).waitFor(); // the first catalog: ethnicity
    await a.getByTestId('catalog-kinds').getByText('Tôn giáo', { exact: true }).click();
    await table.getByText('Phật giáo', { exact: true }).waitFor();
    assert.match(a.url(), /\/catalogs\/religion$/);

    // A name that matches another entry without diacritics: the server's message at the name input.
    await a.getByTestId('catalog-add').click();
    const form = a.getByTestId('catalog-add-form');
    await form.getByLabel('Mã').fill('50');
    const name = form.getByLabel('Tên', { exact: true });
    await name.fill('phat giao');
    const [refused] = await Promise.all([
      a.waitForResponse((r) => r.url().endsWith('/api/v1/catalogs/religion') && r.request().method() === 'POST'),
      a.getByTestId('catalog-add-save').click(),
    ]);
    assert.equal(refused.status(), 422);
    const nameItem = form.locator('.ant-form-item').filter({ has: a.locator('#catalog_entry_name') });
    await nameItem.getByText((await refused.json()).error.fields.name).waitFor();

    await name.fill('Đạo Thử Nghiệm');
    await form.getByLabel('Tên khác').fill('Dao TN');
    await a.keyboard.press('Enter');
    const [created] = await Promise.all([
      a.waitForResponse((r) => r.url().endsWith('/api/v1/catalogs/religion') && r.request().method() === 'POST'),
      a.getByTestId('catalog-add-save').click(),
    ]);
    assert.equal(created.status(), 201);
    assert.deepEqual(JSON.parse(created.request().postData()), { code: '50', name: 'Đạo Thử Nghiệm', aliases: ['Dao TN'] });
    await form.waitFor({ state: 'detached' });

    // Found without diacritics; retired: the tag shows and the toggle offers to bring it back.
    await a.getByTestId('catalog-search').fill('dao thu nghiem');
    const row = table.locator('tr.ant-table-row', { hasText: 'Đạo Thử Nghiệm' });
    await row.waitFor();
    assert.equal(await table.locator('tr.ant-table-row').count(), 1);
    assert.equal(await row.getByTestId('retired-tag').count(), 0);
    await row.getByRole('button', { name: 'Ngừng sử dụng' }).click();
    await row.getByTestId('retired-tag').waitFor();
    await row.getByRole('button', { name: 'Dùng lại' }).waitFor();
    await shot(a, '20-catalog-retired');

    // A built-in entry cannot be deleted: the server's message is shown.
    await a.getByTestId('catalog-search').fill('khong');
    const builtin = table.locator('tr.ant-table-row', { hasText: 'Không theo tôn giáo' });
    await builtin.getByTestId('catalog-delete').click();
    const [deleted] = await Promise.all([
      a.waitForResponse((r) => /\/api\/v1\/catalogs\/religion\/00$/.test(r.url()) && r.request().method() === 'DELETE'),
      a.locator('.ant-popconfirm').getByRole('button', { name: 'Xóa' }).click(),
    ]);
    assert.equal(deleted.status(), 409);
    const dialog = a.locator('.ant-modal-confirm');
    await dialog.getByText((await deleted.json()).error.message).waitFor();
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await a.context().close();

    const admin = await apiSession('admin');
    const entry = (await admin.get('/catalogs/religion')).items.find((e) => e.code === '50');
    assert.deepEqual({ name: entry.name, retired: entry.retired, builtin: entry.builtin }, { name: 'Đạo Thử Nghiệm', retired: true, builtin: false });

    // Province staff: the same screen, read only.
    const p = await newPage();
    await login(p, 'bantochuc');
    await p.getByTestId('nav-catalogs').click();
    await p.getByTestId('catalog-kinds').getByText('Tôn giáo', { exact: true }).click();
    await p.getByTestId('catalog-search').fill('dao thu');
    const seen = p.getByTestId('catalog-table').locator('tr.ant-table-row', { hasText: 'Đạo Thử Nghiệm' });
    await seen.getByTestId('retired-tag').waitFor();
    await p.getByTestId('catalog-readonly').waitFor();
    for (const id of ['catalog-add', 'catalog-toggle', 'catalog-delete']) assert.equal(await p.getByTestId(id).count(), 0, id);
    await shot(p, '21-catalog-read-only');

    // The member form offers the catalog's spelling for an older one, and no retired entry.
    await p.goto(`${base}/members/${memberId}/edit`);
    await p.getByTestId('member-form').waitFor();
    const ethnicity = p.getByLabel('Dân tộc');
    await ethnicity.fill('khmer');
    const option = p.locator('.ant-select-item-option', { hasText: /^Khơ-me$/ });
    await option.waitFor();
    await option.click();
    assert.equal(await ethnicity.inputValue(), 'Khơ-me');
    const religion = p.getByLabel('Tôn giáo');
    await religion.fill('phat');
    await p.locator('.ant-select-item-option', { hasText: /^Phật giáo$/ }).waitFor();
    await religion.fill('dao thu');
    await p.locator('.ant-select-item-option', { hasText: /^Phật giáo$/ }).waitFor({ state: 'hidden' });
    assert.equal(await p.locator('.ant-select-item-option:visible', { hasText: 'Đạo Thử Nghiệm' }).count(), 0);
    await p.context().close();
  });

  test('commune-level units: an administrator loads the official list; a bad row blocks it with its reason; the fixed file updates the catalog', async () => {
    const a = await newPage();
    await login(a, 'admin');
    await a.goto(`${base}/catalogs/commune`);
    const table = a.getByTestId('catalog-table');
    await table.locator('tr.ant-table-row').first().waitFor(); // the demo's own units, under Hà Nội
    await table.getByText('01 · Thành phố Hà Nội').first().waitFor();

    const header = 'Mã,Tên,Cấp,Mã TP,Tỉnh / Thành Phố';
    const good = [header, '4,Ba Đình,Phường,1,Thành phố Hà Nội', '26734,Thạnh An,Xã,79,TP Hồ Chí Minh'];
    const bad = [...good, '00002,Xã Hai,Xã,02,'];
    await a.getByTestId('commune-import').click();
    const input = a.locator('[data-testid="commune-import-file"] input[type="file"]');
    const [preview] = await Promise.all([
      a.waitForResponse((r) => r.url().includes('/catalogs/commune/import?dry_run=1')),
      input.setInputFiles({ name: 'danh-muc.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.join('\r\n'), 'utf8') }),
    ]);
    assert.equal(preview.status(), 200);
    const issues = a.getByTestId('import-issues');
    await issues.getByText('"02" không có trong danh mục tỉnh, thành phố từ 01/7/2025.').waitFor();
    assert.ok(await a.getByTestId('commune-import-apply').isDisabled(), 'a file with a bad row cannot be applied');

    await Promise.all([
      a.waitForResponse((r) => r.url().includes('/catalogs/commune/import?dry_run=1')),
      input.setInputFiles({ name: 'danh-muc.csv', mimeType: 'text/csv', buffer: Buffer.from(good.join('\r\n'), 'utf8') }),
    ]);
    await a.getByTestId('commune-import-added').filter({ hasText: /^2$/ }).waitFor();
    assert.equal(await issues.count(), 0);
    await shot(a, '22-commune-import-preview');
    const [applied] = await Promise.all([
      a.waitForResponse((r) => r.url().includes('/catalogs/commune/import?dry_run=0')),
      a.getByTestId('commune-import-apply').click(),
    ]);
    assert.equal(applied.status(), 200);
    await a.getByTestId('catalog-search').fill('thanh an');
    const row = table.locator('tr.ant-table-row', { hasText: 'Xã Thạnh An' });
    await row.getByText('79 · Thành phố Hồ Chí Minh').waitFor();
    await a.context().close();
  });

  test('admission: a case runs from candidate to official member across the branch, the grassroots office and the competent committee; deadlines and overdue flags shown; the quota report for a year and 9 months', async () => {
    const secretary = await apiSession('chibo');
    const committee = await apiSession('danguyxa');
    const branchId = secretary.user.org_id;
    const record = async (p, caseId, date, votes, expectedStatus = 201) => {
      await pickDate(p, 'Ngày', date);
      await p.getByLabel('Số văn bản').fill(`${date}-NQ`);
      if (votes) {
        await p.getByLabel('Tán thành', { exact: true }).fill(String(votes[0]));
        await p.getByLabel('Không tán thành', { exact: true }).fill(String(votes[1]));
        await p.getByLabel('Có quyền biểu quyết').fill(String(votes[2]));
      }
      const [resp] = await Promise.all([
        p.waitForResponse((r) => r.url().endsWith(`/api/v1/admission/cases/${caseId}/steps`) && r.request().method() === 'POST'),
        p.getByTestId('step-submit').click(),
      ]);
      assert.equal(resp.status(), expectedStatus, await resp.text());
      return resp.json();
    };

    // The branch secretary opens the candidate file from the board.
    const a = await newPage();
    await enter(a, 'chibo');
    await a.goto(`${base}/orgs/${branchId}/admission`);
    await a.getByRole('tab', { name: 'Bảng hồ sơ' }).click();
    await a.getByTestId('admission-board').waitFor();
    await a.getByTestId('column-probation').getByText('Hoàng Thị Thu').waitFor(); // a demo case on probation
    await shot(a, '30-admission-board');
    await a.getByTestId('admission-add').click();
    await a.getByLabel('Họ và tên').fill('Lý Thị Duyên');
    await pickDate(a, 'Ngày sinh', '2000-05-10');
    await pickDate(a, 'Giấy chứng nhận lớp nhận thức về Đảng', '2024-09-01');
    await a.getByLabel('Đảng viên giới thiệu').fill('Trần Văn Bình');
    await pickDate(a, 'Đảng viên chính thức từ ngày', '2010-01-01');
    await pickDate(a, 'Cùng công tác với người vào Đảng từ ngày', '2020-01-01');
    const [created] = await Promise.all([
      a.waitForResponse((r) => r.url().endsWith('/api/v1/admission/cases') && r.request().method() === 'POST'),
      a.getByTestId('new-submit').click(),
    ]);
    assert.equal(created.status(), 201, await created.text());
    const caseId = (await created.json()).id;
    await a.getByTestId('case-title').filter({ hasText: 'Lý Thị Duyên' }).waitFor();
    // A vote below 2/3: the server's reason, nothing recorded.
    const refused = await record(a, caseId, '2025-03-10', [7, 1, 12], 422);
    await a.getByTestId('step-error').filter({ hasText: refused.error.message }).waitFor();
    assert.match(refused.error.message, /chưa đạt 2\/3/);
    let c = await record(a, caseId, '2025-03-10', [9, 1, 12]);
    assert.equal(c.stage, 'branch_voted');
    await a.getByTestId('case-stage').filter({ hasText: 'Chi bộ đã đề nghị kết nạp' }).waitFor();
    // The decision was due 60 working days after the vote (5/6/2025): flagged overdue.
    await a.getByTestId('case-next').getByTestId('overdue').filter({ hasText: '05/06/2025' }).waitFor();
    await shot(a, '31-admission-case-proposed');

    // The grassroots office records its vote.
    const b = await newPage();
    await enter(b, 'dangbocoso');
    await b.goto(`${base}/admission/${caseId}`);
    await b.getByTestId('step-form').waitFor();
    c = await record(b, caseId, '2025-03-20', [5, 0, 7]);
    assert.equal(c.stage, 'grassroots_voted');

    // The competent committee finds it in its inbox and decides.
    const d = await newPage();
    await enter(d, 'danguyxa');
    await d.goto(`${base}/orgs/${committee.user.org_id}/admission`);
    const waiting = d.getByTestId('inbox-waiting');
    await waiting.getByText('Lý Thị Duyên').waitFor();
    await d.getByTestId('inbox-overdue').getByText('Trần Thị Mai Anh').waitFor(); // a demo case past its decision deadline
    await shot(d, '32-admission-inbox');
    await waiting.getByText('Lý Thị Duyên').click();
    await d.getByTestId('step-form').waitFor();
    c = await record(d, caseId, '2025-04-01');
    assert.equal(c.stage, 'admitted');
    assert.equal(c.decision_date, '2025-04-01');

    // Ceremony and recognition vote by the branch, the office's vote, the recognition decision.
    await a.goto(`${base}/admission/${caseId}`);
    await a.getByTestId('case-stage').filter({ hasText: 'Đã có quyết định kết nạp' }).waitFor();
    c = await record(a, caseId, '2025-04-15');
    assert.equal(c.stage, 'probation');
    await a.getByTestId('case-stage').filter({ hasText: 'đang dự bị' }).waitFor();
    c = await record(a, caseId, '2026-04-20', [9, 0, 12]);
    await b.goto(`${base}/admission/${caseId}`);
    await b.getByTestId('step-form').waitFor();
    c = await record(b, caseId, '2026-05-05', [6, 0, 7]);
    await d.goto(`${base}/admission/${caseId}`);
    await d.getByTestId('step-form').waitFor();
    c = await record(d, caseId, '2026-06-20');
    assert.equal(c.stage, 'official');
    await d.getByTestId('case-stage').filter({ hasText: 'Đã công nhận đảng viên chính thức' }).waitFor();
    // Official exactly 12 months after the decision, however late the recognition.
    assert.equal(await d.getByTestId('case-official-date').textContent(), '01/04/2026');
    assert.equal(await d.getByTestId('step-form').count(), 0);
    assert.equal(await d.locator('[data-testid="case-timeline"] [data-step]').count(), 7);
    await shot(d, '33-admission-case-official');
    const member = await secretary.get(`/members/${c.member_id}`);
    assert.equal(member.status, 'official');
    assert.equal(member.official_date, '2026-04-01');

    // The quota report of the commune for 2025 and its first 9 months, as the server computes it.
    await d.goto(`${base}/orgs/${committee.user.org_id}/admission`);
    await d.getByRole('tab', { name: 'Chỉ tiêu kết nạp' }).click();
    const year = d.getByLabel('Năm', { exact: true });
    await year.fill('2025');
    await year.press('Enter');
    await d.getByTestId('target-input').fill('7');
    await d.getByTestId('target-save').click();
    for (const [span, to] of [['Cả năm', '2025-12-31'], ['9 tháng đầu năm', '2025-09-30']]) {
      await d.getByTestId('report-span').getByText(span).click();
      const r = await committee.get(`/orgs/${committee.user.org_id}/admission-report?period=year&from=2025-01-01&to=${to}`);
      assert.equal(r.total.target, 7);
      const text = `Toàn bộ: kết nạp ${r.total.admitted} / chỉ tiêu 7 (${r.total.percent.replace('.', ',')} %)`;
      await d.getByTestId('report-total').filter({ hasText: text }).waitFor();
    }
    assert.match(await d.getByTestId('report-xlsx').getAttribute('href'), /format=xlsx/);
    await shot(d, '34-admission-quota-report');
    for (const p of [a, b, d]) await p.context().close();
  });

  test('restructuring: two branches merged by decision, with the preview, the hand-over and the structure as of the day before', async () => {
    const api = await apiSession('bantochuc');
    const root = (await api.get('/orgs')).items[0];
    const g = await api.post('/orgs', { kind: 'grassroots', code: 'BR.G', name: 'Đảng bộ Zeta cơ sở thử', parent_id: root.id, founded_on: '2020-01-01' });
    const b1 = await api.post('/orgs', { kind: 'branch', code: 'BR.B1', name: 'Chi bộ Zeta thôn Một', parent_id: g.id, founded_on: '2020-01-01' });
    const b2 = await api.post('/orgs', { kind: 'branch', code: 'BR.B2', name: 'Chi bộ Zeta thôn Hai', parent_id: g.id, founded_on: '2020-01-01' });
    for (const [org, name] of [[b1, 'Vi Văn Một'], [b2, 'Vi Văn Hai'], [b2, 'Vi Thị Ba']]) {
      await api.post('/members', { org_id: org.id, full_name: name, gender: 'male', birth_date: '1985-01-01', status: 'official', admission_date: '2010-01-01', official_date: '2011-01-01' });
    }
    const p = await newPage();
    await login(p, 'bantochuc');
    await p.goto(`${base}/orgs/${b1.id}/restructure`);
    const form = p.getByTestId('restructure-form');
    await form.waitFor();
    await p.getByTestId('restructure-kind').getByText('Hợp nhất').click();
    // Without a decision: the server names the missing fields at their inputs.
    await p.getByTestId('restructure-preview').click();
    await form.getByText('Trường này là bắt buộc.').first().waitFor();
    await p.getByTestId('decision-number').fill('25-QĐ/ĐU');
    await p.getByTestId('decision-body').fill('Ban Thường vụ Đảng ủy');
    await p.getByTestId('sources').click();
    await p.keyboard.type('Zeta thôn Hai');
    await p.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: 'Chi bộ Zeta thôn Hai' }).click();
    await p.keyboard.press('Escape');
    await p.getByTestId('restructure-preview').click();
    const handOver = p.getByTestId('hand-over');
    await handOver.locator('tr').filter({ hasText: 'Chi bộ Zeta thôn Một' }).filter({ hasText: '3' }).waitFor();
    assert.equal((await api.get(`/orgs/${b1.id}`)).counts.members, 1, 'a preview writes nothing');
    await shot(p, '40-restructure-preview');
    await p.getByTestId('restructure-apply').click();
    await p.getByText('Đã sắp xếp tổ chức theo quyết định.').waitFor();
    await p.getByTestId('restructure-history').getByText('25-QĐ/ĐU', { exact: false }).waitFor();
    assert.equal((await api.get(`/orgs/${b1.id}`)).counts.members, 3);
    assert.equal((await api.get(`/orgs/${b2.id}`)).dissolved_on, todayVn());
    // The grassroots organization's structure: today one branch, the day before two.
    await p.goto(`${base}/orgs/${g.id}/restructure`);
    const asOf = p.getByTestId('tree-as-of');
    await asOf.getByText('Chi bộ Zeta thôn Hai', { exact: false }).waitFor();
    const input = p.getByTestId('as-of-date');
    await input.click();
    await input.fill(isoToVn(todayVn()));
    await input.press('Enter');
    await asOf.getByText('Chi bộ Zeta thôn Một', { exact: false }).waitFor();
    await p.waitForTimeout(300);
    assert.equal(await asOf.getByText('Chi bộ Zeta thôn Hai', { exact: false }).count(), 0);
    // With the members of that day: today the first branch has all three.
    assert.equal(await asOf.locator(`[data-org-id="${b1.id}"] .tcxd-tree-count`).textContent(), '3');
    await shot(p, '41-restructure-as-of');
    // The main tree as of 30/06/2025: the grassroots organization with both branches and their members then.
    const treeDate = p.getByTestId('tree-as-of-date');
    await treeDate.click();
    await treeDate.fill('30/06/2025');
    await treeDate.press('Enter');
    const old = p.getByTestId('org-tree-as-of');
    const gNode = old.locator('.ant-tree-treenode').filter({ has: p.locator(`[data-org-id="${g.id}"]`) });
    await gNode.waitFor();
    assert.equal(await gNode.locator('.tcxd-tree-count').textContent(), '3');
    await gNode.locator('.ant-tree-switcher').click();
    await old.locator(`[data-org-id="${b2.id}"] .tcxd-tree-count`).filter({ hasText: '2' }).waitFor();
    assert.equal(await old.locator(`[data-org-id="${b1.id}"] .tcxd-tree-count`).textContent(), '1');
    await shot(p, '42-tree-as-of');
    // The dashboard as of a past day: nothing the day before the organization was founded (01/01/2020), its
    // three members that day.
    await p.goto(`${base}/orgs/${g.id}/dashboard`);
    const dash = p.getByTestId('dashboard');
    await dash.getByText('Đảng số', { exact: true }).waitFor();
    const picker = p.getByTestId('dashboard-as-of');
    const counted = dash.locator('.ant-card').filter({ hasText: 'Đảng số' }).locator('.ant-statistic-content').first();
    for (const [day, n] of [['31/12/2019', '0'], ['01/01/2020', '3']]) {
      await picker.click();
      await picker.fill(day);
      await picker.press('Enter');
      await dash.getByText(`Số liệu đến ngày ${day}`).waitFor();
      assert.equal((await counted.textContent()).trim(), n, day);
    }
    await p.keyboard.press('Escape');
    await shot(p, '43-dashboard-as-of');
    await p.context().close();
  });

  test('member events: grassroots staff record a death from the member page (a wrong body is refused at its field); the status and the counts change; the watchlist tab shows its lists', async () => {
    const office = await apiSession('dangbocoso');
    const home = office.user.org_id;
    const before = (await office.get(`/orgs/${home}`)).counts;
    const listed = await office.get(`/members?org=${home}&status=official&limit=50`);
    const m = listed.items[listed.items.length - 1];
    const p = await newPage();
    await login(p, 'dangbocoso');
    await p.goto(`${base}/members/${m.id}#events`);
    await p.getByTestId('member-name').filter({ hasText: m.full_name }).waitFor();
    await p.getByTestId('events-tab').click();
    await p.getByTestId('event-action-death').click();
    const form = p.getByTestId('event-form');
    await form.waitFor();
    await p.getByTestId('event-decision_number').fill('12-TB/ĐU');
    // The central level may not record a death (rule member_event.death.bodies): the server's message lands on the field.
    await p.getByTestId('event-decision_body').click();
    await p.locator('.ant-select-item-option').filter({ hasText: 'Cấp Trung ương' }).click();
    await p.getByTestId('event-submit').click();
    await form.locator('.ant-form-item-explain-error').filter({ hasText: 'không có thẩm quyền' }).waitFor();
    assert.equal((await office.get(`/members/${m.id}`)).status, 'official');
    await shot(p, '35-member-event-refused');
    await p.getByTestId('event-decision_body').click();
    await p.locator('.ant-select-item-option').filter({ hasText: 'Chi bộ' }).click();
    await p.getByTestId('event-submit').click();
    await p.getByText('Đã ghi nhận: Từ trần.').waitFor();
    await p.getByTestId('member-name').filter({ hasText: 'Từ trần' }).waitFor();
    await p.getByTestId('events-table').filter({ hasText: '12-TB/ĐU' }).waitFor();
    await p.getByTestId('event-party-age').filter({ hasText: 'dừng tính' }).waitFor();
    assert.equal(await p.getByTestId('event-action-death').count(), 0); // no second leaving event offered
    await shot(p, '36-member-event-death');
    const after = (await office.get(`/orgs/${home}`)).counts;
    assert.equal(after.members, before.members - 1);
    assert.equal(after.by_status.deceased, before.by_status.deceased + 1);
    assert.equal(after.by_status.official, before.by_status.official - 1);
    // The organization's watchlist tab: its four lists with their counts; the header shows the new count.
    await p.goto(`${base}/orgs/${home}/watchlist`);
    await p.getByTestId('org-title').waitFor();
    const w = await office.get(`/orgs/${home}/watchlist`);
    for (const l of w.lists) {
      await p.getByTestId(`watch-count-${l.code}`).filter({ hasText: String(l.count) }).waitFor();
    }
    await p.getByText(`Đảng số ${vn(after.members)}`).waitFor();
    await shot(p, '37-watchlist');
    await p.context().close();
  });

  test('transfer: a member is transferred between two provinces with both sides\' accounts; the directory finds the unit without diacritics; a missing destination is shown on its field', async () => {
    const secretary = await apiSession('chibo');
    const receiver = await apiSession('chibo3');
    const branchId = secretary.user.org_id;
    const branch3Id = receiver.user.org_id;
    const branch3 = await receiver.get(`/orgs/${branch3Id}`);
    // An official member of the sending branch without an open transfer.
    const { items } = await secretary.get(`/members?org=${branchId}&status=official&limit=200`);
    let member = null;
    for (const m of items.slice().reverse()) {
      const cases = await secretary.get(`/transfers?member_id=${m.id}`);
      if (cases.items.every((c) => c.next === null)) {
        member = m;
        break;
      }
    }
    assert.ok(member, 'no member without an open transfer');
    const today = todayVn();
    const step = async (p, caseId, date, fill) => {
      await pickDate(p, 'Ngày', date);
      if (fill) await fill();
      const [resp] = await Promise.all([
        p.waitForResponse((r) => r.url().endsWith(`/api/v1/transfers/${caseId}/steps`) && r.request().method() === 'POST'),
        p.getByTestId('step-submit').click(),
      ]);
      assert.equal(resp.status(), 201, await resp.text());
      return resp.json();
    };

    // The sending branch's secretary opens the member and asks for the transfer.
    const a = await newPage();
    await enter(a, 'chibo');
    await a.goto(`${base}/members/${member.id}`);
    await a.getByTestId('transfer-member').click();
    await a.getByTestId('transfer-create-title').waitFor();
    await a.getByLabel('Số quyết định').fill('25/QĐ-SNV');
    await a.getByLabel('Cơ quan ra quyết định').fill('Sở Nội vụ');
    await pickDate(a, 'Ngày quyết định', addDaysIso(today, -10));
    await pickDate(a, 'Ngày quyết định có hiệu lực', addDaysIso(today, -10));
    await pickDate(a, 'Ngày đảng viên đề nghị', addDaysIso(today, -9));
    // No destination yet: the server's reason lands on the destination's field.
    const [refused] = await Promise.all([
      a.waitForResponse((r) => r.url().endsWith('/api/v1/transfers') && r.request().method() === 'POST'),
      a.getByTestId('transfer-create-submit').click(),
    ]);
    assert.equal(refused.status(), 422);
    await a.locator('.ant-form-item-explain-error').filter({ hasText: 'Chọn chi bộ nơi đến' }).waitFor();
    // The directory finds the receiving branch of the other province, typed without diacritics.
    await a.getByTestId('transfer-directory').click();
    await a.keyboard.type(`${branch3.code.toLowerCase()} ${fold(branch3.name)}`);
    await a.getByTestId('directory-option').filter({ hasText: branch3.code }).first().click();
    await shot(a, '40-transfer-create');
    const [created] = await Promise.all([
      a.waitForResponse((r) => r.url().endsWith('/api/v1/transfers') && r.request().method() === 'POST'),
      a.getByTestId('transfer-create-submit').click(),
    ]);
    assert.equal(created.status(), 201, await created.text());
    const caseId = (await created.json()).id;
    await a.getByTestId('transfer-case-state').filter({ hasText: 'Đã đề nghị' }).waitFor();
    let c = await step(a, caseId, addDaysIso(today, -8));
    assert.equal(c.state, 'approved');
    // The letter is the committee's: the branch is told whose turn it is.
    await a.getByTestId('step-not-yours').waitFor();

    // The sending province's organization department issues the numbered letter.
    const b = await newPage();
    await enter(b, 'bantochuc');
    await b.goto(`${base}/transfers/${caseId}`);
    await b.getByTestId('transfer-step-form').waitFor();
    c = await step(b, caseId, addDaysIso(today, -7), () => b.getByLabel('Đã đóng đảng phí đến hết tháng').fill(addDaysIso(today, -7).slice(0, 7)));
    assert.equal(c.state, 'letter_issued');
    await b.getByTestId('transfer-letter').filter({ hasText: c.letter.number }).waitFor();
    // The letter prints from the case page; the committee's board opens its transfer book of the year.
    const letterHref = await b.getByTestId('print-letter').getAttribute('href');
    assert.ok(letterHref.endsWith(`/api/v1/transfers/${caseId}/letter.pdf`), letterHref);
    const letter = await b.request.get(new URL(letterHref, base).toString());
    assert.equal(letter.status(), 200);
    assert.equal(letter.headers()['content-type'], 'application/pdf');
    const committeeId = (await apiSession('bantochuc')).user.org_id;
    await b.goto(`${base}/orgs/${committeeId}/transfers`);
    await b.getByTestId('transfer-book-count').waitFor();
    await shot(b, '44-transfer-book');
    const bookHref = await b.getByTestId('transfer-book-pdf').getAttribute('href');
    const book = await b.request.get(new URL(bookHref, base).toString());
    assert.equal(book.status(), 200);
    assert.equal(book.headers()['content-type'], 'application/pdf');

    // The receiving branch of the other province sees it on its board and registers the member.
    const r = await newPage();
    await enter(r, 'chibo3');
    await r.goto(`${base}/orgs/${branch3Id}/transfers`);
    await r.getByTestId('transfer-incoming').getByText(member.full_name).first().waitFor();
    await shot(r, '41-transfer-board');
    await r.getByTestId('transfer-incoming').getByRole('link', { name: member.full_name }).first().click();
    await r.getByTestId('transfer-step-form').waitFor();
    c = await step(r, caseId, addDaysIso(today, -6));
    assert.equal(c.state, 'presented');
    await r.getByTestId('step-kind').waitFor();
    c = await step(r, caseId, addDaysIso(today, -5), () => r.getByTestId('step-dossier').check());
    assert.equal(c.state, 'registered');
    await r.getByTestId('transfer-case-state').filter({ hasText: 'Đã tiếp nhận' }).waitFor();
    await r.getByTestId('transfer-timeline').locator('[data-step="registered"]').waitFor();
    await shot(r, '42-transfer-registered');
    const moved = await receiver.get(`/members/${member.id}`);
    assert.equal(moved.org_id, branch3Id);
    assert.equal(moved.status, 'official');
    // The sending side still sees the case, now closed.
    await a.goto(`${base}/transfers/${caseId}`);
    await a.getByTestId('transfer-case-state').filter({ hasText: 'Đã tiếp nhận' }).waitFor();
    for (const p of [a, b, r]) await p.context().close();
  });

  test('rating of one branch in a quarterly campaign: the committee opens it, the member fills in their own form, the branch proposes, the committee decides under the cap, the province lowers one rating, the report and the member see it; the branch is rated as an organization', async () => {
    const office = await apiSession('dangbocoso');
    const secretary = await apiSession('chibo');
    const self = await apiSession('dangvien');
    const orgId = office.user.org_id;
    const branchId = secretary.user.org_id;
    const meId = self.user.member_id;
    const today = todayVn();
    const year = Number(today.slice(0, 4));
    const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
    const label = (l) => ({ excellent: 'Hoàn thành xuất sắc nhiệm vụ', good: 'Hoàn thành tốt nhiệm vụ', completed: 'Hoàn thành nhiệm vụ' })[l];
    /** PUT/POST as an account, with its cookie and CSRF token: the status and the body. */
    const writer = async (name) => {
      const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: name, password: PASSWORD }) });
      const cookie = r.headers.get('set-cookie').split(';')[0];
      const csrf = (await r.json()).csrf_token;
      return async (method, p, body) => {
        const res = await fetch(`${base}/api/v1${p}`, { method, headers: { 'Content-Type': 'application/json', cookie, 'X-CSRF-Token': csrf }, body: JSON.stringify(body) });
        return { status: res.status, body: await res.json() };
      };
    };
    const option = (page, text) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${text}$`) }).click();

    // The grassroots committee opens this quarter's campaign from the board's form.
    const p = await newPage();
    await login(p, 'dangbocoso');
    await p.goto(`${base}/orgs/${orgId}/ratings`);
    await p.getByTestId('rating-open').waitFor();
    await p.getByTestId('rating-open-quarter').click();
    await option(p, `Quý ${quarter}`);
    const [opened] = await Promise.all([
      p.waitForResponse((r) => r.url().endsWith(`/api/v1/orgs/${orgId}/ratings`) && r.request().method() === 'POST'),
      p.getByTestId('rating-open-submit').click(),
    ]);
    assert.equal(opened.status(), 201, await opened.text());
    const campaign = await opened.json();
    assert.deepEqual([campaign.year, campaign.quarter], [year, quarter]);
    await p.getByTestId('rating-board').filter({ hasText: `Quý ${quarter}/${year}` }).waitFor();

    // The member's own screen: the campaign covering them, the form on the rule set's criteria, the result.
    const card = (await self.get(`/members/${meId}/ratings`)).items.find((c) => c.campaign.id === campaign.id);
    assert.ok(card, 'the member sees the campaign of their committee');
    assert.equal(card.line.excluded, null, 'the demo member is rated');
    const m = await newPage();
    await login(m, 'dangvien');
    await m.getByTestId('member-ratings').click();
    const mine = m.locator(`[data-testid="rating-mine-card"][data-campaign="${campaign.id}"]`);
    await mine.waitFor();
    assert.equal(await mine.getAttribute('data-step'), 'not_assessed');
    await mine.getByTestId('rating-mine-assess').click();
    const good = [18, 9, 48, 5]; // 80 points: "good"
    for (const [i, c] of card.criteria.entries()) await m.getByTestId(`rating-score-${c.code}`).fill(String(good[i]));
    await m.getByTestId('rating-self-total').filter({ hasText: `Tổng điểm: 80/${card.bands.total}` }).waitFor();
    const [assessed] = await Promise.all([
      m.waitForResponse((r) => r.url().endsWith(`/api/v1/ratings/${campaign.id}/members/${meId}/self`) && r.request().method() === 'PUT'),
      m.getByTestId('rating-self-submit').click(),
    ]);
    assert.equal(assessed.status(), 200, await assessed.text());
    await mine.locator('[data-testid="rating-mine-self"]').filter({ hasText: `80/100 điểm · mức tính được: ${label('good')}` }).waitFor();
    assert.equal(await mine.getAttribute('data-step'), 'self_assessed');
    await shot(m, '29-rating-member-own-form');

    // The other members of the branch through the API: k excellent (one more than the cap allows), the rest good.
    const sheet = await secretary.get(`/ratings/${campaign.id}/branches/${branchId}`);
    const others = sheet.lines.filter((l) => l.excluded === null && l.member.id !== meId);
    const n = others.length + 1;
    assert.ok(n >= 8, `the branch has ${n} members to rate`);
    let k = 1;
    while (k <= Math.floor((20 * (n - k)) / 100)) k += 1;
    const asBranch = await writer('chibo');
    for (const [i, l] of others.entries()) {
      const body = i < k
        ? { scores: [20, 10, 56, 9], tasks: { assigned: 10, completed: 10, on_time: 10, exceeded: 4 } }
        : { scores: good, tasks: { assigned: 10, completed: 10, on_time: 10, exceeded: 1 } };
      const r = await asBranch('PUT', `/ratings/${campaign.id}/members/${l.member.id}/self`, body);
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }

    // The branch proposes the member's level with a note, beside the self-assessment.
    const b = await newPage();
    await login(b, 'chibo');
    await b.goto(`${base}/ratings/${campaign.id}/branches/${branchId}`);
    await b.getByTestId('rating-sheet').waitFor();
    /** The member's row of the decision screen, turning the table's pages until it shows. */
    const lineRow = (page, id) => page.locator(`[data-testid="rating-lines"] tr[data-row-key="${id}"]`);
    const pageOf = (id) => Math.floor(sheet.lines.findIndex((l) => l.member.id === id) / 50) + 1;
    const showRow = async (page, id) => {
      await page.getByTestId('rating-lines').waitFor();
      if (pageOf(id) > 1) await page.getByTestId('rating-sheet').locator(`.ant-pagination-item-${pageOf(id)}`).click();
      await lineRow(page, id).waitFor();
    };
    const meRow = (page) => lineRow(page, meId);
    await showRow(b, meId);
    await meRow(b).locator('[data-col="score"]').filter({ hasText: /^80$/ }).waitFor();
    await meRow(b).getByTestId('rating-propose-open').click();
    await b.getByTestId('rating-propose-note').fill('Hoàn thành tốt các việc được giao');
    const [proposed] = await Promise.all([
      b.waitForResponse((r) => r.url().endsWith(`/api/v1/ratings/${campaign.id}/members/${meId}/proposal`)),
      b.getByTestId('rating-propose-submit').click(),
    ]);
    assert.equal(proposed.status(), 200, await proposed.text());
    assert.equal((await proposed.json()).proposed_level, 'good');
    await meRow(b).locator('[data-col="proposal"]').filter({ hasText: label('good') }).waitFor();
    await meRow(b).getByText('Hoàn thành tốt các việc được giao').waitFor();
    await shot(b, '30-rating-branch-proposal');
    await b.context().close();

    // The committee's decisions: refused over the cap with the numbers, saved once one excellent is lowered with a reason.
    await p.goto(`${base}/ratings/${campaign.id}/branches/${branchId}`);
    await p.getByTestId('rating-sheet').waitFor();
    await p.locator('[data-testid="rating-meter-check"][data-ok="no"]').filter({ hasText: `${k} xuất sắc > 20 % của ${n - k} tốt` }).waitFor();
    const save = () =>
      Promise.all([
        p.waitForResponse((r) => r.url().endsWith(`/api/v1/ratings/${campaign.id}/decisions`) && !JSON.parse(r.request().postData()).dry_run),
        p.getByTestId('rating-save').click(),
      ]);
    const [refused] = await save();
    assert.equal(refused.status(), 422);
    await p.getByTestId('rating-save-error').filter({ hasText: `${k} xuất sắc > 20 % của ${n - k} tốt` }).waitFor();
    await showRow(p, others[k - 1].member.id);
    const lowered = lineRow(p, others[k - 1].member.id);
    await lowered.getByTestId('rating-choice').click();
    await option(p, label('good'));
    await lowered.getByTestId('rating-reason').fill('Giữ tỷ lệ xuất sắc theo quy định');
    await p.locator('[data-testid="rating-meter-check"][data-ok="yes"]').first().waitFor();
    const [decided] = await save();
    assert.equal(decided.status(), 200, await decided.text());
    assert.equal((await decided.json()).saved, sheet.lines.length); // the rated and those the register says are not rated
    await showRow(p, meId);
    await meRow(p).locator('[data-col="decision"]').filter({ hasText: label('good') }).waitFor();

    // The grassroots committee decided: it is not higher, and the dialog says so; the province lowers the rating.
    await meRow(p).getByTestId('rating-downgrade-open').click();
    await p.getByTestId('rating-downgrade-reason').fill('Chưa gương mẫu trong sinh hoạt');
    const [notHigher] = await Promise.all([
      p.waitForResponse((r) => r.url().endsWith(`/api/v1/ratings/${campaign.id}/members/${meId}/downgrade`)),
      p.getByTestId('rating-downgrade-submit').click(),
    ]);
    assert.equal(notHigher.status(), 403);
    await p.getByTestId('rating-downgrade-error').filter({ hasText: (await notHigher.json()).error.message }).waitFor();
    await shot(p, '31-rating-downgrade-refused');
    await p.keyboard.press('Escape');
    const v = await newPage();
    await login(v, 'bantochuc');
    await v.goto(`${base}/ratings/${campaign.id}/branches/${branchId}`);
    await v.getByTestId('rating-sheet').waitFor();
    await showRow(v, meId);
    await meRow(v).getByTestId('rating-downgrade-open').click();
    await v.getByTestId('rating-downgrade-level').click();
    await option(v, label('completed'));
    await v.getByTestId('rating-downgrade-reason').fill('Chưa gương mẫu trong sinh hoạt');
    const [down] = await Promise.all([
      v.waitForResponse((r) => r.url().endsWith(`/api/v1/ratings/${campaign.id}/members/${meId}/downgrade`)),
      v.getByTestId('rating-downgrade-submit').click(),
    ]);
    assert.equal(down.status(), 200, await down.text());
    await meRow(v).locator('[data-col="decision"]').filter({ hasText: label('completed') }).waitFor();
    await meRow(v).locator('[data-col="downgraded"]').filter({ hasText: `hạ từ "${label('good')}"` }).waitFor();

    // The quarter's report: everyone rated, the downgrade counted by role and levels.
    await v.goto(`${base}/orgs/${branchId}/rating-report?year=${year}&quarter=${quarter}`);
    await v.getByTestId('rating-total-rated').filter({ hasText: new RegExp(`^${vn(n)}$`) }).waitFor();
    const report = await office.get(`/orgs/${branchId}/rating-report?year=${year}&quarter=${quarter}`);
    assert.deepEqual(report.downgrades, [{ role: 'member', role_label: 'Đảng viên', from: 'good', to: 'completed', count: 1 }]);
    const downRow = v.locator('[data-testid="rating-downgrades"] tr.ant-table-row');
    assert.equal(await downRow.count(), 1);
    assert.deepEqual((await downRow.locator('td').allTextContents()).map((x) => x.trim()), ['Đảng viên', label('good'), label('completed'), '1']);
    await shot(v, '32-rating-report-downgrades');
    await v.context().close();

    // The member sees the proposal, the decision and the downgrade with its reason.
    await m.reload();
    await mine.waitFor();
    assert.equal(await mine.getAttribute('data-step'), 'downgraded');
    await mine.getByTestId('rating-mine-proposal').filter({ hasText: 'Hoàn thành tốt các việc được giao' }).waitFor();
    await mine.getByTestId('rating-mine-decision').filter({ hasText: `Cấp trên hạ từ "${label('good')}": Chưa gương mẫu trong sinh hoạt` }).waitFor();
    await mine.getByTestId('rating-mine-decision').filter({ hasText: label('completed') }).waitFor();
    assert.equal(await mine.getByTestId('rating-mine-assess').count(), 0); // decided: no more self-assessment
    await m.context().close();

    // The branch as an organization, on the board: the server's check (a level above what the assessment
    // allows) lands on the form; then the branch is rated "good".
    await p.goto(`${base}/orgs/${branchId}/ratings?c=${campaign.id}`);
    const branchRow = p.locator(`[data-testid="rating-branches"] tr[data-row-key="${branchId}"]`);
    await branchRow.getByTestId('rating-org-open').click();
    const board = await office.get(`/ratings/${campaign.id}?org=${branchId}`);
    const orgScores = [18, 17, 9, 36, 8];
    assert.equal(board.org_criteria.length, orgScores.length);
    for (const [i, c] of board.org_criteria.entries()) await p.getByTestId(`rating-org-score-${c.code}`).fill(String(orgScores[i]));
    await p.getByTestId('rating-org-level').click();
    await option(p, label('excellent'));
    const rate = () =>
      Promise.all([
        p.waitForResponse((r) => r.url().endsWith(`/api/v1/ratings/${campaign.id}/orgs/${branchId}`)),
        p.getByTestId('rating-org-submit').click(),
      ]);
    const [tooHigh] = await rate();
    assert.equal(tooHigh.status(), 422);
    const err = (await tooHigh.json()).error;
    await p.locator('[data-testid="rating-org-form"] .ant-form-item-explain-error').filter({ hasText: err.message }).first().waitFor();
    await p.getByTestId('rating-org-level').click();
    await option(p, label('good'));
    const [rated] = await rate();
    assert.equal(rated.status(), 200, await rated.text());
    const orgRating = await rated.json();
    assert.deepEqual([orgRating.self_total, orgRating.level], [88, 'good']);
    await branchRow.locator('[data-col="org-level"]').filter({ hasText: label('good') }).waitFor();
    await shot(p, '33-rating-org');
    await p.context().close();
  });

  test('admission file: introducers picked from the register with the server refusing a probationary one, background verifications answered, comments, then the branch vote; the calendar editor shows the server error', async () => {
    const secretary = await apiSession('chibo');
    const branchId = secretary.user.org_id;
    const [probationary] = (await secretary.get(`/members?org=${branchId}&status=probationary&limit=1`)).items;
    const [official] = (await secretary.get(`/members?org=${branchId}&status=official&limit=1`)).items;
    assert.ok(probationary && official);
    const created = await secretary.post('/admission/cases', {
      branch_id: branchId, full_name: 'Đinh Thị Ngọc', gender: 'female', birth_date: '2001-02-03', source: 'youth_union',
      youth_union: true, general_education: '3', awareness_certificate_date: '2024-10-01', ethnicity: 'Kinh', religion: 'Không',
    });
    const a = await newPage();
    await enter(a, 'chibo');
    await a.goto(`${base}/admission/${created.id}`);
    const patched = () => a.waitForResponse((r) => r.url().endsWith(`/api/v1/admission/cases/${created.id}`) && r.request().method() === 'PATCH');

    // The introducers: a probationary member searched without diacritics, and the Youth Union.
    const intro = a.getByTestId('introducers');
    const choose = async (slot, member) => {
      await slot.getByTestId('introducer-search').click();
      await a.keyboard.type(fold(member.full_name));
      await a.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: member.full_name }).first().click();
    };
    await intro.getByTestId('introducers-edit').click();
    const slot0 = a.getByTestId('introducer-slot-0');
    await choose(slot0, probationary);
    await pickDate(slot0, 'Cùng công tác, học tập hoặc cùng chi bộ nơi cư trú từ ngày', '2020-01-01');
    const slot1 = a.getByTestId('introducer-slot-1');
    await slot1.getByTestId('introducer-kind').click();
    await a.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^Ban Chấp hành Đoàn cơ sở$/ }).click();
    let [resp] = await Promise.all([patched(), intro.getByTestId('introducers-save').click()]);
    assert.equal(resp.status(), 200, await resp.text());
    const reason = (await resp.json()).introducer_issues['candidate.introducers[0]'];
    assert.match(reason, /chính thức/);
    await intro.getByTestId('introducer-issue-0').filter({ hasText: reason }).waitFor();
    await shot(a, '35-admission-introducer-refused');
    // An official member instead: nothing left to refuse.
    await intro.getByTestId('introducers-edit').click();
    await choose(a.getByTestId('introducer-slot-0'), official);
    [resp] = await Promise.all([patched(), intro.getByTestId('introducers-save').click()]);
    assert.equal(resp.status(), 200, await resp.text());
    assert.deepEqual((await resp.json()).introducer_issues, {});
    await intro.getByTestId('introducers-ok').waitFor();
    await intro.getByTestId('introducer-0').filter({ hasText: official.full_name }).waitFor();

    // A background verification request, then its answer dated before it was sent: the server's error on the input.
    const ver = a.getByTestId('verifications');
    await ver.getByTestId('verifications-add').click();
    const row = ver.getByTestId('verifications-row').first();
    await row.getByLabel('Nơi được đề nghị thẩm tra').fill('Công an xã Tân Lập');
    await pickDate(row, 'Ngày gửi', '2025-01-10');
    [resp] = await Promise.all([patched(), ver.getByTestId('verifications-save').click()]);
    assert.equal(resp.status(), 200, await resp.text());
    await ver.getByText('Chờ trả lời').waitFor();
    await pickDate(ver.getByTestId('verifications-row').first(), 'Ngày trả lời', '2025-01-05');
    [resp] = await Promise.all([patched(), ver.getByTestId('verifications-save').click()]);
    assert.equal(resp.status(), 422);
    const error = (await resp.json()).error;
    assert.equal(error.field, 'verifications[0].answered');
    await ver.locator('.ant-form-item-explain-error').filter({ hasText: error.message }).waitFor();
    await pickDate(ver.getByTestId('verifications-row').first(), 'Ngày trả lời', '2025-01-20');
    await ver.getByTestId('verifications-row').first().getByLabel('Kết luận').fill('Lý lịch rõ ràng');
    [resp] = await Promise.all([patched(), ver.getByTestId('verifications-save').click()]);
    assert.equal(resp.status(), 200, await resp.text());
    await ver.getByText('Đã trả lời').waitFor();

    // A comment of the residence branch.
    const com = a.getByTestId('comments');
    await com.getByTestId('comments-add').click();
    const crow = com.getByTestId('comments-row').first();
    await crow.getByLabel('Nơi nhận xét').click();
    await a.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Chi ủy, chi bộ nơi cư trú' }).click();
    await crow.getByLabel('Tên tổ chức').fill('Chi bộ khu phố 2');
    await pickDate(crow, 'Ngày nhận xét', '2025-01-25');
    await crow.getByLabel('Nội dung').fill('Gương mẫu, được quần chúng tín nhiệm');
    [resp] = await Promise.all([patched(), com.getByTestId('comments-save').click()]);
    assert.equal(resp.status(), 200, await resp.text());
    const saved = await secretary.get(`/admission/cases/${created.id}`);
    assert.deepEqual(saved.verifications, [{ place: 'Công an xã Tân Lập', sent: '2025-01-10', answered: '2025-01-20', conclusion: 'Lý lịch rõ ràng' }]);
    assert.equal(saved.comments[0].source, 'residence_branch');
    await shot(a, '36-admission-file');

    // The branch vote goes through with these introducers.
    await pickDate(a, 'Ngày', '2025-03-10');
    await a.getByLabel('Số văn bản').fill('12-NQ/CB');
    await a.getByLabel('Tán thành', { exact: true }).fill('9');
    await a.getByLabel('Không tán thành', { exact: true }).fill('1');
    await a.getByLabel('Có quyền biểu quyết').fill('12');
    [resp] = await Promise.all([
      a.waitForResponse((r) => r.url().endsWith(`/api/v1/admission/cases/${created.id}/steps`) && r.request().method() === 'POST'),
      a.getByTestId('step-submit').click(),
    ]);
    assert.equal(resp.status(), 201, await resp.text());
    await a.getByTestId('case-stage').filter({ hasText: 'Chi bộ đã đề nghị kết nạp' }).waitFor();
    assert.equal(await a.getByTestId('introducers-edit').count(), 0); // the file's introducers are closed after the vote

    // The administrator's calendar editor: a weekday entered as a worked day is refused with the server's reason.
    const c = await newPage();
    await enter(c, 'admin');
    await c.goto(`${base}/orgs/${branchId}/admission`);
    await c.getByRole('tab', { name: 'Lịch ngày làm việc' }).click();
    await c.getByTestId('calendar-years').getByText('2026').first().waitFor();
    await c.getByTestId('calendar-new-year').fill('2032');
    await c.getByTestId('calendar-add-year').click();
    await c.getByTestId('calendar-add-day').click();
    const day = c.getByTestId('calendar-day').first();
    await pickDate(day, 'Ngày', '2032-01-05'); // a Monday
    await day.getByText('Thứ Hai').waitFor();
    await day.getByLabel('Loại ngày').click();
    await c.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Ngày làm bù' }).click();
    const putYear = () => c.waitForResponse((r) => r.url().endsWith('/api/v1/admission/calendar/2032') && r.request().method() === 'PUT');
    [resp] = await Promise.all([putYear(), c.getByTestId('calendar-save').click()]);
    assert.equal(resp.status(), 422);
    await c.getByTestId('calendar-error').filter({ hasText: (await resp.json()).error.message }).waitFor();
    await pickDate(day, 'Ngày', '2032-01-03'); // a Saturday
    [resp] = await Promise.all([putYear(), c.getByTestId('calendar-save').click()]);
    assert.equal(resp.status(), 204); // no body to show
    await c.getByTestId('calendar-years').getByText('2032').waitFor();
    // The year as saved, read back from the server.
    await c.getByTestId('calendar-day').first().getByText('Thứ Bảy').waitFor();
    await shot(c, '37-admission-calendar');

    // Province staff: the branch's competent committee set to the nearest committee, then back to the default.
    const province = await apiSession('bantochuc');
    const competence = await province.get(`/orgs/${branchId}/competent-committee`);
    const nearest = competence.choices[0];
    assert.notEqual(nearest.id, competence.effective.id);
    const p = await newPage();
    await enter(p, 'bantochuc');
    await p.goto(`${base}/orgs/${branchId}/admission`);
    await p.getByRole('tab', { name: 'Cấp ủy có thẩm quyền' }).click();
    await p.getByTestId('competence-effective').filter({ hasText: competence.effective.name }).waitFor();
    await p.getByTestId('competence-select').click();
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `(${nearest.code})` }).click();
    const putCompetence = () => p.waitForResponse((r) => r.url().endsWith(`/orgs/${branchId}/competent-committee`) && r.request().method() === 'PUT');
    [resp] = await Promise.all([putCompetence(), p.getByTestId('competence-save').click()]);
    assert.equal(resp.status(), 204);
    await p.getByTestId('competence-effective').filter({ hasText: nearest.name }).waitFor();
    assert.equal((await secretary.get(`/admission/cases/${created.id}`)).competent.id, nearest.id);
    await shot(p, '38-admission-competence');
    [resp] = await Promise.all([putCompetence(), p.getByTestId('competence-reset').click()]);
    assert.equal(resp.status(), 204);
    await p.getByTestId('competence-effective').filter({ hasText: competence.effective.name }).waitFor();

    // A term target: a one-year term refused at its field, then 2025–2030 and the term's report as the server computes it.
    await p.getByRole('tab', { name: 'Chỉ tiêu kết nạp' }).click();
    await p.getByTestId('report-mode').getByText('Theo nhiệm kỳ').click();
    await p.getByTestId('term-first').fill('2025');
    await p.getByTestId('term-last').fill('2025');
    await p.getByTestId('term-target').fill('40');
    const putQuota = () => p.waitForResponse((r) => r.url().endsWith(`/orgs/${branchId}/admission-quotas`) && r.request().method() === 'PUT');
    [resp] = await Promise.all([putQuota(), p.getByTestId('term-save').click()]);
    assert.equal(resp.status(), 422);
    const quotaError = (await resp.json()).error;
    assert.equal(quotaError.field, 'last_year');
    await p.getByTestId('term-form').locator('.ant-form-item-explain-error').filter({ hasText: quotaError.message }).waitFor();
    await p.getByTestId('term-last').fill('2030');
    [resp] = await Promise.all([putQuota(), p.getByTestId('term-save').click()]);
    assert.equal(resp.status(), 200, await resp.text());
    await p.getByTestId('term-form').locator('.ant-form-item-explain-error').first().waitFor({ state: 'hidden' }); // the old error is gone
    const term = await province.get(`/orgs/${branchId}/admission-report?period=term&from=2025-01-01&to=${todayVn()}`);
    assert.equal(term.total.target, 40);
    const percent = `${term.total.percent.replace('.', ',')} %`;
    await p.getByTestId('report-total').filter({ hasText: `Toàn bộ: kết nạp ${term.total.admitted} / chỉ tiêu 40 (${percent})` }).waitFor();
    await p.getByTestId('quota-list').getByText('2025–2030').waitFor();
    await shot(p, '39-admission-term-report');
    for (const x of [a, c, p]) await x.context().close();
  });

  test('no page error and no Content-Security-Policy violation on any page', async () => {
    await page.context().close();
    assert.deepEqual(problems, []);
  });
});
