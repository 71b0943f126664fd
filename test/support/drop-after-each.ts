import { afterEach } from 'vitest';

/**
 * Registers an afterEach that drops every test table handed to the returned function
 * during the test, and returns that function. One line per test file instead of a
 * hand-kept variable.
 */
export function dropAfterEach() {
  const pending: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const drop of pending.splice(0)) await drop();
  });
  return <T extends { drop: () => Promise<void> }>(resource: T): T => {
    pending.push(resource.drop);
    return resource;
  };
}
