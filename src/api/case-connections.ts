// The service's connections to a case: read-only for every query, writable for the analyst's work
// and DKIM keys. Read-write opens both at once; read-only has no writer and opens on first use.

import { CaseFileError, openCase, type Db } from '../store/db.js';
import { CaseReader } from '../store/queries/reader.js';
import { ApiError } from './errors.js';

export type CaseAccess = 'read-write' | 'read-only';

export class CaseConnections {
  private readSide: CaseReader | null = null;
  private writeDb: Db | null = null;
  private closed = false;

  constructor(
    readonly caseFile: string,
    readonly access: CaseAccess,
  ) {
    if (access === 'read-only') return;
    // The writable connection first: it creates and migrates a new case, which the read-only one needs.
    this.writeDb = openCase(caseFile);
    try {
      this.readSide = new CaseReader(openCase(caseFile, { readonly: true }));
    } catch (e) {
      this.writeDb.close();
      throw e;
    }
  }

  get reader(): CaseReader {
    if (this.readSide) return this.readSide;
    if (this.closed) throw new ApiError('no-case-open', `the case ${this.caseFile} is closed`);
    try {
      this.readSide = new CaseReader(openCase(this.caseFile, { readonly: true }));
    } catch (e) {
      if (e instanceof CaseFileError) throw new ApiError('not-found', e.message);
      throw e;
    }
    return this.readSide;
  }

  get writer(): Db {
    if (this.writeDb) return this.writeDb;
    if (this.closed) throw new ApiError('no-case-open', `the case ${this.caseFile} is closed`);
    throw new ApiError('conflict', `the case ${this.caseFile} is open read-only`);
  }

  /** Forget cached answers (after a write this process made on another connection). */
  invalidate(): void {
    this.readSide?.invalidate();
  }

  close(): void {
    this.closed = true;
    this.readSide?.db.close();
    this.writeDb?.close();
    this.readSide = this.writeDb = null;
  }
}
