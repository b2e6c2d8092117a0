// `npm run preview:web [-- --port P] [-- --data DIR]`: serves the built renderer (npm run build
// first) with the core, on 127.0.0.1.
import { parseArgs } from 'node:util';
import { launchPreview } from './launch';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, data: { type: 'string' } } });

launchPreview({ port: Number(values.port), dataDir: values.data }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
