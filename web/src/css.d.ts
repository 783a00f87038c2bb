// Stylesheets imported by a lazily loaded page: Vite bundles them with that page's chunk.
declare module '*.css';
