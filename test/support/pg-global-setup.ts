import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded-pg.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/** One PostgreSQL server for the whole postgres project; each test file makes its own database in it. */
export default async function setup(project: TestProject) {
  const pg = await startEmbeddedPostgres();
  project.provide('pgAdminUrl', pg.url);
  return async () => {
    await pg.stop();
  };
}
