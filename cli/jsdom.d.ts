/**
 * The slice of jsdom's API the CLI uses. @types/jsdom is not a dependency of the project
 * (jsdom ships no types of its own), so this declares only what is called here.
 */
declare module 'jsdom' {
  export class VirtualConsole {
    constructor();
  }
  export interface ConstructorOptions {
    url?: string;
    contentType?: string;
    /** Left unset, scripts in the page never run. */
    runScripts?: 'dangerously' | 'outside-only';
    /** Left unset, no subresource (images, styles, frames) is ever fetched. */
    resources?: 'usable';
    virtualConsole?: VirtualConsole;
  }
  export class JSDOM {
    constructor(html?: string, options?: ConstructorOptions);
    readonly window: Window & typeof globalThis;
  }
}
