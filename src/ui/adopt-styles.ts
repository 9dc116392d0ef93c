/**
 * Applies CSS to a shadow root as a constructable stylesheet, which CSP `style-src` does not
 * block and host selectors cannot reach. Browsers without them (Safari before 16.4, 2023) throw
 * here, and Koe reports the error and shows no prompt rather than an unstyled one.
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  const sheet = new (root.ownerDocument.defaultView as Window & typeof globalThis).CSSStyleSheet()
  sheet.replaceSync(css)
  root.adoptedStyleSheets = [sheet]
}
