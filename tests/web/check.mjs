// Opens each HTML file given in headless Chromium, runs axe-core with the
// WCAG 2.2 AA rules, and measures the page at 320 CSS pixels wide (what
// 200% zoom of a 640-pixel window, and 400% of 1280, give). Prints one JSON
// object per file: {"file", "violations": [{id, impact, help, nodes}],
// "overflow": px wider than the viewport, "focusVisible": bool}.
//
// Usage: node check.mjs FILE.html ...   (CHROMIUM overrides /usr/bin/chromium)

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  for (const file of process.argv.slice(2)) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.evaluate(axeSource);
    const results = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, {
        runOnly: {
          type: "tag",
          values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
        },
      }),
    );
    // A keyboard user sees where focus is: the first link's outline.
    await page.keyboard.press("Tab");
    const focusVisible = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return false;
      const style = getComputedStyle(el);
      return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    });
    await page.setViewport({ width: 320, height: 640 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    console.log(
      JSON.stringify({
        file,
        violations: results.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => n.html).slice(0, 3),
        })),
        overflow,
        focusVisible,
      }),
    );
    await page.close();
  }
} finally {
  await browser.close();
}
