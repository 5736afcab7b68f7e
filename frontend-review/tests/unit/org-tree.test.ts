import { describe, expect, it } from 'vitest'
import type { OrgView } from '@/api/types'
import { ancestorPaths, buildOrgTree, filterOrgTree, type OrgNode } from '@/utils/org-tree'

let n = 0
const org = (path: string, name: string, kind = 'site'): OrgView => {
  const code = path.split('/').filter(Boolean).pop() ?? ''
  return { id: `id-${++n}`, code, name, kind, path, active: true, parent_id: null }
}

const shape = (nodes: OrgNode[]): unknown => nodes.map((x) => [x.org.code, ...(x.children.length ? [shape(x.children)] : [])])

describe('organisation tree', () => {
  it('lists the ancestors of a path, nearest first', () => {
    expect(ancestorPaths('/410000/410100/41010501/')).toEqual(['/410000/410100/', '/410000/'])
    expect(ancestorPaths('/410000/')).toEqual([])
  })

  it('nests orgs by path and sorts children by code, whatever the input order', () => {
    const tree = buildOrgTree([
      org('/410000/410300/41030501/', '洛龙区报名点', 'point'),
      org('/410000/410300/', '洛阳市考点'),
      org('/410000/410100/41010502/', '郑大一附院报名点', 'point'),
      org('/410000/', '河南省考区', 'region'),
      org('/410000/410100/', '郑州市考点'),
      org('/410000/410100/41010501/', '金水区报名点', 'point'),
    ])
    expect(shape(tree)).toEqual([['410000', [['410100', [['41010501'], ['41010502']]], ['410300', [['41030501']]]]]])
  })

  it('makes roots of orgs whose parent is outside the scope, and skips missing levels', () => {
    const tree = buildOrgTree([
      org('/410000/410100/', '郑州市考点'),
      org('/410000/410100/41010501/', '金水区报名点', 'point'),
      org('/410000/410300/41030501/7/', '某单位', 'institution'),
      org('/410000/410300/', '洛阳市考点'),
    ])
    expect(shape(tree)).toEqual([['410100', [['41010501']]], ['410300', [['7']]]])
  })

  it('does not confuse a code prefix with a parent', () => {
    const tree = buildOrgTree([org('/4100/', 'A'), org('/410000/', 'B')])
    expect(shape(tree)).toEqual([['4100'], ['410000']])
  })

  it('filters by name or code and keeps the ancestors of hits', () => {
    const tree = buildOrgTree([
      org('/410000/', '河南省考区', 'region'),
      org('/410000/410100/', '郑州市考点'),
      org('/410000/410300/', '洛阳市考点'),
      org('/410000/410300/41030501/', '洛龙区报名点', 'point'),
    ])
    expect(shape(filterOrgTree(tree, '洛龙'))).toEqual([['410000', [['410300', [['41030501']]]]]])
    expect(shape(filterOrgTree(tree, '410100'))).toEqual([['410000', [['410100']]]])
    expect(filterOrgTree(tree, '上海')).toEqual([])
    expect(filterOrgTree(tree, '  ')).toHaveLength(1)
  })
})
