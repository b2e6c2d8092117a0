// Test helper run in a child process (node --import tsx): COUNT key exchanges with the light
// client on one connection to HOST:PORT, then reports {exchanges} to the parent. A process of its
// own, so the client's arithmetic runs on the other core and the sandbox's is what is measured.
import { LightKeyClient } from './lightKeyExchange';

async function main(): Promise<void> {
  const [host, port, count] = process.argv.slice(2);
  const client = await LightKeyClient.open({ host: host!, port: Number(port), publicKeyPem: process.env.SANDBOX_PEM! });
  let exchanges = 0;
  try {
    for (let i = 0; i < Number(count); i++) {
      await client.exchange();
      exchanges++;
    }
  } finally {
    client.close();
    process.send!({ exchanges });
  }
}

main().catch((error: unknown) => {
  process.send!({ error: (error as Error).message });
  process.exitCode = 1;
});
