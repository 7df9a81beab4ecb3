import { css } from 'lit';

/**
 * On phones, tablets and any coarse pointer, controls grow to the 44 × 44 px a fingertip needs (WCAG 2.5.5).
 * Included in a component's `static styles`, since page CSS does not reach into shadow roots.
 */
export const NARROW_SCREEN = '(max-width: 719px)';

export const touchTargets = css`
  @media (max-width: 719px), (pointer: coarse) {
    button, select, summary, input:not([type='checkbox']):not([type='radio']):not([type='range']) { min-height: 44px; box-sizing: border-box; }
    input[type='checkbox'], input[type='radio'] { width: 22px; height: 22px; }
    a.button { min-height: 44px; display: inline-flex; align-items: center; box-sizing: border-box; }
  }
`;
