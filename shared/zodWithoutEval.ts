// Imported first by the renderer, before any schema is built. zod compiles its object parsers
// with `new Function` unless told not to, and its probe for that is reported as a violation in a
// page whose CSP forbids eval and whose Trusted Types allow no policy. The main process keeps it.
import { z } from 'zod';

z.config({ jitless: true });
