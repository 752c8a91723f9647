"""Language data (lexicons, term tables under ``lang/<code>/``) and the small helpers that read them.

This package sits below every stage: extraction and the model both read the estimative-term table through
:mod:`realpolitik.lang.estimative`, so the table has one reader.
"""

from realpolitik.lang.estimative import ICD203_BANDS, band_of_phrase, read_term_table, term_table

__all__ = ["ICD203_BANDS", "band_of_phrase", "read_term_table", "term_table"]
