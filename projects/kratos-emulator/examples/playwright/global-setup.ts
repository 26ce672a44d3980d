import { join } from 'node:path';
import { startEmulator } from 'kratos-emulator';

// One emulator for the run, on free ports; the specs find it through process.env (workers inherit it).
export default async function globalSetup() {
  const kratos = await startEmulator({
    port: 0,
    adminPort: 0,
    testControls: true,
    seedFile: join(__dirname, 'identities.json'),
  });
  process.env.KRATOS_URL = kratos.url;
  return () => kratos.close(); // the teardown
}
