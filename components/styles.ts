import sidebarCss from './sidebar.css?inline';

/** The sidebar's stylesheet as text, for a shadow root or a plain test page to adopt. */
export const SIDEBAR_CSS: string = sidebarCss;
