import { describe, expect, it } from 'vitest';
import { nextTask } from './next-task';

describe('nextTask', () => {
  it('resolves in a later task: microtasks queued before it have all run', async () => {
    const seen: string[] = [];
    const waiting = nextTask().then(() => seen.push('task'));
    void Promise.resolve()
      .then(() => seen.push('microtask 1'))
      .then(() => seen.push('microtask 2'));
    await waiting;
    expect(seen).toEqual(['microtask 1', 'microtask 2', 'task']);
  });
});
