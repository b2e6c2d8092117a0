// Layout checks for the translated screens (issue 13, items 3 and 4), read from the real browser's
// boxes: text that overflows or is cut off by its box, controls that overlap, and items that read
// right to left. A failure names each offending element by a short selector and its text.
import { expect, type Locator, type Page } from '@playwright/test';
import { pseudoText } from '../../shared/i18n/pseudo';

/** The little of the DOM the page function uses (e2e is typechecked without the DOM library). */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface DomNode {
  nodeType: number;
  textContent: string | null;
}
interface El extends DomNode {
  tagName: string;
  id: string;
  classList: ArrayLike<string> & Iterable<string>;
  parentElement: El | null;
  children: ArrayLike<El> & Iterable<El>;
  childNodes: ArrayLike<DomNode> & Iterable<DomNode>;
  scrollWidth: number;
  scrollHeight: number;
  clientWidth: number;
  clientHeight: number;
  checkVisibility(options: { opacityProperty: boolean; visibilityProperty: boolean }): boolean;
  getBoundingClientRect(): Box;
  getClientRects(): Iterable<Box>;
  matches(selector: string): boolean;
  closest(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
}
interface Style {
  clip: string;
  position: string;
  display: string;
  overflowX: string;
  overflowY: string;
  contain: string;
  textOverflow: string;
}
type Dom = typeof globalThis & {
  document: { body: El; documentElement: El; querySelector(selector: string): El | null; createRange(): { selectNodeContents(node: DomNode): void; getClientRects(): Iterable<Box> } };
  getComputedStyle(el: El): Style;
};
const TEXT_NODE = 3;

export interface LayoutProblem {
  kind: 'overflows' | 'truncated' | 'clipped' | 'scrolls sideways' | 'overlaps';
  selector: string;
  text: string;
  detail: string;
}

/**
 * Every layout problem on the page's visible part of `root` (the body by default):
 * - overflows: an element's own text is wider or taller than its box and spills out of it;
 * - truncated: a box with `text-overflow: ellipsis` cuts its text short;
 * - clipped: text cut off by its own box or an ancestor that hides overflow (or contains paint);
 * - scrolls sideways: the page, or a box holding text, needs a horizontal scroll bar;
 * - overlaps: two visible siblings (buttons, chips, labels, any element with text) cover each other.
 * 1 px of tolerance everywhere, for sub-pixel rounding.
 */
export async function layoutProblems(page: Page, root = 'body'): Promise<LayoutProblem[]> {
  return page.evaluate(([rootSelector, textNode]) => {
    const { document, getComputedStyle } = globalThis as Dom;
    const TOLERANCE = 1;
    const problems: LayoutProblem[] = [];
    const seen = new Set<string>();
    const report = (kind: LayoutProblem['kind'], el: El, detail: string) => {
      const selector = selectorOf(el);
      const key = `${kind} ${selector}`;
      if (seen.has(key)) return;
      seen.add(key);
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
      problems.push({ kind, selector, text, detail });
    };

    function selectorOf(el: El): string {
      const parts: string[] = [];
      for (let node: El | null = el; node && node !== document.body && parts.length < 4; node = node.parentElement) {
        let part = node.tagName.toLowerCase();
        if (node.id) {
          // Unique: the path can start here.
          parts.unshift(`${part}#${node.id}`);
          break;
        }
        if (node.classList.length > 0) part += `.${[...node.classList].join('.')}`;
        const parent = node.parentElement;
        if (parent) {
          const same = [...parent.children].filter((c) => c.tagName === node!.tagName);
          if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
        }
        parts.unshift(part);
      }
      return parts.join(' > ');
    }

    /** Hidden on purpose: not rendered, transparent, or inside a 1-px "visually hidden" box. */
    function shown(el: El): boolean {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
      for (let node: El | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.clip !== 'auto' && style.position === 'absolute') return false;
        if (style.display === 'contents' || style.display === 'inline') continue;
        const box = node.getBoundingClientRect();
        if (box.width <= TOLERANCE || box.height <= TOLERANCE) return false;
      }
      return true;
    }

    const ownText = (el: El): DomNode[] =>
      [...el.childNodes].filter((n) => n.nodeType === textNode && (n.textContent ?? '').trim() !== '');

    const clipsX = (style: Style) => style.overflowX === 'hidden' || style.overflowX === 'clip';
    const clipsY = (style: Style) => style.overflowY === 'hidden' || style.overflowY === 'clip';
    const scrollsX = (style: Style) => style.overflowX === 'auto' || style.overflowX === 'scroll';
    const scrollsY = (style: Style) => style.overflowY === 'auto' || style.overflowY === 'scroll';
    const containsPaint = (style: Style) => /\b(strict|content|paint)\b/.test(style.contain);
    const isControl = (el: El) => el.matches('input, select, textarea, progress, meter, img, svg');

    const base = document.querySelector(rootSelector) ?? document.body;
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + TOLERANCE) {
      report('scrolls sideways', document.documentElement, `page scrollWidth ${document.documentElement.scrollWidth} > clientWidth ${document.documentElement.clientWidth}`);
    }

    const elements = [base, ...base.querySelectorAll('*')].filter(shown);
    const visible = new Set(elements);
    for (const el of elements) {
      if (isControl(el) || el.closest('svg')) continue;
      const style = getComputedStyle(el);
      const texts = ownText(el);

      if (texts.length > 0) {
        // The box itself cuts its text.
        const wide = el.scrollWidth > el.clientWidth + TOLERANCE && el.clientWidth > 0;
        const tall = el.scrollHeight > el.clientHeight + TOLERANCE && el.clientHeight > 0;
        const cut = (wide && (clipsX(style) || containsPaint(style))) || (tall && (clipsY(style) || containsPaint(style)));
        if (cut) {
          const kind = wide && style.textOverflow === 'ellipsis' ? 'truncated' : 'clipped';
          report(kind, el, `scroll ${el.scrollWidth}×${el.scrollHeight} > client ${el.clientWidth}×${el.clientHeight}`);
        }
        // The text spills out of a box that doesn't clip (a long word in a narrow box).
        const range = document.createRange();
        const box = el.getBoundingClientRect();
        for (const text of texts) {
          range.selectNodeContents(text);
          for (const line of range.getClientRects()) {
            if (line.width === 0) continue;
            if (!cut && style.display !== 'inline' && (line.left < box.left - TOLERANCE || line.right > box.right + TOLERANCE || line.bottom > box.bottom + TOLERANCE)) {
              report('overflows', el, `text ${Math.round(line.left)}–${Math.round(line.right)} outside box ${Math.round(box.left)}–${Math.round(box.right)}`);
            }
            // An ancestor that hides what sticks out cuts it off (a scrolling list only scrolls it away).
            for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
              const aStyle = getComputedStyle(a);
              const aBox = a.getBoundingClientRect();
              const cutX = (clipsX(aStyle) || (containsPaint(aStyle) && !scrollsX(aStyle))) && (line.left < aBox.left - TOLERANCE || line.right > aBox.right + TOLERANCE);
              const cutY = (clipsY(aStyle) || (containsPaint(aStyle) && !scrollsY(aStyle))) && (line.top < aBox.top - TOLERANCE || line.bottom > aBox.bottom + TOLERANCE);
              if (cutX || cutY) {
                report('clipped', el, `cut off by ${selectorOf(a)}`);
                break;
              }
              if (scrollsX(aStyle) || scrollsY(aStyle)) {
                if (scrollsX(aStyle) && a.scrollWidth > a.clientWidth + TOLERANCE) {
                  report('scrolls sideways', a, `scrollWidth ${a.scrollWidth} > clientWidth ${a.clientWidth}`);
                }
                // Inside a scrolling box, text out of view is scrolled away, not cut off: the box itself is checked.
                break;
              }
            }
          }
        }
      }

      // Siblings that cover each other (a sticky or fixed bar covers what scrolls under it by design).
      const children = [...el.children].filter(
        (c) => visible.has(c) && (isControl(c) || (c.textContent ?? '').trim() !== '') && !/^(sticky|fixed)$/.test(getComputedStyle(c).position),
      );
      // Per line box: an inline element that wraps is two boxes, not the rectangle around both.
      const boxes = children.map((c) => [...c.getClientRects()]);
      for (let i = 0; i < children.length; i++) {
        for (let j = i + 1; j < children.length; j++) {
          for (const a of boxes[i]!) {
            for (const b of boxes[j]!) {
              const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
              const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
              if (w > TOLERANCE && h > TOLERANCE) {
                report('overlaps', children[i]!, `covers ${selectorOf(children[j]!)} (“${(children[j]!.textContent ?? '').trim().slice(0, 40)}”) by ${Math.round(w)}×${Math.round(h)} px`);
              }
            }
          }
        }
      }
    }
    return problems;
  }, [root, TEXT_NODE] as const);
}

