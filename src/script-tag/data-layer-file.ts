// The script tag's dataLayer bridge: `dist/koe.data-layer.js`, an ES module beside koe.iife.js
// that the script imports only when its config says `dataLayer: true`, with the surveys; a page
// that does not use it never loads it.
export { bridgeDataLayer as default } from '../triggers/data-layer'
