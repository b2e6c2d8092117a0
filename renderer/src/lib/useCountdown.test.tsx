// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCountdown } from './useCountdown';

const START = new Date('2026-11-30T09:00:00Z').getTime();

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useCountdown', () => {
  it('item 8: counts whole seconds down to zero and stays there', () => {
    const { result } = renderHook(() => useCountdown(START + 2_500));
    expect(result.current).toBe(3);
    act(() => vi.advanceTimersByTime(1_000));
    expect(result.current).toBe(2);
    act(() => vi.advanceTimersByTime(1_500));
    expect(result.current).toBe(0);
    act(() => vi.advanceTimersByTime(5_000));
    expect(result.current).toBe(0);
  });

  it('item 8: reads epoch seconds as well as milliseconds', () => {
    const { result } = renderHook(() => useCountdown(START / 1000 + 90));
    expect(result.current).toBe(90);
  });

  it('item 8: null is 0 and keeps no timer; a new deadline restarts the count', () => {
    const { result, rerender } = renderHook(({ until }: { until: number | null }) => useCountdown(until), {
      initialProps: { until: null as number | null },
    });
    expect(result.current).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    rerender({ until: START + 10_000 });
    expect(result.current).toBe(10);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('item 8: stops ticking when unmounted', () => {
    const { unmount } = renderHook(() => useCountdown(START + 60_000));
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
