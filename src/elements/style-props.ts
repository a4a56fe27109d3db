// Inline styles without a style attribute: the Content-Security-Policy (index.html) refuses style
// attributes ('unsafe-inline'), and Lit's styleMap writes one on its first render. This element
// directive only ever sets properties through the CSSOM (element.style.setProperty), which the
// policy allows. Names are CSS property names ('width', '--share').
import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

export type StyleProperties = Readonly<Record<string, string>>;

class StylePropsDirective extends Directive {
  private previousNames: readonly string[] = [];

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('styleProps() goes on an element: <div ${styleProps({…})}>');
  }

  override render(_properties: StyleProperties) {
    return nothing;
  }

  override update(part: ElementPart, [properties]: [StyleProperties]) {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previousNames) if (!(name in properties)) style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    this.previousNames = Object.keys(properties);
    return nothing;
  }
}

export const styleProps = directive(StylePropsDirective);
