import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderInline, renderLesson } from '../../../renderer/src/lib/lesson-markdown.ts';

describe('lesson Markdown', () => {
  it('renders Markdown elements and escapes any HTML written in the file', () => {
    const html = renderLesson('# Title\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\nText with <b>tags</b>.', 'Copy');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;tags&lt;/b&gt;');
  });

  it('refuses javascript: links and loads no images', () => {
    const html = renderLesson('[x](javascript:alert(1)) [y](https://www.rfc-editor.org/rfc/rfc8461) ![z](http://example.com/z.png)', 'Copy');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('[x](javascript:alert(1))');
    expect(html).toContain('<a href="https://www.rfc-editor.org/rfc/rfc8461" target="_blank" rel="noopener noreferrer">y</a>');
    expect(html).not.toContain('<img');
  });

  it('gives each code block a copy button labelled in the lesson language, escaped', () => {
    const html = renderLesson('```\nsmtp mx.example.jp\n```\n', '<Copy>');
    expect(html).toBe('<div class="code-block"><button type="button" class="copy" data-copy>&lt;Copy&gt;</button><pre><code><span class="line">smtp mx.example.jp\n</span></code></pre></div>\n');
  });

  it('puts each line of a code block in a box of its own, the text of the block unchanged', () => {
    const source = 'lab send --to bob@example.jp \\\n  --subject "<b>"\n\nDone.';
    const html = renderLesson('```sh\n' + source + '\n```\n', 'Copy');
    expect(html).toContain('<code class="language-sh"><span class="line">lab send --to bob@example.jp \\\n</span><span class="line">  --subject &quot;&lt;b&gt;&quot;\n</span><span class="line">\n</span><span class="line">Done.\n</span></code>');
    const text = html.replace(/<button[^>]*>.*?<\/button>/, '').replace(/<[^>]+>/g, '').replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
    expect(text).toBe(source + '\n\n');
  });

  it('renders hints inline, code spans included, tags escaped', () => {
    expect(renderInline('Type `lab attack status` <i>now</i>')).toBe('Type <code>lab attack status</code> &lt;i&gt;now&lt;/i&gt;');
  });

  it('joins a line broken between two Japanese characters without a space, and keeps one beside a Latin word', () => {
    expect(renderLesson('この応答は\n認証されていません。\n', 'Copy')).toBe('<p>この応答は認証されていません。</p>\n');
    expect(renderLesson('（RFC 3207 §6）。\n能動的な攻撃者', 'Copy')).toBe('<p>（RFC 3207 §6）。能動的な攻撃者</p>\n');
    expect(renderLesson('ポリシーを取得する `STARTTLS`\nを送る', 'Copy')).toBe('<p>ポリシーを取得する <code>STARTTLS</code>\nを送る</p>\n');
    expect(renderLesson('MTA-STS の\npolicy', 'Copy')).toBe('<p>MTA-STS の\npolicy</p>\n');
    expect(renderLesson('An English\nline', 'Copy')).toBe('<p>An English\nline</p>\n');
  });

  it('renders the model lessons without a raw tag', () => {
    for (const lab of ['01-smtp-by-hand', '04-starttls-stripping', '09-dane']) {
      for (const lang of ['ja', 'en']) {
        const source = readFileSync(new URL(`../../../labs/${lab}/lesson.${lang}.md`, import.meta.url), 'utf8');
        const html = renderLesson(source, 'Copy');
        const tags = new Set([...html.matchAll(/<(\w+)/g)].map((m) => m[1]));
        for (const tag of tags) expect(['h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'code', 'pre', 'strong', 'em', 'a', 'div', 'span', 'button', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'blockquote', 'hr', 'br']).toContain(tag);
      }
    }
  });
});
