import app from './app.config';

// The browser build (local host only) = the mini-program's pages + the demo sign-in page.
export default defineAppConfig({ ...app, pages: [...(app.pages ?? []), 'pages/signin/index'] });
