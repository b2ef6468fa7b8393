import net from 'node:net';
import { loadConfig, type Config } from './config/config.js';
import { startRuntime, type Runtime } from './runtime.js';
import { seedIfEmpty, type Seeded } from './sandbox/seed.js';
import { posQrUrls } from './providers/mercadopago/pos/render.js';
import type { AdminToken } from './config/admin-token.js';
import { countSellers } from './store/repos/sellers.js';

/** `caja serve`: the process around the runtime: config, listening, banner, signals. */
export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
  let config = configOrExit(env);
  // PORT=0 asks for any free port; pick it now so the URLs caja hands out (QR codes, banner) name it.
  if (config.port === 0) config = configOrExit({ ...env, PORT: String(await freePort(config.host)) });
  const runtime = await startRuntime(config);
  // From here on a signal shuts down cleanly, even before listening.
  handleSignals(runtime);
  // Listen before seeding: if the port is taken, no demo token is created and lost.
  await listenOrExit(runtime, config);
  const port = (runtime.app.server.address() as { port: number }).port;
  const seeded = config.seed ? await seedIfEmpty(runtime.ctx) : undefined;
  const sellers = seeded ? 1 : await countSellers(runtime.ctx.store.db);
  printBanner(config, port, runtime.ctx.store.dialect, runtime.ctx.admin, seeded, sellers);
  return runtime;
}

/**
 * Listens on the HTTP server Fastify built, rather than app.listen(), so no JSON
 * log line precedes the banner; a taken port is one line, not a stack trace.
 */
async function listenOrExit(runtime: Runtime, config: Config): Promise<void> {
  await runtime.app.ready();
  const server = runtime.app.server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? `port ${config.port} on ${config.host} is already in use (another caja?); stop it or set PORT`
        : code === 'EACCES'
          ? `port ${config.port} on ${config.host} needs privileges; set PORT above 1023`
          : `cannot listen on ${config.host}:${config.port}: ${(e as Error).message}`;
    console.error(`caja cannot start: ${why}`);
    await runtime.close().catch(() => undefined);
    process.exit(1);
  }
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

function printBanner(config: Config, port: number, dialect: string, admin: AdminToken, seeded: Seeded | undefined, sellers: number): void {
  const url = config.publicUrl;
  const adminToken = admin.source === 'env' ? '$CAJA_ADMIN_TOKEN' : `$(cat ${admin.file})`;
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
    const token = seeded.created.accessToken;
    lines.push(
      '',
      'Demo seller created (shown once; only a hash of the token is stored):',
      `  user_id:        ${seeded.created.seller.id} (site ${seeded.created.site.id})`,
      `  access token:   ${token}`,
      `  webhook secret: ${seeded.created.seller.webhook_secret}`,
      `  POS external id ${seeded.pos.external_id} (POS id ${seeded.pos.id})`,
      `  POS QR image:   ${posQrUrls(url, seeded.pos).image}`,
      `  Point terminal: ${seeded.terminal.id} (${seeded.terminal.operating_mode} mode, on POS ${seeded.pos.id})`,
      '',
      'Try it:',
      `  curl -s ${url}/users/me -H 'Authorization: Bearer ${token}'`,
    );
  } else {
    lines.push(
      '',
      sellers > 0
        ? `${sellers} seller${sellers === 1 ? '' : 's'} in the database; tokens are shown only once. To get a new access token:`
        : 'No sellers yet. Create one:',
    );
    if (sellers > 0) {
      lines.push(
        '  npm run caja -- sellers             lists them (user_id, site, name)',
        '  npm run caja -- token <user_id>     prints a new access token (earlier ones stay valid)',
        `  or: curl -s -X POST ${url}/sandbox/sellers/<user_id>/tokens -H "Authorization: Bearer ${adminToken}"`,
      );
    } else {
      lines.push(`  curl -s -X POST ${url}/sandbox/sellers -H "Authorization: Bearer ${adminToken}" -H 'Content-Type: application/json' -d '{"site_id":"MLA"}'`);
    }
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
