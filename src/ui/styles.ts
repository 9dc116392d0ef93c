/**
 * The prompt's stylesheet, adopted into its shadow root as a constructable stylesheet: allowed
 * under `style-src 'self'` (no inline `<style>`, no `style=` attributes) and out of reach of the
 * host page's selectors. Theme values override the custom properties of the first rule from a
 * later `:host` rule (see theme-css.ts), never through attributes.
 */
export const PROMPT_CSS = `:host{--koe-accent:#0b57d0;--koe-accent-text:#fff;--koe-bg:#fff;--koe-text:#1f1f1f;--koe-radius:12px;--koe-z:2147483000;
--koe-font:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif}
:host{all:initial;position:fixed;z-index:var(--koe-z);right:16px;bottom:16px;display:block;width:400px;max-width:calc(100vw - 32px);
font:16px/1.5 var(--koe-font);color:var(--koe-text)}
*{box-sizing:border-box;font:inherit;color:inherit}
.koe{position:relative;background:var(--koe-bg);border:1px solid #c4c7c5;border-radius:var(--koe-radius);padding:16px 16px 12px;box-shadow:0 4px 24px #0003}
.q,.thanks{margin:0 32px 12px 0;font-weight:600}
.scale{display:flex;gap:4px;margin-bottom:28px}
.opt{position:relative;flex:1 1 0;min-width:24px}
input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.n,textarea{display:flex;align-items:center;justify-content:center;min-height:36px;border:1px solid #747775;border-radius:6px;background:var(--koe-bg)}
:checked+.n{background:var(--koe-accent);color:var(--koe-accent-text);border-color:var(--koe-accent)}
:focus-visible+.n,:focus-visible{outline:3px solid var(--koe-accent);outline-offset:2px}
.a{position:absolute;top:100%;left:0;margin-top:4px;font-size:13px;white-space:nowrap}
.opt:last-child .a{left:auto;right:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.follow{display:block;font-size:14px}
textarea{display:block;width:100%;min-height:64px;margin-top:4px;padding:6px 8px;resize:vertical}
.actions{display:flex;justify-content:flex-end;margin-top:12px}
button{border:0;cursor:pointer;background:none}
.send{font-weight:600;min-height:36px;padding:0 20px;border-radius:18px;background:var(--koe-accent);color:var(--koe-accent-text)}
.send:disabled{opacity:.5;cursor:default}
.close{position:absolute;top:8px;right:8px;width:32px;height:32px;border-radius:16px;font-size:20px;line-height:1}
@media (max-width:480px){:host{right:0;left:0;bottom:0;width:auto;max-width:none}.koe{border-radius:var(--koe-radius) var(--koe-radius) 0 0}}`
