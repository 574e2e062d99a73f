/**
 * Keys kept in order by a numeric rank (ascending; ties by key). Adding, finding and removing
 * one is a binary search and one splice, so a list of thousands stays ordered through every
 * change without being sorted again.
 */
export class SortedKeys {
  private readonly ranks: number[] = [];
  private readonly keys: string[] = [];

  get length(): number {
    return this.keys.length;
  }

  at(index: number): string | undefined {
    return this.keys[index];
  }

  /** Adds `key` at `rank`; the caller removes it first if it was there under another rank. */
  insert(key: string, rank: number): void {
    const index = this.search(key, rank);
    this.ranks.splice(index, 0, rank);
    this.keys.splice(index, 0, key);
  }

  /** Removes `key`, which must have been inserted with `rank`; false if it was not there. */
  remove(key: string, rank: number): boolean {
    const index = this.search(key, rank);
    if (this.keys[index] !== key) return false;
    this.ranks.splice(index, 1);
    this.keys.splice(index, 1);
    return true;
  }

  clear(): void {
    this.ranks.length = 0;
    this.keys.length = 0;
  }

  /** The first index whose (rank, key) is not below the given one. */
  private search(key: string, rank: number): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const before = this.ranks[middle]! < rank || (this.ranks[middle] === rank && this.keys[middle]! < key);
      if (before) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
