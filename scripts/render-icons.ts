// Renders build/icon.svg to the PNGs electron-builder packs (build/icon.png, build/icons/NxN.png)
// with the Chromium the tests use. Run after editing the SVG: `npx tsx scripts/render-icons.ts`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/chromium';

const buildDir = join(__dirname, '../build');

async function main(): Promise<void> {
  const svg = readFileSync(join(buildDir, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: findChromium()?.path, args: CHROMIUM_ARGS });
  for (const size of [512, 256, 128, 64, 48, 32, 16]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(`<body style="margin:0;background:transparent">${sized}</body>`);
    await page.screenshot({ path: join(buildDir, `icons/${size}x${size}.png`), omitBackground: true });
    if (size === 512) await page.screenshot({ path: join(buildDir, 'icon.png'), omitBackground: true });
  }
  await browser.close();
}

void main();