/** Fails with a list of what overflows, is clipped or overlaps, one line each. */
export async function expectNoLayoutProblems(page: Page, where: string, root?: string): Promise<void> {
  const problems = await layoutProblems(page, root);
  const lines = problems.map((p) => `${p.kind}: ${p.selector} “${p.text}” (${p.detail})`);
  expect(lines, `layout problems on ${where}`).toEqual([]);
}

/**
 * The items read right to left: each next item is left of the one before it on the same row, or
 * starts a new row below it, at the row's right (start) edge. For chips, summary items, the parts of
 * a row: items that flow in one line or wrap.
 */
export async function expectReadsRightToLeft(items: Locator | readonly Locator[]): Promise<void> {
  const list = Array.isArray(items) ? (items as readonly Locator[]) : await (items as Locator).all();
  expect(list.length, 'items to compare').toBeGreaterThan(1);
  const boxes = [];
  for (const item of list) {
    const box = await item.boundingBox();
    expect(box, `${String(item)} is on screen`).not.toBeNull();
    boxes.push({ left: box!.x, right: box!.x + box!.width, top: box!.y, bottom: box!.y + box!.height, text: ((await item.textContent()) ?? '').trim().slice(0, 40) });
  }
  const TOLERANCE = 1;
  const wrong: string[] = [];
  for (let i = 1; i < boxes.length; i++) {
    const prev = boxes[i - 1]!;
    const next = boxes[i]!;
    const sameRow = Math.min(prev.bottom, next.bottom) - Math.max(prev.top, next.top) > TOLERANCE;
    const leftOfPrev = next.right <= prev.left + TOLERANCE;
    const newRowAtRight = next.top >= prev.bottom - TOLERANCE && next.right >= prev.right - TOLERANCE;
    if (sameRow ? !leftOfPrev : !newRowAtRight) {
      wrong.push(`“${next.text}” [${Math.round(next.left)}–${Math.round(next.right)}, y ${Math.round(next.top)}] after “${prev.text}” [${Math.round(prev.left)}–${Math.round(prev.right)}, y ${Math.round(prev.top)}]`);
    }
  }
  expect(wrong, 'items out of right-to-left order').toEqual([]);
}

