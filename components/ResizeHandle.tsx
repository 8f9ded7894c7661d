import { useRef } from 'preact/hooks';
import { MAX_WIDTH, MIN_WIDTH, WIDTH_STEP } from './types';

export function clampWidth(px: number): number {
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(px)));
}

interface ResizeHandleProps {
  width: number;
  /** The window edge the panel is docked to; the handle is on the other, inner edge. */
  dock: 'left' | 'right';
  /** The handle sits on the inline-end side (a panel docked on its own inline-start side). */
  atEnd: boolean;
  label: string;
  onResize(px: number): void;
}

/**
 * The panel's inner edge. Moving it away from the docked window edge widens the panel:
 * leftwards when docked right, rightwards when docked left. Arrow keys follow the screen.
 */
export function ResizeHandle({ width, dock, atEnd, label, onResize }: ResizeHandleProps) {
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  const widenSign = dock === 'right' ? -1 : 1;

  const resizeTo = (px: number) => {
    const next = clampWidth(px);
    if (next !== width) onResize(next);
  };

  return (
    <div
      class={atEnd ? 'resize-handle resize-handle-end' : 'resize-handle'}
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
        const dx = e.key === 'ArrowLeft' ? -WIDTH_STEP : e.key === 'ArrowRight' ? WIDTH_STEP : 0;
        if (dx === 0) return;
        e.preventDefault();
        resizeTo(width + widenSign * dx);
      }}
    />
  );
}
