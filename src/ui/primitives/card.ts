import { css } from 'lit';

/** The one card look (a page's sections): surface, border, radius and padding from the tokens. */
export const cardStyles = css`
  background: var(--tf-color-surface);
  border: 1px solid var(--tf-color-border);
  border-radius: var(--tf-radius-lg);
  padding: var(--tf-space-4) var(--tf-space-5);
`;
