/** A `jsonb` column's value: node-postgres parses it, a client that does not hands back the text. */
export const jsonColumn = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T
