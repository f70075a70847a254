import { chromium } from 'playwright-core';
const base = 'http://localhost:3099';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const width = Number(process.argv[2]);
const context = await browser.newContext({ viewport: { width, height: 900 } });
const page = await context.newPage();
await page.goto(base + '/login');
await page.fill('input[name=email]', 'm@gemeente.test');
await page.fill('input[name=password]', 'een lange zin als wachtwoord');
await page.click('button[type=submit]');
await page.waitForLoadState('networkidle');
for (const path of process.argv.slice(3)) {
  await page.goto(base + path);
  await page.waitForTimeout(500);
  const wide = await page.evaluate((w) => {
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 1 && el.children.length < 50) {
        const p = el.parentElement?.getBoundingClientRect();
        if (!p || p.right <= w + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} id=${el.id} right=${Math.round(r.right)} width=${Math.round(r.width)}`);
      }
    }
    return out.slice(0, 12);
  }, width);
  console.log(path, wide);
}
await browser.close();
