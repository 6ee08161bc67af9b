// Runs axe-core (WCAG 2.2 A and AA rules) over each HTML file given on the command line, in
// Debian's headless Chromium. Prints every violation and exits 1 if there is any.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node axe-check.mjs FILE.html…');
  process.exit(2);
}
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'axe-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
let failed = 0;
let checked = 0;
for (const file of files) {
  const page = await browser.newPage();
  // A council laptop's screen: nothing may spill off the side of the page.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(pathToFileURL(file).href);
  const spill = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const wide = [...document.querySelectorAll('main *')].find(e => e.getBoundingClientRect().right > width + 1);
    return { scroll: document.documentElement.scrollWidth, width, what: wide ? (wide.closest('table')?.querySelector('caption')?.textContent || wide.tagName) : '' };
  });
  if (spill) {
    failed++;
    console.log(`${file}: the page is ${spill.scroll}px wide at a ${spill.width}px window (${spill.what})`);
  }
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }));
  checked++;
  for (const v of result.violations) {
    failed++;
    console.log(`${file}: ${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`);
  }
  await page.close();
}
await browser.close();
console.log(`axe: ${checked} page(s) checked, ${failed} violation(s)`);
process.exit(failed ? 1 : 0);
