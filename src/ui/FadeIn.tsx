import type { SVGProps } from 'react';

/**
 * A group of SVG marks that fades in when it first appears: a CSS animation (base.css), which
 * follows prefers-reduced-motion and costs a reader nothing to download.
 */
export function FadeIn({ className, ...rest }: SVGProps<SVGGElement>) {
  return <g className={className ? `fade-in ${className}` : 'fade-in'} {...rest} />;
}
