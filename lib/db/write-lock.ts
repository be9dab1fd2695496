import { DatabaseBusyError } from "./database-busy-error";

/**
 * A first-come, first-served lock for the one writer connection of a process. A waiter that
 * has not got it within its bound gives up with DatabaseBusyError instead of queueing forever.
 */
export class WriteLock {
  #held = false;
  readonly #waiters: Array<{ grant: () => void }> = [];

  acquire(waitMs: number): Promise<() => void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.#releaser());
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new DatabaseBusyError(waitMs));
      }, waitMs);
      this.#waiters.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next.grant();
      else this.#held = false;
    };
  }
}
