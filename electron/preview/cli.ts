// `npm run preview:web [-- --port P] [-- --data DIR] [-- --sandbox DIR/sandbox.json]`: serves the
// built renderer (npm run build first) with the core, on 127.0.0.1. `--sandbox` (or
// $ROLLCALL_SANDBOX) uses a sandbox started on its own instead of one in this process.
import { parseArgs } from 'node:util';
import { externalSandbox } from '../core/sandboxFile';
import { launchPreview } from './launch';

try {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '0' }, data: { type: 'string' }, sandbox: { type: 'string' } },
  });
  const external = externalSandbox(values.sandbox, process.env);
  launchPreview({ port: Number(values.port), dataDir: values.data, external }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
