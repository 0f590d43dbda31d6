"""ReportSuite: shared plumbing (``reportsuite.core``), the command-line tools
(``reportsuite.cli``) and the Python code generated from ``protos/``
(``reportsuite.<service>.v1``)."""
