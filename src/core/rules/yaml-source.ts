import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml'
import type { RuleIssue } from '../errors.ts'
import { RULE_LIMITS, tooDeep } from './limits.ts'

/** A rule or ruleset file as text, named by its path for error messages. */
export interface RuleSource {
  path: string
  text: string
}

export type YamlPath = readonly PropertyKey[]

/** A parsed YAML file that can say where any value in it was written. */
export interface LocatedYaml {
  value: unknown
  issues: RuleIssue[]
  /** file:line:column of the value at `path`; a missing key points at its parent, `key` points at a key itself */
  issueAt(path: YamlPath, message: string, key?: string): RuleIssue
}

/** `known`: the text's value as this function parsed it before, without issues; the text is then parsed only to place an issue */
export function parseYamlSource(source: RuleSource, known?: unknown): LocatedYaml {
  if (known !== undefined) {
    let located: LocatedYaml | undefined
    return { value: known, issues: [], issueAt: (path, message, key) => (located ??= parseYamlSource(source)).issueAt(path, message, key) }
  }
  const lines = new LineCounter()
  const doc = parseDocument(source.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number, message: string, path?: YamlPath): RuleIssue => {
    const pos = lines.linePos(offset)
    return { file: source.path, line: pos.line, column: pos.col, message, ...(path && path.length > 0 && { path: path.join('.') }) }
  }
  const issues = [...doc.errors, ...doc.warnings].map((e) => at(e.pos[0], yamlMessage(e.message)))
  let value = issues.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 })
  const deep = tooDeep(value)
  if (deep) {
    issues.push(at(offsetOf(doc, deep), NESTED_TOO_DEEP, deep))
    value = undefined
  }
  return {
    value,
    issues,
    issueAt(path, message, key) {
      return at(offsetOf(doc, path, key), message, key !== undefined ? [...path, key] : path)
    },
  }
}

const NESTED_TOO_DEEP = `maps and lists are nested too deeply: at most ${RULE_LIMITS.maxNesting} levels`

/** the parser's message, first line; its own stack overflow on very deep nesting is said plainly */
function yamlMessage(message: string): string {
  return /call stack/i.test(message) ? NESTED_TOO_DEEP : message.split('\n')[0]!
}

function offsetOf(doc: Document, path: YamlPath, key?: string): number {
  // walk down as far as the path exists, so a missing key is reported at its parent
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as PropertyKey[], true)
    if (!isNode(node)) continue
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === key)
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0]
    }
    if (node.range) return node.range[0]
  }
  return 0
}
