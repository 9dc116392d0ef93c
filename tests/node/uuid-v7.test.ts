import { describe, expect, it } from 'vitest'
import { uuidv7 } from '../../src/lib/uuid-v7'

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('uuidv7', () => {
  it('puts the milliseconds in the first 48 bits, then version 7 and variant 10', () => {
    const id = uuidv7(0x0193a1b2c3d4, (b) => b.fill(0xff))
    expect(id).toBe('0193a1b2-c3d4-7fff-bfff-ffffffffffff')
    expect(uuidv7(0x0193a1b2c3d4, (b) => b.fill(0))).toBe('0193a1b2-c3d4-7000-8000-000000000000')
  })

  it('makes valid, distinct ids that sort by time', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => uuidv7(1_700_000_000_000 + i))
    for (const id of ids) expect(id).toMatch(V7)
    expect(new Set(ids).size).toBe(1000)
    expect([...ids].sort()).toEqual(ids)
  })
})
