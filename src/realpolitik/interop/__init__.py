"""Interoperability: the model in the formats of the analysts' other tools, and causal maps read from them.

Exports (:func:`export_model`): GraphML and GEXF for Gephi, XMILE and Vensim for system-dynamics tools and
PySD, weight matrices for FCMpy and Mental Modeler, CSV/XLSX/Parquet tables and the model's own JSON.
Imports (:func:`import_model`): edge lists and adjacency matrices (CSV, XLSX), FCMpy expert surveys,
GraphML and GEXF.  docs/interop.md says what each format carries and what it loses.
"""

from realpolitik.interop.convert import EXPORT_FORMATS, IMPORT_FORMATS, export_model, import_model, pysd_check
from realpolitik.interop.graphs import graph_to_model, model_to_graph, read_graph, write_gexf, write_graphml
from realpolitik.interop.imports import EDGE_COLUMNS, import_edges, import_fcmpy, import_matrix, linguistic_terms
from realpolitik.interop.sd import SdOptions, SdSpec, sd_spec, to_vensim, to_xmile
from realpolitik.interop.tables import (
    TABLE_SECTIONS,
    matrix_rows,
    section_table,
    write_csv_tables,
    write_matrix_csv,
    write_parquet_tables,
    write_xlsx_tables,
)

__all__ = [
    "EDGE_COLUMNS",
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "TABLE_SECTIONS",
    "SdOptions",
    "SdSpec",
    "export_model",
    "graph_to_model",
    "import_edges",
    "import_fcmpy",
    "import_matrix",
    "import_model",
    "linguistic_terms",
    "matrix_rows",
    "model_to_graph",
    "pysd_check",
    "read_graph",
    "sd_spec",
    "section_table",
    "to_vensim",
    "to_xmile",
    "write_csv_tables",
    "write_gexf",
    "write_graphml",
    "write_matrix_csv",
    "write_parquet_tables",
    "write_xlsx_tables",
]
