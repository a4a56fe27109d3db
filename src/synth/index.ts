// The synthetic juggler's public API: pure, seeded, DOM-free.
export { createScene, Scene, type ImageBall, type SceneConditions, type SceneImageTruth, type SceneOptions } from './scene.ts';
export { CLASS_BEHAVIOUR, behaviourOf } from './classes.ts';
export { TRAIN_RANGES, SHIFTED_RANGES, WORLD_STYLES, rangesFor, type WorldStyle } from './randomisation.ts';
export { Random } from '../core/random.ts';
