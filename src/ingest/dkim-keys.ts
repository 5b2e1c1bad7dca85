// DKIM keys for a scan: those stored in the case plus any imported with --dkim-keys.
import type { Db } from '../store/db.js';
import { storeDkimKeys, storedDkimKeys } from '../store/dkim-keys.js';
import { parseDkimKeyFile } from '../checks/dkim-keys.js';

export function loadDkimKeys(db: Db, importText?: string): Map<string, string> {
  if (importText) storeDkimKeys(db, parseDkimKeyFile(importText).keys);
  return storedDkimKeys(db);
}
