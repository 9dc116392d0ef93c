// A small Vue app using Koe through `koe/vue`: finishing the setup asks CES, drawn headless by
// this app's own component. Render functions, so it needs no template compiler.
import { createKoePlugin, useKoe, useSurvey } from 'koe/vue'
import { createApp, defineComponent, h, ref } from 'vue'

/** The team's own CES card: its markup and styles, Koe's texts, storage and rules. */
const CesCard = defineComponent({
  setup() {
    const prompt = useSurvey('vue-setup-ces')
    const score = ref<number | null>(null)
    const comment = ref('')
    const sent = ref(false)
    return () => {
      const current = prompt.value
      if (!current) return null
      const { survey } = current
      const chosen = score.value
      const close = () => (chosen === null ? current.dismiss() : current.close())
      return h(
        'section',
        { class: 'own-survey', 'aria-labelledby': 'own-q', lang: survey.locale, dir: survey.dir },
        [
          h(
            'button',
            { type: 'button', class: 'own-close', 'aria-label': 'Close', onClick: close },
            '×',
          ),
          sent.value && chosen !== null
            ? h('p', { id: 'own-q', role: 'status' }, survey.thanks(chosen))
            : [
                h('p', { id: 'own-q' }, survey.question),
                h(
                  'div',
                  { class: 'own-scores', role: 'group', 'aria-labelledby': 'own-q' },
                  survey.scores.map((n) =>
                    h(
                      'button',
                      {
                        type: 'button',
                        'aria-pressed': chosen === n,
                        onClick: () => {
                          if (current.answer(n)) score.value = n
                        },
                      },
                      String(n),
                    ),
                  ),
                ),
                h('p', { class: 'own-ends' }, [h('span', survey.low), h('span', survey.high)]),
                chosen !== null && survey.followUp(chosen) !== null
                  ? h(
                      'form',
                      {
                        onSubmit: (event: Event) => {
                          event.preventDefault()
                          if (current.comment(comment.value)) sent.value = true
                        },
                      },
                      [
                        h('label', [
                          survey.followUp(chosen),
                          h('textarea', {
                            value: comment.value,
                            onInput: (e: Event) => {
                              comment.value = (e.target as HTMLTextAreaElement).value
                            },
                          }),
                        ]),
                        h('button', { type: 'submit' }, 'Send'),
                      ],
                    )
                  : null,
              ],
        ],
      )
    }
  },
})

const Setup = defineComponent({
  setup() {
    const koe = useKoe()
    const done = ref(false)
    return () => [
      h('header', [h('a', { class: 'brand', href: '/vue/' }, 'Koe Vue')]),
      h('main', [
        h('h2', 'Setup'),
        h('p', done.value ? 'All set.' : 'Press the button to finish the setup.'),
        h(
          'button',
          {
            type: 'button',
            disabled: done.value,
            onClick: () => {
              done.value = true
              koe.track('setup_finished')
            },
          },
          'Finish setup',
        ),
      ]),
      h(CesCard),
    ]
  },
})

createApp(Setup)
  .use(
    createKoePlugin({
      endpoint: `${location.origin}/collect`,
      surveys: [
        {
          id: 'vue-setup-ces',
          type: 'ces',
          scale: 5,
          question: 'How easy was the setup?',
          trigger: { event: 'setup_finished', delay: 300 },
          display: { headless: true },
        },
      ],
    }),
  )
  .mount('#app')
