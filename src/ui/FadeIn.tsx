import { createContext, useContext, type SVGProps } from 'react';

/** A group of SVG marks that fades in when it first appears. */
export type FadeInGroup = (props: SVGProps<SVGGElement>) => React.JSX.Element;

// The default is a CSS animation, which costs a blog reader nothing to download; the app swaps in
// framer-motion's m.g (see Motion.tsx). Both follow prefers-reduced-motion.
const CssFadeInGroup: FadeInGroup = ({ className, ...rest }) => <g className={className ? `fade-in ${className}` : 'fade-in'} {...rest} />;

export const FadeInContext = createContext<FadeInGroup>(CssFadeInGroup);

export const useFadeInGroup = (): FadeInGroup => useContext(FadeInContext);