/**
 * In the pseudo-locale every word of the app's own is accented, so a plain ASCII word on screen is
 * one that didn't come from the messages. Looked at: the page's text outside names (<bdi>), the
 * product's name (translate=no), code, decorations (aria-hidden, e.g. initials) and a select's
 * options (plain text by HTML's rules: an audience's name, a language's own name). Intl's own
 * short words (PM, Nov, sec) are allowed. Attributes carry names unisolated, so the renderer's
 * unit tests check those with names they know.
 */
export async function expectNoUntranslatedText(page: Page, where: string): Promise<void> {
  const left = await page.evaluate(`(() => {
    const intl = /^(AM|PM|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|sec|min|hr)$/;
    const words = (text) => (text ? text.match(/[A-Za-z]{2,}/g) || [] : []).filter((word) => !intl.test(word));
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('bdi, code, script, style, textarea, noscript, svg, option, [translate=no], [aria-hidden=true]')) continue;
      for (const word of words(node.textContent)) out.push(word + ' in “' + node.textContent.trim().slice(0, 60) + '”');
    }
    return out;
  })()`);
  expect(left, `plain English on ${where}`).toEqual([]);
}

/**
 * An accessible name or text in English or in the pseudo-locale en-XA: `xa\`Choose ${title}\``
 * matches "Choose Rust Meetup Berlin" and "Çĥööšéçĥö Rust Meetup Berlin" (values stay as they are).
 * So a spec drives the screens before and after their words move into messages.
 */
export function xa(strings: TemplateStringsArray, ...values: readonly (string | number)[]): RegExp {
  return xaPattern(strings, values, true);
}

/** As `xa`, matching the start only (the rest of the name may vary). */
export function xaStart(strings: TemplateStringsArray, ...values: readonly (string | number)[]): RegExp {
  return xaPattern(strings, values, false);
}

function xaPattern(strings: TemplateStringsArray, values: readonly (string | number)[], whole: boolean): RegExp {
  const join = (literal: (s: string) => string) =>
    strings.map((s, i) => escapeRegExp(literal(s)) + (i < values.length ? escapeRegExp(String(values[i])) : '')).join('');
  return new RegExp(`^(?:${join((s) => s)}|${join(pseudoText)})${whole ? '$' : ''}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
