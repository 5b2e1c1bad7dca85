// The error a handler throws to answer with a specific wire code; anything else becomes 'internal'.

import type { ApiErrorCode } from '../model/api.js';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
