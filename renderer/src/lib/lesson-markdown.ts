// A lesson's Markdown as HTML. markdown-it with `html: false` escapes every tag written in a lesson
// file, and its link check refuses javascript:, vbscript:, file: and data: URLs, so a lesson can
// only ever produce Markdown's own elements. Images are off: a lesson loads nothing from anywhere.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.disable(['image']);

// Links leave the lab window (the desktop shell refuses to navigate it at all).
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('target', '_blank');
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// A line break inside a Japanese sentence is no word space. Browsers render a soft break as a space
// (Chromium does not apply the CSS Text 3 §4.1.3 rule that drops it between wide characters), so a
// break between two wide characters renders as nothing; beside a Latin word it stays a space.
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
const defaultSoftbreak = md.renderer.rules.softbreak!;
md.renderer.rules.softbreak = (tokens, idx, options, env, self) => {
  const before = tokens[idx - 1]?.content.at(-1) ?? '';
  const after = tokens[idx + 1]?.content[0] ?? '';
  return WIDE.test(before) && WIDE.test(after) ? '' : defaultSoftbreak(tokens, idx, options, env, self);
};

// A code block gets a copy button; its label comes with the render, in the lesson's language. The
// button comes first so that it can float beside the block's first lines, and each line of the block
// is a box of its own, so that a line the pane's width wraps can be marked as one line (LessonText.svelte).
// Each box keeps its line's newline: the block's text, and what a selection copies, are the lines as written.
md.renderer.rules.fence = (tokens, idx, options, env: LessonEnv) => {
  const token = tokens[idx];
  const language = md.utils.unescapeAll(token.info).trim().split(/\s+/)[0];
  const attrs = language ? ` class="${options.langPrefix}${md.utils.escapeHtml(language)}"` : '';
  const lines = token.content.replace(/\n$/, '').split('\n');
  const body = lines.map((line) => `<span class="line">${md.utils.escapeHtml(line)}\n</span>`).join('');
  const copy = `<button type="button" class="copy" data-copy>${md.utils.escapeHtml(env.copyLabel)}</button>`;
  return `<div class="code-block">${copy}<pre><code${attrs}>${body}</code></pre></div>\n`;
};

interface LessonEnv {
  copyLabel: string;
}

export function renderLesson(markdown: string, copyLabel: string): string {
  const env: LessonEnv = { copyLabel };
  return md.render(markdown, env);
}

/** One line of a lab file (a hint, a quiz text): inline Markdown only, no paragraphs. */
export function renderInline(markdown: string): string {
  return md.renderInline(markdown);
}
