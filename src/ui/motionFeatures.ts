// Loaded on demand by LazyMotion, so the first view does not wait for the animation engine.
import { domAnimation } from 'framer-motion';

export default domAnimation;
