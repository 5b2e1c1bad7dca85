// Verity's version, reported in every report and by `verity --version`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const VERITY_VERSION: string = (require('../package.json') as { version: string }).version;
