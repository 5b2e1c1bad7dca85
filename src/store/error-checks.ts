// Findings that record a failure to read a document (extract.*, ingest.*) rather than a trace of
// forgery: they count neither as flags nor in the score.

export function isErrorCheck(check: string): boolean {
  return check.startsWith('extract.') || check.startsWith('ingest.');
}
