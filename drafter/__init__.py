"""drafter — 工作要点起草助手."""

__version__ = "0.1.0"
