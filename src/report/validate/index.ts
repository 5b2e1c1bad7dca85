// `report.validate`: the case's report scored against an analyst's ground truth (a CSV or JSON file,
// docs/detection-bench.md "Truth format"), with the text the CLI prints.

import type { Db } from '../../store/db.js';
import type { ValidateOptions, ValidationResult } from '../../model/validation.js';
import { gatherReport } from '../gather.js';
import { jsonReportFrom } from '../json.js';
import { renderValidationText } from './render.js';
import { scoreValidation } from './score.js';
import { parseTruth } from './truth.js';

export { TruthParseError } from './truth.js';

/** Throws TruthParseError (with every malformed line) when the truth cannot be read. */
export function validateCase(db: Db, truth: string, source: string, options: ValidateOptions): { result: ValidationResult; text: string } {
  const entries = parseTruth(truth, source);
  const report = jsonReportFrom(gatherReport(db, {}));
  const result = scoreValidation(report, entries, options);
  return { result, text: renderValidationText(result) };
}
