// Builds the portal's stylesheet from GOV.UK Frontend with the council's font and colours, and
// copies the scripts the pages load into static/build/. Run by `make assets` (npm run build).
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const out = join(here, "build");
mkdirSync(out, { recursive: true });

const css = sass.compile(join(here, "src", "portal.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
// GOV.UK Frontend's footer draws the royal crest, which a council's portal never shows: drop the
// declarations that load it rather than ship the image.
const stylesheet = css.css.replace(/[-a-z]*:url\("[^"]*govuk-crest\.svg"\);?/g, "");
writeFileSync(join(out, "portal.css"), stylesheet);

const copies = {
  "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js": "govuk-frontend.min.js",
  "node_modules/plotly.js-dist-min/plotly.min.js": "plotly.min.js",
  "node_modules/govuk-frontend/dist/govuk/assets/images/favicon.ico": "favicon.ico",
};
for (const [from, to] of Object.entries(copies)) {
  copyFileSync(join(root, from), join(out, to));
}
// collectstatic refuses a stylesheet that names a file it does not have, so refuse it here first.
for (const [, url] of stylesheet.matchAll(/url\("?([^")]+)"?\)/g)) {
  if (url.startsWith("data:")) continue;
  const file = join(out, url.replace(/^\/static\/build\//, ""));
  if (!existsSync(file)) throw new Error(`portal.css refers to ${url}, which the build does not produce`);
}
console.log("assets built in static/build/");
