"""Importers for the datasets analysts already have: ACLED, UCDP GED and Stanford MMP.

>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "mmp.csv").write_text(
...     "unique_id,type,group1_id,group2_id,date,description,group1_name,group2_name\\n"
...     "1,all,101,102,2015-00-00,Group A and Group B fought together.,Group A,Group B\\n")
>>> report = import_file("mmp", folder / "mmp.csv", folder / "store")
>>> report.rows, report.records, [e.label for e in report.imported]
(1, 1, ['Group A', 'Group B'])
"""

from actorgraph.importers.pipeline import CONVERTERS, BadRow, ImportReport, import_file

__all__ = ["CONVERTERS", "BadRow", "ImportReport", "import_file"]
