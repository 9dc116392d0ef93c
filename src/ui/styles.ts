/**
 * The prompt's stylesheet, adopted into its shadow root as a constructable stylesheet: allowed
 * under `style-src 'self'` (no inline `<style>`, no `style=` attributes) and out of reach of the
 * host page's selectors. Every colour, border, shadow, radius and font is a custom property of
 * the first rule; the dark scheme and the theme override them from later `:host` rules (see
 * theme-css.ts), never through attributes. Placement comes from the host's `data-position`
 * (or `data-inline`); sides are logical (`inset-inline-end`), so a right-to-left prompt mirrors.
 * Each line ends in `\`, a line continuation: the lines read apart here and ship as one.
 */
export const PROMPT_CSS = `:host{--koe-accent:#0b57d0;--koe-accent-text:#fff;--koe-background:#fff;--koe-text:#1f1f1f;--koe-border:#c4c7c5;--koe-control-border:#747775;\
--koe-shadow:0 4px 24px #0003;--koe-radius:12px;--koe-z-index:2147483000;--koe-kb:0px;\
--koe-font:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP","Noto Sans Arabic","Noto Sans Hebrew",sans-serif}\
:host{all:initial;position:fixed;z-index:var(--koe-z-index);right:16px;bottom:16px;display:block;width:400px;max-width:calc(100vw - 32px);\
font:16px/1.5 var(--koe-font);color:var(--koe-text)}\
:host([data-position=bottom-left]){right:auto;left:16px}\
:host([data-position$=center]){right:0;left:0;margin:auto}\
:host([data-position=top-center]){bottom:auto;top:16px}\
:host([data-inline]){position:relative;z-index:auto;inset:auto;width:auto;max-width:none;margin:0}\
*{box-sizing:border-box;font:inherit;color:inherit}\
.koe{position:relative;display:block;max-width:100%;margin:0;background:var(--koe-background);color:var(--koe-text);border:1px solid var(--koe-border);border-radius:var(--koe-radius);\
padding:16px 16px 12px;box-shadow:var(--koe-shadow)}\
:host([data-inline]) .koe{box-shadow:none}\
dialog.koe{position:fixed;inset:0;margin:auto;width:400px;max-width:calc(100vw - 32px);height:fit-content}\
::backdrop{background:#0007}\
.koe:lang(ja),.koe:lang(zh){word-break:auto-phrase;line-break:strict}\
.koe:lang(ko){word-break:keep-all}\
.q,.thanks{margin:0 0 12px;margin-inline-end:32px;font-weight:600}\
.scale{display:grid;grid-template-columns:repeat(auto-fit,minmax(24px,1fr));gap:4px}\
.opt{position:relative;min-width:24px}\
input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}\
.n,textarea{display:flex;align-items:center;justify-content:center;min-height:36px;border:1px solid var(--koe-control-border);border-radius:6px;background:var(--koe-background)}\
:checked+.n{background:var(--koe-accent);color:var(--koe-accent-text);border-color:var(--koe-accent)}\
:focus-visible+.n,:focus-visible{outline:3px solid var(--koe-accent);outline-offset:2px}\
.anchors{display:flex;justify-content:space-between;gap:16px;margin:4px 0 12px;font-size:13px;line-height:1.3}\
.anchors span:last-child{text-align:end}\
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}\
.follow{display:block;font-size:14px}\
textarea{display:block;width:100%;min-height:64px;margin-top:4px;padding:6px 8px;resize:vertical}\
.actions{display:flex;justify-content:flex-end;margin-top:12px}\
button{border:0;cursor:pointer;background:none}\
.send{font-weight:600;min-height:36px;padding:0 20px;border-radius:18px;background:var(--koe-accent);color:var(--koe-accent-text)}\
.send:disabled{opacity:.5;cursor:default}\
.close{position:absolute;top:8px;inset-inline-end:8px;width:32px;height:32px;border-radius:16px;font-size:20px;line-height:1}\
@media (prefers-reduced-motion:no-preference){.koe{animation:koe-in .2s ease-out}}\
@keyframes koe-in{from{opacity:0;transform:translateY(8px)}}\
@media (forced-colors:active){:checked+.n{forced-color-adjust:none;background:Highlight;color:HighlightText}.send,.close{border:1px solid ButtonText}}\
@media (max-width:480px){:host(:not([data-inline],[data-position=center])){inset:auto 0 var(--koe-kb) 0;width:auto;max-width:none;margin:0}\
:host(:not([data-inline],[data-position=center])) .koe{border-radius:var(--koe-radius) var(--koe-radius) 0 0;padding-bottom:max(12px,env(safe-area-inset-bottom))}\
.koe{padding-inline:12px}.scale{gap:2px}}`

/** The dark scheme's values of the custom properties: every pair keeps 4.5:1 or more. */
export const DARK_CSS =
  '--koe-accent:#a8c7fa;--koe-accent-text:#062e6f;--koe-background:#1f1f1f;--koe-text:#e3e3e3;--koe-border:#5e5e5e;--koe-control-border:#8e918f;--koe-shadow:0 4px 24px #000a'
