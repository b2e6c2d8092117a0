// `npm run preview:web [-- --port P]`: builds nothing, serves the built renderer with the core.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPreviewServer } from './server';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const root = join(__dirname, '../..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

startPreviewServer({ port: Number(values.port), rendererDir: join(root, 'out/renderer'), appVersion: version })
  .then((preview) => {
    console.log(`preview at ${preview.url}`);
    const stop = () => void preview.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
