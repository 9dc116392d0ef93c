// The dashboard bundle (dist/dashboard.js), served by the reference collector.
import { h, render } from 'preact'
import { App } from './app'

render(<App />, document.getElementById('app') as HTMLElement)
