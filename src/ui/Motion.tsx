import { LazyMotion, MotionConfig, m } from 'framer-motion';
import type { ReactNode } from 'react';
import { FadeInContext, type FadeInGroup } from './FadeIn';

const loadFeatures = () => import('./motionFeatures').then((module) => module.default);

const MotionFadeInGroup: FadeInGroup = (props) => (
  <m.g initial={{ opacity: 0 }} animate={{ opacity: 1 }} transition={{ duration: 0.25 }} {...(props as object)} />
);

/** framer-motion for the app, with its features loaded lazily and the user's reduced-motion wish respected. */
export function Motion({ children }: { children: ReactNode }) {
  return (
    <LazyMotion features={loadFeatures} strict>
      <MotionConfig reducedMotion="user">
        <FadeInContext.Provider value={MotionFadeInGroup}>{children}</FadeInContext.Provider>
      </MotionConfig>
    </LazyMotion>
  );
}
