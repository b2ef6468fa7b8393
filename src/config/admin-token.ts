import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { privateDataDir, privateFile } from './private-files.js';

export interface AdminToken {
  token: string;
  /** Where it came from, printed at every start. */
  source: 'env' | 'file' | 'generated';
  file?: string;
}

/**
 * CAJA_ADMIN_TOKEN when set; otherwise the token stored in the data directory,
 * generated (0600) on the first start.
 */
export function resolveAdminToken(configured: string | undefined, dataDir: string): AdminToken {
  if (configured) return { token: configured, source: 'env' };
  const file = path.join(dataDir, 'admin-token');
  privateDataDir(dataDir);
  if (fs.existsSync(file)) {
    privateFile(file, false);
    return { token: fs.readFileSync(file, 'utf8').trim(), source: 'file', file };
  }
  const token = `caja_admin_${randomBytes(24).toString('base64url')}`;
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, source: 'generated', file };
}
