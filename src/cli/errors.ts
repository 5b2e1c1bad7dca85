// The two ways a command fails with one clear sentence: a usage mistake (exit 2) or a stated problem
// such as a file that cannot be read (exit 1).

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}
