import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Notes come from anyone's zip, so raw HTML inside markdown is shown as the text it is (never parsed), and the
 * rendered HTML is still sanitized. Images are dropped: tabflow makes no network requests, and a note's image
 * would be one.
 */
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ text }) => escapeHtml(text),
  },
});

/** Markdown to sanitized HTML, safe to insert into the page. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: ['img', 'style', 'form', 'input', 'iframe', 'svg', 'math'],
    FORBID_ATTR: ['style'],
  });
}
