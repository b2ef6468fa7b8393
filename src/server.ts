import net from 'node:net';
import { loadConfig, type Config } from './config/config.js';
import { startRuntime, type Runtime } from './runtime.js';
import { seedIfEmpty, type Seeded } from './sandbox/seed.js';
import { posQrUrls } from './providers/mercadopago/pos/render.js';
import type { AdminToken } from './config/admin-token.js';

/** `caja serve`: the process around the runtime: config, listening, banner, signals. */
export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
  let config = configOrExit(env);
  // PORT=0 asks for any free port; pick it now so the URLs caja hands out (QR codes, banner) name it.
  if (config.port === 0) config = configOrExit({ ...env, PORT: String(await freePort(config.host)) });
  const runtime = await startRuntime(config);
  // From here on a signal shuts down cleanly, even before listening.
  handleSignals(runtime);
  const seeded = config.seed ? await seedIfEmpty(runtime.ctx) : undefined;
  await runtime.app.listen({ port: config.port, host: config.host });
  const port = (runtime.app.server.address() as { port: number }).port;
  printBanner(config, port, runtime.ctx.store.dialect, runtime.ctx.admin, seeded);
  return runtime;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function configOrExit(env: NodeJS.ProcessEnv): Config {
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    console.error('caja cannot start; fix the configuration:');
    for (const problem of loaded.error) console.error(`  - ${problem}`);
    process.exit(1);
  }
  return loaded.value;
}

function printBanner(config: Config, port: number, dialect: string, admin: AdminToken, seeded: Seeded | undefined): void {
  const url = config.publicUrl;
  const lines = [
    '',
    `caja is listening on http://${config.host}:${port} (${dialect}${dialect === 'sqlite' ? `, ${config.dataDir}` : ''})`,
    `  API base URL:   ${url}`,
    `  API docs:       ${url}/docs`,
    admin.source === 'env'
      ? '  Admin token:    from CAJA_ADMIN_TOKEN'
      : `  Admin token:    ${admin.source === 'generated' ? 'generated and stored' : 'stored'} in ${admin.file}`,
  ];
  if (seeded) {
    lines.push(
      '',
      'Demo seller created (shown once; only a hash of the token is stored):',
      `  user_id:        ${seeded.created.seller.id} (site ${seeded.created.site.id})`,
      `  access token:   ${seeded.created.accessToken}`,
      `  POS external id ${seeded.pos.external_id} (POS id ${seeded.pos.id})`,
      `  POS QR image:   ${posQrUrls(url, seeded.pos).image}`,
      `  Point terminal: ${seeded.terminal.id} (${seeded.terminal.operating_mode} mode, on POS ${seeded.pos.id})`,
    );
  }
  console.log(lines.join('\n') + '\n');
}

function handleSignals(runtime: Runtime): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    runtime.ctx.log.info({ signal }, 'shutting down: finishing in-flight requests');
    runtime.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
