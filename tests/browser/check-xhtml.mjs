// Opens each Inline XBRL supplement in headless Chromium (Debian's), runs axe-core with the
// WCAG 2.0/2.1 A and AA rules, and prints each violation with its nodes. Also writes, for a
// person to look at, a screenshot of the first screen and of the climate accounts, and the
// print to PDF (A4, the document's own print style sheet).
// Usage: node check-xhtml.mjs OUT_DIR FILE.xhtml...   Exit 1 on any violation.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [outDir, ...files] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
});
let violations = 0;
try {
  for (const file of files) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() =>
      axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
    const name = path.basename(file, '.xhtml');
    for (const v of result.violations) {
      violations += 1;
      console.log(`${name}: ${v.id} (${v.impact}): ${v.help}`);
      for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(' ')}: ${n.failureSummary}`);
    }
    for (const v of result.incomplete) console.log(`${name}: to review: ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
    console.log(`${name}: ${result.passes.length} rules passed, ${result.violations.length} violated, ` +
                `${result.incomplete.length} need review`);
    await page.screenshot({ path: path.join(outDir, `${name}.first-screen.png`) });
    const climate = await page.$('#climate');
    if (climate) {
      await page.evaluate((e) => e.scrollIntoView(), climate);
      await page.screenshot({ path: path.join(outDir, `${name}.climate.png`) });
    }
    await page.emulateMediaType('print');
    await page.pdf({ path: path.join(outDir, `${name}.print.pdf`), format: 'A4', preferCSSPageSize: true });
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(violations ? 1 : 0);
