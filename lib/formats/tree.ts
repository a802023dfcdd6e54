import type { CellType, HeaderNode } from "./types";

/** A leaf of a column or row tree, with everything derived from its ancestors. */
export interface TreeLeaf {
  readonly node: HeaderNode;
  /** Storage path (keys of the node and its ancestors joined by "."), "" when none. */
  readonly path: string;
  /** Verbatim labels from the root to the leaf. */
  readonly labels: readonly string[];
  /** Parts of the human name (see HeaderNode.name). */
  readonly nameParts: readonly string[];
  /** True when the leaf or one of its ancestors is computed. */
  readonly computed: boolean;
  /** Nearest explicit type on the way from the leaf to the root. */
  readonly type?: CellType;
  /** 1 for top-level nodes. */
  readonly depth: number;
}

function joinPath(base: string, key: string | undefined): string {
  if (!key) return base;
  return base ? `${base}.${key}` : key;
}

/** All leaves of a tree in document order (left to right / top to bottom). */
export function treeLeaves(nodes: readonly HeaderNode[]): TreeLeaf[] {
  const out: TreeLeaf[] = [];
  const walk = (
    list: readonly HeaderNode[],
    path: string,
    labels: readonly string[],
    nameParts: readonly string[],
    computed: boolean,
    type: CellType | undefined,
    depth: number,
  ): void => {
    for (const node of list) {
      const nodePath = joinPath(path, node.key);
      const nodeLabels = [...labels, node.label];
      const name = node.name ?? node.label;
      const nodeNameParts = name ? [...nameParts, name] : nameParts;
      const nodeComputed = computed || node.computed === true;
      const nodeType = node.type ?? type;
      if (node.children && node.children.length > 0) {
        walk(node.children, nodePath, nodeLabels, nodeNameParts, nodeComputed, nodeType, depth + 1);
      } else {
        out.push({
          node,
          path: nodePath,
          labels: nodeLabels,
          nameParts: nodeNameParts,
          computed: nodeComputed,
          type: nodeType,
          depth,
        });
      }
    }
  };
  walk(nodes, "", [], [], false, undefined, 1);
  return out;
}

/** Number of levels of a tree (1 for a flat list). */
export function treeDepth(nodes: readonly HeaderNode[]): number {
  let max = 0;
  for (const node of nodes) {
    const d = node.children && node.children.length > 0 ? 1 + treeDepth(node.children) : 1;
    if (d > max) max = d;
  }
  return max;
}

/** Number of leaves under a node (1 for a leaf). */
export function leafCount(node: HeaderNode): number {
  if (!node.children || node.children.length === 0) return 1;
  let n = 0;
  for (const child of node.children) n += leafCount(child);
  return n;
}

/**
 * Join name parts into a human name: parts are separated by 「·」 except after a part
 * ending in 「、」 (an ordinal such as 「三、」), e.g. 「三、（七）总计」.
 */
export function joinNameParts(parts: readonly string[]): string {
  let out = "";
  for (const part of parts) {
    if (!part) continue;
    if (out === "" || out.endsWith("、")) out += part;
    else out += `·${part}`;
  }
  return out;
}
