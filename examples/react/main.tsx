// A React single-page app with React Router, using Koe through `koe/react`:
// - on the Plans route, after a second, an NPS survey drawn headless by this app's own <NpsCard>;
// - on the Support route, closing a ticket asks CES in Koe's own prompt, placed by <KoeSurvey>.
// Strict mode is on, as in a new React app: Koe still starts once.
import type { KoeConfig } from 'koe'
import { KoeProvider, KoeSurvey, useKoe, useSurvey } from 'koe/react'
import { StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter, Link, Route, Routes } from 'react-router'

const config: KoeConfig = {
  endpoint: `${location.origin}/collect`,
  // A demo asks both surveys in one visit; a real site keeps days between them (default 3).
  cooldownDays: 0,
  surveys: [
    {
      id: 'react-plans-nps',
      type: 'nps',
      question: 'How likely are you to recommend our plans to a colleague?',
      trigger: { pageview: '/react/plans', delay: 1000 },
      // Drawn by <NpsCard> below, not by Koe.
      display: { headless: true },
    },
    {
      id: 'react-support-ces',
      type: 'ces',
      question: 'How easy was it to get your answer?',
      trigger: { event: 'ticket_closed' },
    },
  ],
}

/** The team's own NPS card: its markup and styles, Koe's texts, storage and rules. */
function NpsCard() {
  const prompt = useSurvey('react-plans-nps')
  const [score, setScore] = useState<number | null>(null)
  const [comment, setComment] = useState('')
  const [sent, setSent] = useState(false)
  if (!prompt) return null
  const { survey } = prompt
  const followUp = score === null ? null : survey.followUp(score)
  return (
    <section className="own-survey" aria-labelledby="own-q" lang={survey.locale} dir={survey.dir}>
      <button
        type="button"
        className="own-close"
        aria-label="Close"
        onClick={() => (score === null ? prompt.dismiss() : prompt.close())}
      >
        ×
      </button>
      {sent && score !== null ? (
        <p id="own-q" role="status">
          {survey.thanks(score)}
        </p>
      ) : (
        <>
          <p id="own-q">{survey.question}</p>
          <fieldset className="own-scores" aria-labelledby="own-q">
            {survey.scores.map((n) => (
              <button
                key={n}
                type="button"
                aria-pressed={score === n}
                onClick={() => prompt.answer(n) && setScore(n)}
              >
                {n}
              </button>
            ))}
          </fieldset>
          <p className="own-ends">
            <span>{survey.low}</span>
            <span>{survey.high}</span>
          </p>
          {followUp !== null && (
            <form
              onSubmit={(event) => {
                event.preventDefault()
                if (prompt.comment(comment)) setSent(true)
              }}
            >
              <label>
                {followUp}
                <textarea value={comment} onChange={(e) => setComment(e.target.value)} />
              </label>
              <button type="submit">Send</button>
            </form>
          )}
        </>
      )}
    </section>
  )
}

function Home() {
  return (
    <>
      <h2>Welcome</h2>
      <p>Look at our plans, or ask support a question.</p>
    </>
  )
}

function Plans() {
  return (
    <>
      <h2>Plans</h2>
      <p>One plan, one price. Stay a second and we will ask what you think.</p>
    </>
  )
}

function Support() {
  const koe = useKoe()
  const [closed, setClosed] = useState(false)
  return (
    <>
      <h2>Support</h2>
      <p>Ticket #1024: “Where is my invoice?” Answered.</p>
      <button
        type="button"
        disabled={closed}
        onClick={() => {
          setClosed(true)
          koe.track('ticket_closed')
        }}
      >
        Close ticket
      </button>
      {/* Koe's own prompt renders here, in the page's flow. */}
      <KoeSurvey id="react-support-ces" className="inline-survey" />
    </>
  )
}

function App() {
  return (
    <BrowserRouter basename="/react">
      <header>
        <Link className="brand" to="/">
          Koe React
        </Link>
        <nav>
          <Link to="/">Home</Link>
          <Link to="/plans">Plans</Link>
          <Link to="/support">Support</Link>
        </nav>
      </header>
      <main>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/plans" element={<Plans />} />
          <Route path="/support" element={<Support />} />
        </Routes>
      </main>
      <NpsCard />
    </BrowserRouter>
  )
}

createRoot(document.getElementById('app') as HTMLElement).render(
  <StrictMode>
    <KoeProvider config={config}>
      <App />
    </KoeProvider>
  </StrictMode>,
)
