import type { Annotation, AnnotationInput } from '../contract/annotations'
import { call, searchParams } from './api-call'

/** The annotations of a survey and those of every survey, oldest first. */
export const annotationsOf = (surveyId: string) =>
  call<{ annotations: Annotation[] }>('GET', `/api/annotations?${searchParams({ surveyId })}`)

export const addAnnotation = (input: AnnotationInput) =>
  call<Annotation>('POST', '/api/annotations', input)

export const editAnnotation = (id: string, change: Partial<AnnotationInput>) =>
  call<Annotation>('PATCH', `/api/annotations/${id}`, change)

export const removeAnnotation = async (id: string) => {
  // 204: no body, which call() reads as {}.
  await call<object>('DELETE', `/api/annotations/${id}`)
}
