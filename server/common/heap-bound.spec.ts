import { boundHeap } from './heap-bound.js';

describe('boundHeap', () => {
  it('collects once the heap passed the bound, then not again until garbage grew over what is alive', () => {
    // Jest's own heap is far above 1 MB: the first call collects.
    expect(boundHeap(1)).toBe(true);
    // What is alive now is the measure: a process holding much is not collected at every call.
    expect(boundHeap(1)).toBe(false);
    expect(boundHeap(1)).toBe(false);
  });
});
