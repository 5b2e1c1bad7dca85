// Severity order used for sorting and the top-severity column (lower = more severe).
import type { Severity } from '../model/document.js';

export const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 };
export const RANK_SEVERITY: Severity[] = ['high', 'medium', 'low', 'info'];
