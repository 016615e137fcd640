/** `useOnboarding(checklistId)`: progress through one checklist, re-rendering only when it changes. */
import { useCallback, useMemo } from 'react';
import type { OnboardingProgress, Waymark } from '@waymark/sdk';
import { useWaymark, useWaymarkRead } from './use-waymark-read.js';

export interface OnboardingView extends OnboardingProgress {
  /** False (and the progress empty) on the server, during hydration and until the state on this device is restored. */
  known: boolean;
  /** Marks a step done explicitly (tracked as `Onboarding Step Completed`); a no-op on the server. */
  completeStep(stepId: string): void;
}

/** The server snapshot of a checklist: nothing done, nothing known. */
export const unknownOnboarding = (id: string): Omit<OnboardingView, 'completeStep'> => ({
  id,
  done: 0,
  total: 0,
  progress: 0,
  complete: false,
  next: null,
  completedAt: 0,
  steps: [],
  known: false,
});

export function useOnboarding(checklistId: string): OnboardingView {
  const waymark = useWaymark();
  const read = useCallback((w: Waymark) => ({ ...w.onboarding(checklistId), known: true }), [checklistId]);
  const progress = useWaymarkRead<Omit<OnboardingView, 'completeStep'>>(read, unknownOnboarding(checklistId));
  const completeStep = useCallback((stepId: string) => waymark?.completeStep(checklistId, stepId), [waymark, checklistId]);
  return useMemo(() => ({ ...progress, completeStep }), [progress, completeStep]);
}
