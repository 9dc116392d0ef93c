// The script tag's watcher of exit intent, scroll depth and input: `dist/koe.page-signals.js`, an
// ES module beside koe.iife.js that the script imports once the surveys are in, only when one of
// the page's triggers needs it (exitIntent, scrollDepth, idle, the cart-abandonment preset).
export { watchPageSignals as default } from '../triggers/page-signals'
