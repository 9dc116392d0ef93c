/** A child of {@link h}: a node, text (always inserted as text, never parsed), or nothing. */
export type Child = Node | string | number | null | undefined | false | Child[]

/**
 * Builds real DOM from JSX (`jsxFactory: "h"`), without a virtual DOM: the prompt is built once
 * and updated by hand, which keeps the script tag small. `onClick`-style props add listeners;
 * boolean props (`checked`, `disabled`) and `maxLength` are set as properties; everything else is
 * an attribute. Text children become text nodes, so survey text can never become markup.
 */
export function h(
  tag: string,
  props: Record<string, unknown> | null,
  ...children: Child[]
): HTMLElement {
  const element = document.createElement(tag)
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key.startsWith('on'))
      element.addEventListener(key.slice(2).toLowerCase(), value as EventListener)
    else if (typeof value === 'boolean' || key === 'maxLength')
      (element as unknown as Record<string, unknown>)[key] = value
    else if (value != null) element.setAttribute(key, String(value))
  }
  element.append(...flatten(children))
  return element
}

const flatten = (children: Child[]): (Node | string)[] =>
  children.flatMap((child) =>
    Array.isArray(child)
      ? flatten(child)
      : child === null || child === undefined || child === false
        ? []
        : [typeof child === 'number' ? String(child) : child],
  )

// TypeScript looks up the JSX types of a factory in a namespace of the same name.
export declare namespace h {
  namespace JSX {
    type Element = HTMLElement
    interface IntrinsicElements {
      [tag: string]: Record<string, unknown>
    }
  }
}
