/**
 * Applies CSS to a shadow root as a constructable stylesheet, which CSP `style-src` does not
 * block. Browsers without constructable stylesheets (Safari < 16.4) throw on the constructor or
 * ignore the assignment; they get a `<style>` element instead.
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  try {
    const sheet = new (root.ownerDocument.defaultView as Window & typeof globalThis).CSSStyleSheet()
    sheet.replaceSync(css)
    root.adoptedStyleSheets = [sheet]
    if (root.adoptedStyleSheets.length) return
  } catch {
    /* fall through to <style> */
  }
  const style = root.ownerDocument.createElement('style')
  style.textContent = css
  root.appendChild(style)
}
