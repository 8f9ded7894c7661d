import type { KesherError, Result } from './protocol';

/**
 * A Result as a value or a thrown Error with the background's message, for UI code that shows
 * a rejected promise as an error. Zod-free: the content script imports it.
 */
export async function unwrap<T>(
  answer: Promise<Result<T>>,
  describe: (error: KesherError) => string = (error) => error.message,
): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(describe(result.error));
  return result.value;
}
