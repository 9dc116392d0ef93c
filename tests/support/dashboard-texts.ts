import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const DASHBOARD = fileURLToPath(
  new URL('../../packages/koe-collector/src/dashboard/', import.meta.url),
)

/** A place in the dashboard's code, to name in a failure. */
export interface Found {
  text: string
  at: string
}

/** The dashboard's source files, editor included. */
function sources(dir = DASHBOARD): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  )
}

/** Attributes whose text a person reads or hears. */
const READ_ATTRIBUTES = new Set(['label', 'aria-label', 'placeholder', 'title', 'alt'])

/**
 * What the dashboard's code says to people, read with TypeScript's parser: the English keys it
 * translates (the literal texts given to `t`, `tn` and `msg`), and the English it shows without
 * translating (JSX text, and the read attributes, with a word of two letters or more in them).
 */
export function dashboardTexts() {
  const keys: Found[] = []
  const untranslated: Found[] = []
  for (const file of sources()) {
    const code = readFileSync(file, 'utf8')
    const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
    const at = (node: ts.Node) =>
      `${file.slice(DASHBOARD.length)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const name = node.expression.text
        const texts =
          name === 't' || name === 'msg'
            ? node.arguments.slice(0, 1)
            : name === 'tn'
              ? node.arguments.slice(1, 3)
              : []
        for (const arg of texts)
          if (ts.isStringLiteralLike(arg)) keys.push({ text: arg.text, at: at(arg) })
      }
      if (ts.isJsxText(node) && /[A-Za-z]{2}/.test(node.text))
        untranslated.push({ text: node.text.trim(), at: at(node) })
      if (
        ts.isJsxAttribute(node) &&
        READ_ATTRIBUTES.has(node.name.getText(source)) &&
        node.initializer &&
        ts.isStringLiteral(node.initializer) &&
        /[A-Za-z]{2}/.test(node.initializer.text)
      )
        untranslated.push({ text: node.initializer.text, at: at(node) })
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return { keys, untranslated }
}
