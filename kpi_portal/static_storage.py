"""Static files as production serves them: whitenoise's compressed files under hashed names.

whitenoise lets a browser keep a file named by its hash for a year, and anything else for 60
seconds. The portal's own script modules (`*.mjs`) import GOV.UK Frontend by its file name, so
their imports are rewritten to the hashed names as Django rewrites a stylesheet's `url()`s: every
script a page loads is then kept for a year, and a new build is fetched at once. Only the portal's
modules are read for imports: the libraries it copies (Plotly's 4 MB among them) are left as built.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage

MODULE_IMPORTS = (
    "*.mjs",
    (
        (
            r"""(?P<matched>import(?P<import>[\s\{][^;]*?|\*\s*as\s*\w+)\s*from\s*['"](?P<url>[./].*?)["'])""",
            """import%(import)s from "%(url)s\"""",
        ),
    ),
)
"""`import {...} from "../build/govuk-frontend.min.js"`, read as Django reads an aggregated import."""


class PortalStaticStorage(CompressedManifestStaticFilesStorage):
    patterns = (*CompressedManifestStaticFilesStorage.patterns, MODULE_IMPORTS)
