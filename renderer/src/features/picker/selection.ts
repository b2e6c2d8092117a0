// The picker's selection, sized for 100,000 people and more. Each person the picker has seen has a
// slot (a small integer); the selection is one byte per slot plus the slots in the order they
// were selected, so selecting everyone is one loop over typed arrays and the count is a field.
// It is changed in place (copying 100,000 ids per click is what made select-all slow): the slice
// bumps a version number beside it so components know when to read it again.

export class Selection {
  private marks = new Uint8Array(0);
  /** Where each selected slot's entry sits in `order`. */
  private at = new Int32Array(0);
  /** Slots in the order they were selected (the first `length`); entries of slots deselected since are skipped. */
  private order = new Int32Array(0);
  private length = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Makes room for slots below `n`. */
  reserve(n: number): void {
    if (n <= this.marks.length) return;
    const size = Math.max(n, this.marks.length * 2, 1024);
    const marks = new Uint8Array(size);
    marks.set(this.marks);
    const at = new Int32Array(size);
    at.set(this.at);
    this.marks = marks;
    this.at = at;
  }

  has(slot: number): boolean {
    return this.marks[slot] === 1;
  }

  /** Selects `slot`; false if it already was. */
  add(slot: number): boolean {
    if (this.marks[slot] === 1) return false;
    this.reserve(slot + 1);
    this.room(1);
    this.marks[slot] = 1;
    this.at[slot] = this.length;
    this.order[this.length++] = slot;
    this.count += 1;
    return true;
  }

  /**
   * Selects `slots[rows[j]]` for every j (every slot when `rows` is null), except where `skip`
   * is non-zero. One flat loop without calls: a select-all runs it once, before the JIT has
   * had a reason to compile it, so each step must be cheap in the interpreter too.
   */
  addAll(slots: Int32Array, rows: Int32Array | null, skip: Uint8Array): void {
    const n = rows ? rows.length : slots.length;
    this.room(n);
    const { marks, at, order } = this;
    let length = this.length;
    for (let j = 0; j < n; j++) {
      const slot = slots[rows ? rows[j] : j];
      if (marks[slot] === 0 && skip[slot] === 0) {
        marks[slot] = 1;
        at[slot] = length;
        order[length++] = slot;
      }
    }
    this.count += length - this.length;
    this.length = length;
  }

  /** Deselects `slot`; false if it was not selected. */
  delete(slot: number): boolean {
    if (this.marks[slot] !== 1) return false;
    this.marks[slot] = 0;
    this.count -= 1;
    // Stale entries are dropped once they outnumber the live ones, so reading stays linear.
    if (this.length > 2 * this.count + 64) this.compact();
    return true;
  }

  clear(): void {
    this.marks.fill(0);
    this.length = 0;
    this.count = 0;
  }

  /** The first `limit` selected slots, in the order they were selected. */
  slots(limit = Number.POSITIVE_INFINITY): number[] {
    const out: number[] = [];
    const { order, marks, at } = this;
    for (let k = 0; k < this.length && out.length < limit; k++) {
      const slot = order[k];
      if (marks[slot] === 1 && at[slot] === k) out.push(slot);
    }
    return out;
  }

  /** Makes room in `order` for `n` more entries. */
  private room(n: number): void {
    if (this.length + n <= this.order.length) return;
    const order = new Int32Array(Math.max(this.length + n, this.order.length * 2, 1024));
    order.set(this.order.subarray(0, this.length));
    this.order = order;
  }

  private compact(): void {
    const live = this.slots();
    this.order.set(live);
    this.length = live.length;
    for (let k = 0; k < live.length; k++) this.at[live[k]] = k;
  }
}
