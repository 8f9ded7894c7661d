import { useRef } from 'preact/hooks';
import { MAX_WIDTH, MIN_WIDTH, WIDTH_STEP } from './types';

export function clampWidth(px: number): number {
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(px)));
}

interface ResizeHandleProps {
  width: number;
  dir: 'ltr' | 'rtl';
  label: string;
  onResize(px: number): void;
}

/**
 * The panel's inner edge (its inline-start side). Moving it towards inline-start widens the
 * panel: leftwards in a left-to-right layout, rightwards in a right-to-left one.
 */
export function ResizeHandle({ width, dir, label, onResize }: ResizeHandleProps) {
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  const widenSign = dir === 'rtl' ? 1 : -1;

  const resizeTo = (px: number) => {
    const next = clampWidth(px);
    if (next !== width) onResize(next);
  };

  return (
    <div
      class="resize-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={MAX_WIDTH}
      aria-valuenow={width}
      tabIndex={0}
      data-testid="sidebar-resize"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        drag.current = { startX: e.clientX, startWidth: width };
        e.currentTarget.setPointerCapture?.(e.pointerId);
        e.preventDefault();
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (d) resizeTo(d.startWidth + widenSign * (e.clientX - d.startX));
      }}
      onPointerUp={(e) => {
        drag.current = null;
        e.currentTarget.releasePointerCapture?.(e.pointerId);
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
      onKeyDown={(e) => {
        const step = e.key === 'ArrowLeft' ? WIDTH_STEP : e.key === 'ArrowRight' ? -WIDTH_STEP : 0;
        if (step === 0) return;
        e.preventDefault();
        resizeTo(width + (dir === 'rtl' ? -step : step));
      }}
    />
  );
}
