/** Every view, in the navigation's order (the first is the default). */
import { liftView } from './lift-view.js';
import { onboardingView } from './onboarding-view.js';
import { overviewView } from './overview-view.js';
import { segmentsView } from './segments-view.js';
import { userView } from './user-view.js';
import type { View } from './view.js';

export const VIEWS: readonly View[] = [overviewView, onboardingView, segmentsView, liftView, userView];
