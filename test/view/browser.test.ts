// End to end in headless Chromium (Debian's, driven by playwright-core): the viewer served over a
// Case2Code dataset, a GIFT4Code folder and an eval run, then the same as a static bundle opened
// from file://. Each view's screenshot is written under out/screenshots/ (not committed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startViewServer, type ViewServer } from '../../src/view/server.js';
import { writeBundle } from '../../src/view/bundle.js';
import { CHROMIUM, launch, newPage, shot } from './browser.js';
import { C2C_ROWS, G4C_ROWS, makeViewFixture, type ViewFixture } from './setup.js';

const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (scripts/setup.sh installs Debian's chromium)`;

let fx: ViewFixture;
let server: ViewServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

before(async () => {
  if (skip) return;
  fx = await makeViewFixture('browser');
  server = await startViewServer(fx.root, { port: 0 });
  browser = await launch();
  page = await newPage(browser);
  page.on('pageerror', (e) => errors.push(e.message));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (fx) rmSync(fx.root, { recursive: true, force: true });
});

async function open(base: string, hash: string): Promise<void> {
  await page.goto(`${base}${hash}`);
}

const total = async () => Number((await page.getByTestId('total').textContent())!.replace(/,/g, ''));
const figure = async (label: string) => page.locator('.figure', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd').textContent();

async function waitTotal(n: number): Promise<void> {
  await page.waitForFunction((want) => document.querySelector('[data-testid="total"]')?.textContent?.replace(/,/g, '') === String(want), n);
}

test('Case2Code: the summary shows the run\'s counts', { skip }, async () => {
  await open(server.url, '#/d/c2c/summary');
  await page.getByTestId('figures').waitFor();
  assert.equal(await figure('records'), String(C2C_ROWS));
  assert.equal(await figure('test split'), String(fx.c2c.filter((r) => r.split === 'test').length));
  assert.equal(await figure('functions read'), String(C2C_ROWS + 3));
  const dropped = page.locator('section[aria-label="dropped"]');
  assert.equal(await dropped.locator('tbody tr').count(), 2, 'drops by reason');
  // The chart is drawn after the table's rows: wait for its bars rather than counting at once.
  await dropped.locator('svg rect').first().waitFor();
  assert.ok((await dropped.locator('svg rect').count()) > 0, 'drawn as bars');
  await shot(page, 'case2code-summary');
});

test('Case2Code: charts render as SVG with bars', { skip }, async () => {
  await open(server.url, '#/d/c2c/charts');
  await page.locator('figure.chart[data-key="mutation_score"] svg').waitFor();
  for (const key of ['mutation_score', 'coverage', 'shown', 'template', 'output_types']) {
    assert.ok((await page.locator(`figure.chart[data-key="${key}"] svg rect`).count()) > 0, `${key} has bars`);
  }
  await shot(page, 'case2code-charts');
  // A click on a bar lists its rows.
  await page.locator('figure.chart[data-key="template"] svg rect.pick').first().click();
  await page.waitForURL(/samples\?.*f\.template=/);
  const tpl = decodeURIComponent(new URL(page.url().replace('#/', '')).hash || page.url()).match(/f\.template=([^&]+)/)![1];
  await waitTotal(fx.c2c.filter((r) => r.metadata.template === tpl).length);
});

test('Case2Code: filtering by split and a score range lists the right rows', { skip }, async () => {
  await open(server.url, '#/d/c2c/samples');
  await waitTotal(C2C_ROWS);
  assert.equal(await page.locator('table.list tbody tr').count(), 50);
  await page.selectOption('select[name="split"]', 'test');
  const test = fx.c2c.filter((r) => r.split === 'test');
  await waitTotal(test.length);
  await page.fill('input[name="r.mutation_score.min"]', '0.3');
  await page.fill('input[name="r.mutation_score.max"]', '0.7');
  await page.press('input[name="r.mutation_score.max"]', 'Tab');
  const want = test.filter((r) => r.metadata.mutation_score >= 0.3 && r.metadata.mutation_score <= 0.7);
  await waitTotal(want.length);
  assert.equal(await page.locator('table.list tbody tr').count(), want.length);
  const ids = await page.locator('table.list tbody tr td:nth-child(3)').allTextContents();
  assert.deepEqual(new Set(ids), new Set(want.map((r) => r.id)));
  assert.match(page.url(), /split=test/);
  assert.match(decodeURIComponent(page.url()), /r\.mutation_score=0\.3\.\.0\.7/, 'the filter is in the address');
  await shot(page, 'case2code-samples-filtered');
});

test('Case2Code: keyboard opens a record, which shows its cases', { skip }, async () => {
  await open(server.url, '#/d/c2c/samples?split=train');
  await waitTotal(fx.c2c.filter((r) => r.split === 'train').length);
  await page.locator('table.list tbody tr').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const target = fx.c2c.filter((r) => r.split === 'train')[1];
  await page.getByTestId('record-id').waitFor();
  assert.equal(await page.getByTestId('record-id').textContent(), target.id);
  await page.getByRole('tab', { name: 'cases' }).click();
  const shown = page.locator('section[aria-label="shown cases"] tbody tr');
  assert.equal(await shown.count(), target.shown.length);
  assert.equal(await shown.first().locator('td').nth(1).textContent(), target.shown[0].call);
  assert.equal(await page.locator('section[aria-label="held-out cases"] tbody tr').count(), target.heldout.length);
  await shot(page, 'case2code-record-cases');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((id) => document.querySelector('[data-testid="record-id"]')?.textContent === id, fx.c2c.filter((r) => r.split === 'train')[2].id);
  await page.getByRole('tab', { name: 'prompt & completion' }).click();
  assert.ok((await page.locator('.hljs-keyword').count()) > 0, 'the completion is highlighted');
  await shot(page, 'case2code-record-prompt');
});

test('GIFT4Code: summary counts, the notebook as cells and the output frame as a table', { skip }, async () => {
  await open(server.url, '#/d/g4c/summary');
  await page.getByTestId('figures').waitFor();
  assert.equal(await figure('records'), String(G4C_ROWS));
  assert.equal(await figure('lines skipped \\(not a JSON object\\)'), '2');
  await shot(page, 'gift4code-summary');
  // Filtering by split and a range (steps per program) lists the right rows.
  await open(server.url, '#/d/g4c/samples');
  await waitTotal(G4C_ROWS);
  await page.selectOption('select[name="split"]', 'test');
  await waitTotal(fx.g4c.filter((r) => r.split === 'test').length);
  await page.fill('input[name="r.step_count.min"]', '2');
  await page.press('input[name="r.step_count.min"]', 'Enter');
  const want = fx.g4c.filter((r) => r.split === 'test' && (r.metadata as { steps: string[] }).steps.length >= 2);
  assert.ok(want.length > 0 && want.length < fx.g4c.filter((r) => r.split === 'test').length);
  await waitTotal(want.length);
  assert.deepEqual(new Set(await page.locator('table.list tbody tr td:nth-child(3)').allTextContents()), new Set(want.map((r) => r.id)));
  await shot(page, 'gift4code-samples-filtered');
  await open(server.url, '#/d/g4c/samples?f.spec_kind=examples');
  await waitTotal(fx.g4c.filter((r) => r.spec_kind === 'examples').length);
  await page.locator('table.list tbody tr').first().click();
  await page.locator('.notebook').waitFor();
  assert.equal(await page.locator('.notebook .code-cell').count(), 3, 'two context cells and the solution');
  const frame = page.locator('.notebook .output .frame table');
  assert.deepEqual(await frame.locator('thead th').allTextContents(), ['', '"city"', '"total"']);
  assert.equal(await frame.locator('tbody tr').count(), 2);
  await shot(page, 'gift4code-notebook');
  await open(server.url, '#/d/g4c/charts');
  await page.locator('figure.chart[data-key="family"] svg rect').first().waitFor();
  await shot(page, 'gift4code-charts');
});

test('eval: pass@k, failed tasks, expected and got side by side', { skip }, async () => {
  await open(server.url, '#/d/eval/summary');
  await page.getByTestId('figures').waitFor();
  const n = fx.evalTasks.right.length + fx.evalTasks.wrong.length + fx.evalTasks.broken.length;
  assert.equal(await figure('tasks'), String(n));
  assert.equal(await figure('pass@1'), `${((fx.evalTasks.right.length / n) * 100).toFixed(1)}%`);
  const subsets = page.locator('section[aria-label="subsets › source"]');
  assert.equal(await subsets.locator('tbody tr').count(), new Set(fx.c2c.filter((r) => r.split === 'test').map((r) => r.metadata.source.path)).size);
  await subsets.locator('svg rect').first().waitFor();
  assert.ok((await subsets.locator('svg rect').count()) > 0, 'pass@1 per subset drawn as bars');
  assert.equal(await subsets.locator('svg').getByText('pass@1').count(), 1, 'the bars measure pass@1');
  await shot(page, 'eval-summary');
  await open(server.url, '#/d/eval/charts');
  await page.locator('figure.chart[data-key="status"] svg rect').first().waitFor();
  await shot(page, 'eval-charts');
  // A range filter: tasks with no passed sample are exactly the failed ones.
  await open(server.url, '#/d/eval/samples');
  await waitTotal(n);
  await page.fill('input[name="r.passed.max"]', '0');
  await page.press('input[name="r.passed.max"]', 'Enter');
  const failed = fx.evalTasks.wrong.length + fx.evalTasks.broken.length;
  await waitTotal(failed);
  await open(server.url, '#/d/eval/samples');
  await waitTotal(n);
  await page.selectOption('select[name="f.status"]', 'failed');
  await waitTotal(failed);
  assert.deepEqual(new Set(await page.locator('table.list tbody tr td:nth-child(2)').allTextContents()), new Set([...fx.evalTasks.wrong, ...fx.evalTasks.broken]));
  await page.selectOption('select[name="f.error_kind"]', 'NameError');
  await waitTotal(fx.evalTasks.broken.length);
  await shot(page, 'eval-tasks-failed');
  await open(server.url, `#/d/eval/samples?q=${fx.evalTasks.wrong[0]}`);
  await waitTotal(1);
  await page.locator('table.list tbody tr').first().click();
  await page.getByTestId('sample').first().waitFor();
  const expected = await page.getByTestId('expected').first().textContent();
  const got = await page.getByTestId('got').first().textContent();
  const rec = fx.c2c.find((r) => r.id === fx.evalTasks.wrong[0])!;
  assert.ok([...rec.shown, ...rec.heldout].some((c) => c.output === expected), 'expected is the case\'s recorded output');
  assert.notEqual(got, expected);
  assert.ok((await page.locator('.sample .hljs-keyword').count()) > 0, 'the extracted code, highlighted');
  assert.ok(got!.length >= 60, 'a long value');
  assert.ok((await page.locator('.expected-got .diff ins').count()) > 0, 'a long value gets a diff marking what got adds');
  await shot(page, 'eval-task-expected-got');
});

test('the static bundle works from a file:// URL', { skip }, async () => {
  const out = join(fx.root, 'bundle');
  const r = await writeBundle(fx.root, out);
  assert.equal(r.datasets, 3);
  const base = pathToFileURL(join(out, 'index.html')).href;
  await open(base, '#/d/c2c/summary');
  await page.getByTestId('figures').waitFor();
  assert.equal(await figure('records'), String(C2C_ROWS));
  await open(base, '#/d/c2c/samples?split=test&r.mutation_score=0.3..0.7');
  await waitTotal(fx.c2c.filter((x) => x.split === 'test' && x.metadata.mutation_score >= 0.3 && x.metadata.mutation_score <= 0.7).length);
  await page.locator('table.list tbody tr').first().click();
  await page.getByRole('tab', { name: 'cases' }).click();
  assert.ok((await page.locator('section[aria-label="shown cases"] tbody tr').count()) >= 3);
  await shot(page, 'bundle-record');
  await open(base, '#/d/c2c/samples?q=rec000042');
  await waitTotal(1);
  await open(base, '#/d/c2c/charts');
  await page.locator('figure.chart[data-key="coverage"] svg rect').first().waitFor();
  await open(base, `#/d/eval/samples?f.status=failed`);
  await waitTotal(fx.evalTasks.wrong.length + fx.evalTasks.broken.length);
  await open(base, '#/d/c2c/dropped');
  await page.locator('.dropped-list tbody tr').first().waitFor();
  assert.equal(await page.locator('.dropped-list tbody tr').count(), 5);
  await shot(page, 'bundle-dropped');
  assert.deepEqual(errors, [], 'no script errors on any page');
});
