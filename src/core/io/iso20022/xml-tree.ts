/** An element of a small XML subtree (one transaction, a group header): local names, prefixes dropped. */
export interface XmlNode {
  name: string
  attrs: Record<string, string>
  text: string
  children: XmlNode[]
}

export function xmlNode(name: string, attrs: Record<string, string>): XmlNode {
  return { name, attrs, text: '', children: [] }
}

/** the local part of a possibly prefixed name: `ns2:Document` → `Document` */
export function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

/** the first element at a slash-separated path below `node` */
export function at(node: XmlNode | undefined, path: string): XmlNode | undefined {
  let here = node
  for (const step of path.split('/')) {
    if (here === undefined) return undefined
    here = here.children.find((c) => c.name === step)
  }
  return here
}

/** the trimmed text at a path, or undefined when the element is absent or empty */
export function textAt(node: XmlNode | undefined, path: string): string | undefined {
  const text = at(node, path)?.text.trim()
  return text === undefined || text === '' ? undefined : text
}

/** every element at a path (the last step repeated), e.g. each `RmtInf/Ustrd` */
export function allAt(node: XmlNode | undefined, path: string): XmlNode[] {
  const steps = path.split('/')
  const last = steps.pop()!
  const parent = steps.length > 0 ? at(node, steps.join('/')) : node
  return parent ? parent.children.filter((c) => c.name === last) : []
}
