// The warning a front end gives before an unredacted report leaves the machine, worded from the
// candidates 'report.redactionCandidates' answers (`verity report` prints it).

export { redactionWarning } from '../report/redact.js';
