// Builds the organisation tree from materialised paths (`/410000/410100/` is a child of `/410000/`). An org whose
// parent is not in the list (outside the caller's scope) becomes a root; missing levels are skipped over.
import type { OrgView } from '@/api/types'

export interface OrgNode {
  org: OrgView
  children: OrgNode[]
}

/** `/410000/410100/41010501/` → [`/410000/410100/`, `/410000/`], nearest first. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter((p) => p.length > 0)
  const out: string[] = []
  for (let n = parts.length - 1; n > 0; n--) out.push(`/${parts.slice(0, n).join('/')}/`)
  return out
}

export function buildOrgTree(orgs: readonly OrgView[]): OrgNode[] {
  const byPath = new Map<string, OrgNode>()
  for (const org of orgs) byPath.set(org.path, { org, children: [] })
  const roots: OrgNode[] = []
  for (const node of byPath.values()) {
    const parent = ancestorPaths(node.org.path)
      .map((p) => byPath.get(p))
      .find((n) => n !== undefined)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  const sort = (nodes: OrgNode[]): OrgNode[] => {
    nodes.sort((a, b) => a.org.code.localeCompare(b.org.code))
    nodes.forEach((n) => sort(n.children))
    return nodes
  }
  return sort(roots)
}

/** The nodes (with their ancestors) whose name or code contains `text`. */
export function filterOrgTree(nodes: readonly OrgNode[], text: string): OrgNode[] {
  const needle = text.trim().toLowerCase()
  if (!needle) return [...nodes]
  const out: OrgNode[] = []
  for (const node of nodes) {
    const children = filterOrgTree(node.children, needle)
    const hit = node.org.name.toLowerCase().includes(needle) || node.org.code.includes(needle)
    if (hit || children.length > 0) out.push({ org: node.org, children: hit ? node.children : children })
  }
  return out
}
