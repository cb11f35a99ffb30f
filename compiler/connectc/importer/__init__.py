"""Import: designer exports, API output and templates into specs and bindings.

`import_paths` is the entry point of `connectc import`; `readers` finds flows in
files, `specwriter` turns one into a spec, `envfile` merges bindings and
`verify` builds each spec back to check the round trip.
"""

from __future__ import annotations

from connectc.importer.placeholders import is_placeholder
from connectc.importer.project import ImportedFlow, ImportSummary, import_paths

__all__ = ["ImportSummary", "ImportedFlow", "import_paths", "is_placeholder"]
