"""Report writers, one module per format; :func:`spbe_kg.shapes.report.render` dispatches."""
