"""The catalog service: report definitions and the saved reports their runs produce."""
