import type { Party } from '../record/schema.ts'
import type { Direction, TransferView } from '../screen/view.ts'

/** Whose window a rule keeps, and from which side(s) of a transfer it looks. */
export interface EntitySpec {
  path: string
  /** state keys of one kind share a namespace: sender.phone and party.phone are both "phone" */
  namespace: string
  perspectives: Direction[]
  key(view: TransferView): string | undefined
}

const IDENTIFIER_FIELDS = new Set(['id', 'account', 'phone', 'email', 'handle', 'name', 'institution', 'city', 'country'])

export function compileEntity(path: string): EntitySpec | string | undefined {
  if (path === 'none') return undefined
  const [root, leaf] = path.split('.') as [string, string]
  if (root === 'sender' || root === 'receiver' || root === 'party') {
    if (!IDENTIFIER_FIELDS.has(leaf)) return `entity "${path}": a party entity must be one of ${[...IDENTIFIER_FIELDS].join(', ')}`
    const normalise = identifierNormaliser(leaf)
    const perspectives: Direction[] = root === 'party' ? ['out', 'in'] : root === 'sender' ? ['out'] : ['in']
    return {
      path,
      namespace: leaf,
      perspectives,
      key: (v) => {
        const raw = v.party[leaf as keyof Party]
        return raw === undefined || raw === '' ? undefined : normalise(raw)
      },
    }
  }
  if (root === 'device' && (leaf === 'id' || leaf === 'ip')) {
    return { path, namespace: path, perspectives: ['out'], key: (v) => v.ctx.record.device?.[leaf] || undefined }
  }
  if (root === 'location' && (leaf === 'branch' || leaf === 'city' || leaf === 'country')) {
    return { path, namespace: path, perspectives: ['out'], key: (v) => v.ctx.record.location?.[leaf] || undefined }
  }
  return `entity "${path}" is not supported; use none, sender.<field>, receiver.<field>, party.<field>, device.id, device.ip or location.branch`
}

/** Identifiers written differently by different institutions still have to meet in one state. */
export function identifierNormaliser(field: string): (raw: string) => string {
  switch (field) {
    case 'phone':
      return (raw) => {
        const digits = raw.replace(/\D+/g, '')
        return digits.startsWith('00') ? digits.slice(2) : digits
      }
    case 'email':
      return (raw) => raw.trim().toLowerCase()
    case 'handle':
      return (raw) => raw.trim().replace(/^@+/, '').toLowerCase()
    default:
      return (raw) => raw
  }
}
