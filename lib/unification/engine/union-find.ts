/**
 * Disjoint sets over 0…size−1 (path halving, union by size), remembering the edges that joined
 * two sets: a spanning forest of everything united, in the order the unions happened.
 */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeLabel: Int32Array;
  edgeCount = 0;

  constructor(readonly count: number) {
    this.parent = new Int32Array(count);
    for (let index = 0; index < count; index++) this.parent[index] = index;
    this.size = new Int32Array(count).fill(1);
    this.edgeFrom = new Int32Array(Math.max(0, count - 1));
    this.edgeTo = new Int32Array(Math.max(0, count - 1));
    this.edgeLabel = new Int32Array(Math.max(0, count - 1));
  }

  find(index: number): number {
    const parent = this.parent;
    while (parent[index] !== index) {
      const grandparent = parent[parent[index]!]!;
      parent[index] = grandparent;
      index = grandparent;
    }
    return index;
  }

  /** Unites the sets of a and b; when they were apart, records the edge a–b with its label. */
  union(a: number, b: number, label: number): boolean {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) return false;
    if (this.size[rootA]! < this.size[rootB]!) [rootA, rootB] = [rootB, rootA];
    this.parent[rootB] = rootA;
    this.size[rootA] = this.size[rootA]! + this.size[rootB]!;
    const edge = this.edgeCount++;
    this.edgeFrom[edge] = a;
    this.edgeTo[edge] = b;
    this.edgeLabel[edge] = label;
    return true;
  }
}
