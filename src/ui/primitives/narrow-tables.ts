import { css } from 'lit';

/**
 * On a phone a table wider than the screen scrolls sideways inside its own box (the page never does; such a
 * table carries tabindex="0" so the keyboard can scroll it too) and its
 * headings stay on one line instead of breaking letter by letter. The <table> keeps its table semantics.
 */
export const narrowTables = css`
  @media (max-width: 719px) {
    table { display: block; overflow-x: auto; max-width: 100%; }
    th { white-space: nowrap; }
  }
`;
