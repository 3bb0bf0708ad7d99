/**
 * Whether a parsed document reaches itself: an alias inside the node it names (`a: &a [*a]`) makes both YAML
 * libraries build a value that contains itself. No Kubernetes object can be one, and everything after intake
 * (JSON for the webview, the store, exports) would fail on it or loop, so such a document is skipped (#16).
 * Iterative, and each shared value (what aliases make) is walked once.
 */
export function isCircular(value: unknown): boolean {
  const done = new Set<object>();
  const open = new Set<object>();
  const stack: { readonly node: object; readonly children: readonly unknown[]; next: number }[] = [];
  const enter = (item: unknown): boolean => {
    if (item === null || typeof item !== 'object') return false;
    if (open.has(item)) return true;
    if (done.has(item)) return false;
    open.add(item);
    stack.push({ node: item, children: childrenOf(item), next: 0 });
    return false;
  };
  if (enter(value)) return true;
  for (let top = stack[stack.length - 1]; top !== undefined; top = stack[stack.length - 1]) {
    if (top.next < top.children.length) {
      if (enter(top.children[top.next++])) return true;
    } else {
      stack.pop();
      open.delete(top.node);
      done.add(top.node);
    }
  }
  return false;
}

function childrenOf(item: object): readonly unknown[] {
  if (Array.isArray(item)) return item;
  if (item instanceof Map) return [...item.keys(), ...item.values()];
  if (item instanceof Set) return [...item];
  return Object.values(item);
}
