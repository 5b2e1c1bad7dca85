// Reading a JSON column (facts, evidence, locators): a missing or unreadable value gives the fallback.

export function parseJsonColumn<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
