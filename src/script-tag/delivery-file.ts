// The script tag's delivery (issue 29): `dist/koe.delivery.js`, an ES module beside koe.iife.js
// that the script imports once the page has answers to deliver: its own (loaded with the prompt)
// or what the queue marker says earlier pages left. A page with neither never loads it.
export { createDelivery as default } from '../queue/create-delivery'
