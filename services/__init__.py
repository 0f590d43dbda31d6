"""The four ReportSuite services: catalog, scheduler, generator, delivery."""
