import { type ComponentChildren, h } from 'preact'

/**
 * A table (or list) that scrolls sideways on its own on a phone instead of widening the page (issue 33).
 * It takes the focus, so it scrolls by keyboard too (axe: scrollable-region-focusable), and is a
 * region named as its table is.
 */
export function Wide({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the focus scrolls the table sideways on a phone.
    <section class="scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  )
}
