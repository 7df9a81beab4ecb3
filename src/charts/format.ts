// The app's one number formatter lives in src/format; charts keep this path for their own imports.
export { formatNumber } from '../format';
