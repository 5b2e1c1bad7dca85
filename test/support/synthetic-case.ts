// The synthetic-case builder lives in src/bench/ (the benchmark uses it for its 1M-document case,
// and src/ may not import test/); tests keep importing it from here.
export * from '../../src/bench/synthetic-case.js';
