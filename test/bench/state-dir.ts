import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A fresh directory for a server's local state (`--persist-to`), in memory where Linux offers
 * one (/dev/shm). Every stored message is a durable write; on a disk, `wrangler dev`'s SQLite
 * syncs each to the device, and a run measured about 950 messages/s against 4,000/s in memory
 * (same code, same machine): the disk, not Parley, would be the figure. Production storage has
 * its own durability path, so neither disk nor memory is it; memory shows Parley's own cost.
 * `--disk` keeps the state on disk.
 */
export function stateDir(prefix: string, onDisk: boolean): string {
  const base = !onDisk && existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
  return mkdtempSync(join(base, prefix));
}
