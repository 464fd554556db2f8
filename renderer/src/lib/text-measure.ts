// The width a text takes on one line in an element's font, measured without laying it out.

let context: CanvasRenderingContext2D | null | undefined;

/** Width in CSS pixels of `text` set on one line in the font `style` gives. */
export function textWidth(text: string, style: CSSStyleDeclaration): number {
  context ??= document.createElement('canvas').getContext('2d');
  if (!context || !text) return 0;
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  return context.measureText(text).width;
}

/** The room a box takes around its content on one line: horizontal padding and borders. */
export function horizontalFrame(style: CSSStyleDeclaration): number {
  return ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'].reduce((sum, key) => sum + (parseFloat(style[key as 'paddingLeft']) || 0), 0);
}
