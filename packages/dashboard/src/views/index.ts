/** Every view, in the navigation's order (the first is the default). */
import { activityView } from './activity-view.js';
import { churnView } from './churn-view.js';
import { lifecycleView } from './lifecycle-view.js';
import { liftView } from './lift-view.js';
import { membersView } from './members-view.js';
import { onboardingView } from './onboarding-view.js';
import { overviewView } from './overview-view.js';
import { personasView } from './personas-view.js';
import { retentionView } from './retention-view.js';
import { rfmView } from './rfm-view.js';
import { segmentsView } from './segments-view.js';
import { transitionsView } from './transitions-view.js';
import { userView } from './user-view.js';
import type { View } from './view.js';

export const VIEWS: readonly View[] = [
  overviewView, lifecycleView, activityView, retentionView, onboardingView, rfmView, churnView, personasView,
  transitionsView, segmentsView, liftView, userView, membersView,
];
