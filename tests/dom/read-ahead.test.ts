import { expect, it, vi } from 'vitest'
import { createMemoryState, readAhead } from '../../src/core/device-state'

it('start-up reads come from one getMany; later reads, and keys not read ahead, from the state', async () => {
  const state = createMemoryState()
  await state.set('a', 1)
  await state.set('b', 2)
  const getMany = vi.spyOn(state, 'getMany')
  const get = vi.spyOn(state, 'get')
  const ahead = readAhead(state, ['a', 'b', 'c'])
  expect(await Promise.all([ahead.get('a'), ahead.get('b'), ahead.get('c')])).toEqual([
    1,
    2,
    undefined,
  ])
  expect(getMany).toHaveBeenCalledTimes(1)
  expect(get).not.toHaveBeenCalled()
  await ahead.set('a', 4)
  expect(await ahead.get('a')).toBe(4)
  expect(await ahead.get('d')).toBeUndefined()
  expect(get.mock.calls).toEqual([['a'], ['d']])
})

it('a failed read-ahead fails the reads it answers, and nothing else', async () => {
  const state = createMemoryState()
  state.getMany = () => Promise.reject(new DOMException('gone', 'UnknownError'))
  const ahead = readAhead(state, ['a'])
  await expect(ahead.get('a')).rejects.toThrow('gone')
  await state.set('a', 1)
  expect(await ahead.get('a')).toBe(1)
})
