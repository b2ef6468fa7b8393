import { configOrExit, serve } from '../server.js';
import { storageCommand } from './storage.js';
import { openStore } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { printNewToken, printSellers } from './sellers.js';

const USAGE = `usage: caja <command>

  serve     start caja (applies pending migrations first)
  migrate   apply pending migrations and exit
  sellers   list the sellers (user_id, site, name)
  token <user_id>
            issue another access token for a seller (earlier ones stay valid)
  storage   rows and bytes stored, by table; --prune removes now what retention allows

Configuration comes from the environment; see the README.`;

async function main(command: string | undefined, arg: string | undefined): Promise<void> {
  switch (command) {
    case 'sellers':
      await printSellers();
      return;
    case 'token':
      await printNewToken(arg);
      return;
    case 'serve':
      await serve();
      return;
    case 'migrate': {
      const config = configOrExit(process.env);
      const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
      const applied = await migrate(store);
      await store.close();
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply: the schema is current');
      return;
    }
    case 'storage':
      await storageCommand(configOrExit(process.env), process.argv.slice(3));
      return;
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      process.exit(2);
  }
}

main(process.argv[2], process.argv[3]).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
